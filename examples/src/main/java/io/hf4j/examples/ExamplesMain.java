package io.hf4j.examples;

import io.hf4j.examples.deployspace.DeploySpace;
import io.hf4j.examples.fashion.Fashion;
import io.hf4j.examples.freeflow.FreeFlow;
import io.hf4j.examples.publishmodel.PublishModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Runs the README's flows: {@code java -jar hf4j-examples.jar [all | freeflow | deploy-space |
 * publish-model | fashion]...}. Without {@code HF_TOKEN} they run on an embedded Hub emulator (and an
 * embedded S3 server for R2); see {@link ExampleEnv}.
 */
public final class ExamplesMain {
  /** A flow: runs in an environment and says whether it succeeded (failures also throw). */
  @FunctionalInterface
  interface Flow {
    boolean run(ExampleEnv env);
  }

  static final Map<String, Flow> FLOWS = new LinkedHashMap<>();
  /** Flows that are not part of {@code all}: the deploy with a broken Dockerfile, which fails on purpose. */
  static final Map<String, Flow> EXTRA_FLOWS = new LinkedHashMap<>();

  static {
    FLOWS.put("freeflow", env -> {
      FreeFlow.run(env);
      return true;
    });
    FLOWS.put("deploy-space", env -> DeploySpace.run(env).running());
    FLOWS.put("publish-model", env -> {
      PublishModel.run(env);
      return true;
    });
    FLOWS.put("fashion", env -> {
      Fashion.run(env);
      return true;
    });
    EXTRA_FLOWS.put("deploy-space-broken", env -> DeploySpace.runBroken(env).running());
  }

  private ExamplesMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the flows named in {@code args}; returns the process exit code. */
  static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
    List<String> names = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("help")) {
        usage(out);
        return 0;
      }
      if (a.equals("all")) names.addAll(FLOWS.keySet());
      else if (FLOWS.containsKey(a) || EXTRA_FLOWS.containsKey(a)) names.add(a);
      else {
        err.println("error: unknown flow '" + a + "'; choose from all, " + String.join(", ", FLOWS.keySet()) + ", "
            + String.join(", ", EXTRA_FLOWS.keySet()));
        return 2;
      }
    }
    if (names.isEmpty()) {
      usage(err);
      return 2;
    }
    long start = System.nanoTime();
    List<String> failed = new ArrayList<>();
    try (ExampleEnv env = ExampleEnv.start(environment, out, ExampleEnv.DEFAULT_CLOCK_SPEED)) {
      for (String name : names.stream().distinct().toList()) {
        out.println();
        long flowStart = System.nanoTime();
        try {
          if (!FLOWS.getOrDefault(name, EXTRA_FLOWS.get(name)).run(env)) failed.add(name);
          out.printf(Locale.ROOT, "  (%s: %.1f s)%n", name, (System.nanoTime() - flowStart) / 1e9);
        } catch (RuntimeException e) {
          failed.add(name);
          err.println("error: " + name + ": " + oneLine(e));
          if (Boolean.parseBoolean(environment.getOrDefault("EXAMPLES_DEBUG", "false"))) e.printStackTrace(err);
        }
      }
    } catch (RuntimeException e) {
      err.println("error: " + oneLine(e));
      return 1;
    }
    out.println();
    double seconds = (System.nanoTime() - start) / 1e9;
    Predicate<String> ok = n -> !failed.contains(n);
    long passed = names.stream().distinct().filter(ok).count();
    out.printf(Locale.ROOT, "%d of %d flow(s) done in %.1f s%s%n", passed, names.stream().distinct().count(), seconds,
        failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
    return failed.isEmpty() ? 0 : 1;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar hf4j-examples.jar all | freeflow | deploy-space | publish-model | fashion ...");
    out.println("  deploy-space-broken (not in all) deploys the backend with a wrong port: it shows the diagnosis and exits 1.");
    out.println("  With HF_TOKEN set the flows use the Hub at HF_ENDPOINT (default https://huggingface.co);");
    out.println("  without it they run on an embedded Hub emulator. R2_* settings select an R2 bucket;");
    out.println("  without R2_BUCKET_NAME an embedded S3 server stands in. FASHION_SPACE names the inference");
    out.println("  Space on the real Hub; FREEFLOW_FLAVOR picks a Jobs flavor; EXAMPLES_DB_URL the runs database.");
  }
}
