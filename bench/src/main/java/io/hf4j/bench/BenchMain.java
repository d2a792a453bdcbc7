package io.hf4j.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the hf4j bench and writes {@code results.md} and {@code results.json}. Started by
 * {@code bench/run}; see {@link #USAGE}.
 */
public final class BenchMain {
  static final String USAGE = String.join("\n",
      "usage: bench/run [--profile full|quick|smoke] [--sections " + String.join(",", Report.SECTION_IDS) + "]",
      "                 [--out DIR] [--work DIR] [--bench-dir DIR] [--no-js] [--no-python]",
      "  --profile   full (default): the sizes of issue 9; quick: big files scaled down; smoke: tiny (the test suite)",
      "  --sections  a comma-separated subset of the sections (default: all)",
      "  --out       where results.md and results.json go (default: <bench>/results)",
      "  --work      generated data and scratch space (default: <bench>/target/bench-work)",
      "  --no-js     skip the JS client",
      "  --no-python skip the Python client (huggingface_hub)");

  /** Kept reachable so the level sticks: injected faults make the emulator log expected failures. */
  private static final Logger EMULATOR_LOG = Logger.getLogger("io.hf4j.testkit");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        System.out.println(USAGE);
        return;
      }
      if (a.equals("--no-js") || a.equals("--no-python")) {
        opts.put(a.substring(2), "true");
      } else if (a.startsWith("--") && i + 1 < args.length) {
        opts.put(a.substring(2), args[++i]);
      } else {
        System.err.println("unknown argument " + a + "\n" + USAGE);
        System.exit(2);
      }
    }
    Report report;
    try {
      report = run(opts);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    boolean failed = report.sections.stream().anyMatch(s -> !"ok".equals(s.status));
    System.exit(failed ? 1 : 0);
  }

  /** Runs the selected sections and writes the results; returns the report. */
  static Report run(Map<String, String> opts) throws Exception {
    Profile profile = Profile.named(opts.getOrDefault("profile", "full"));
    Path benchDir = Path.of(opts.getOrDefault("bench-dir", defaultBenchDir().toString())).toAbsolutePath().normalize();
    Path out = Path.of(opts.getOrDefault("out", benchDir.resolve("results").toString())).toAbsolutePath();
    Path work = Path.of(opts.getOrDefault("work", benchDir.resolve("target/bench-work").toString())).toAbsolutePath();
    Files.createDirectories(work);
    Set<String> sections = new LinkedHashSet<>();
    for (String s : opts.getOrDefault("sections", String.join(",", Report.SECTION_IDS)).split(",")) {
      if (!Report.SECTION_IDS.contains(s.strip())) throw new IllegalArgumentException("unknown section " + s + "\n" + USAGE);
      sections.add(s.strip());
    }
    boolean noJs = opts.containsKey("no-js");
    EMULATOR_LOG.setLevel(Level.OFF);
    Report report = new Report(Machine.describe(benchDir));
    Instant started = Instant.now();
    report.run.put("startedAt", started.toString());
    report.run.put("profile", profile.name());
    report.run.put("command", "bench/run" + (profile.name().equals("full") ? "" : " --profile " + profile.name())
        + (opts.containsKey("sections") ? " --sections " + String.join(",", sections) : "") + (noJs ? " --no-js" : "")
        + (opts.containsKey("no-python") ? " --no-python" : ""));
    report.run.put("sections", new ArrayList<>(sections));
    report.run.put("sizes", profile.toString());
    Bench bench = new Bench(profile, work, benchDir, report, JsPeer.find(benchDir), noJs, System.out);
    if (opts.containsKey("no-python")) {
      bench.pythonMissing = "--no-python was given";
    } else {
      bench.python = PyPeer.find(benchDir);
      if (bench.python.isEmpty()) bench.pythonMissing = PyPeer.whyMissing(benchDir);
    }
    bench.cli = CliPeer.find(benchDir);
    bench.cliAot = bench.cli.isPresent() ? CliPeer.findAot(benchDir) : java.util.Optional.empty();
    report.machine.put("aotJava", bench.cliAot.map(c -> "Java " + c.javaVersion() + " (the hf4j command's second row)")
        .orElse("none (no Java " + CliPeer.AOT_JAVA + "+ besides the bench's)"));
    report.machine.put("pythonClient", bench.python.map(PyPeer::version).orElse("not measured: " + bench.pythonMissing));
    bench.log("hf4j bench, profile %s, sections %s, results to %s", profile.name(), sections, out);

    AtomicReference<BenchHub> hubHolder = new AtomicReference<>();
    AtomicReference<List<ThroughputSection.Uploaded>> uploaded = new AtomicReference<>();
    try {
      for (String id : Report.SECTION_IDS) {
        if (!sections.contains(id)) continue;
        Report.Section s = report.section(id, title(id, profile));
        long t0 = System.nanoTime();
        try {
          switch (id) {
            case "throughput" -> {
              hubHolder.set(BenchHub.start(profile, b -> { }, c -> c.disableXet(true)));
              uploaded.set(ThroughputSection.run(bench, hubHolder.get(), s));
            }
            case "downloads" -> {
              if (hubHolder.get() == null) hubHolder.set(BenchHub.start(profile, b -> { }, c -> c.disableXet(true)));
              if (uploaded.get() == null) uploaded.set(uploadOnce(bench, hubHolder.get()));
              DownloadSection.run(bench, hubHolder.get(), uploaded.get(), s);
            }
            case "startup" -> StartupSection.run(bench, s);
            case "memory" -> MemorySection.run(bench, s);
            case "rate-limits" -> RateLimitSection.run(bench, s);
            case "faults" -> FaultSection.run(bench, s);
            case "micro" -> MicroSection.run(bench, s);
            case "xet" -> XetSection.run(bench, s);
            default -> throw new IllegalStateException(id);
          }
        } catch (Throwable e) {
          s.status = "failed: " + e;
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          s.data.put("error", trace.toString());
          bench.log("section %s failed: %s", id, trace);
        } finally {
          s.elapsed = Duration.ofNanos(System.nanoTime() - t0);
          if (id.equals("downloads") || (id.equals("throughput") && !sections.contains("downloads"))) {
            closeHub(hubHolder);
          }
          report.run.put("elapsedSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
          report.write(out);
          bench.log("section %s: %s in %.1f s", id, s.status, s.elapsed.toMillis() / 1000.0);
        }
      }
    } finally {
      closeHub(hubHolder);
    }
    report.run.put("elapsedSeconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
    report.machine.put("loadAverageAtEnd", Machine.loadAverage());
    report.write(out);
    bench.log("done: %s and %s", out.resolve("results.md"), out.resolve("results.json"));
    return report;
  }

  private static void closeHub(AtomicReference<BenchHub> holder) {
    BenchHub h = holder.getAndSet(null);
    if (h != null) h.close();
  }

  /** When downloads run without throughput: upload each folder once with hf4j (untimed). */
  private static List<ThroughputSection.Uploaded> uploadOnce(Bench bench, BenchHub hub) {
    List<ThroughputSection.Uploaded> out = new ArrayList<>();
    for (ThroughputSection.Scenario s : ThroughputSection.scenarios(bench)) {
      var repo = hub.newRepo("dl-" + s.id());
      hub.hub.uploadFolder(repo, s.folder().root(), BenchHub.quietParams(new AtomicReference<>()));
      out.add(new ThroughputSection.Uploaded(s, repo));
    }
    return out;
  }

  static String title(String id, Profile p) {
    return switch (id) {
      case "throughput" -> "Throughput: uploads to the emulator on loopback";
      case "downloads" -> "Downloads: snapshotDownload against the disk";
      case "startup" -> "Start-up: the command lines to their first request";
      case "memory" -> "Memory: " + Report.size(p.memoryFileSize()) + " up and down with -Xmx256m";
      case "rate-limits" -> "Rate limits: " + p.rateCalls() + " calls against " + p.rateQuota() + " per "
          + p.rateWindowSeconds() + " s";
      case "faults" -> "Faults: " + Report.pct(p.faultShare()) + " injected faults, then a killed upload resumed";
      case "micro" -> "Micro benchmarks (JMH)";
      case "xet" -> "Xet: hf4j and the Python client with hf_xet, first uploads and a re-upload after an edit";
      default -> id;
    };
  }

  /** The bench module's folder: the working directory when it holds package.json, else ./bench. */
  static Path defaultBenchDir() {
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(cwd.resolve("package.json")) && Files.isDirectory(cwd.resolve("js"))) return cwd;
    Path sub = cwd.resolve("bench");
    return Files.isDirectory(sub) ? sub : cwd;
  }
}
