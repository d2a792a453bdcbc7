package io.hf4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official JS client, {@code @huggingface/hub}, installed by {@code bench/run} with {@code npm ci}
 * into {@code bench/node_modules} from the committed {@code package-lock.json}, driven by
 * {@code bench/js/upload.mjs}, which times {@code uploadFiles} inside node.
 */
final class JsPeer {
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  private final Path benchDir;

  private JsPeer(Path benchDir) {
    this.benchDir = benchDir;
  }

  /** The peer, when node and the installed package are there. */
  static Optional<JsPeer> find(Path benchDir) {
    if (installedVersion(benchDir).isEmpty() || !Procs.available("node")) return Optional.empty();
    if (!Files.isRegularFile(benchDir.resolve("js/upload.mjs"))) return Optional.empty();
    return Optional.of(new JsPeer(benchDir));
  }

  static Optional<String> installedVersion(Path benchDir) {
    Path pkg = benchDir.resolve("node_modules/@huggingface/hub/package.json");
    try {
      if (!Files.isRegularFile(pkg)) return Optional.empty();
      Matcher m = VERSION.matcher(Files.readString(pkg));
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static String whyMissing(Path benchDir) {
    if (!Procs.available("node")) return "node is not installed";
    if (installedVersion(benchDir).isEmpty()) {
      return "@huggingface/hub is not installed in " + benchDir + "/node_modules (bench/run runs npm ci)";
    }
    return "js/upload.mjs is missing";
  }

  /** One upload as node measured it: wall seconds from call to return, and node's CPU seconds meanwhile. */
  record Run(double seconds, double cpuSeconds) {}

  /** Uploads a folder with the JS client. */
  Run upload(String hubUrl, String token, String repo, Path folder) {
    List<String> cmd = List.of("node", benchDir.resolve("js/upload.mjs").toString(), "--hub", hubUrl, "--token", token,
        "--repo", repo, "--folder", folder.toAbsolutePath().toString());
    Procs.Result r = Procs.check(Procs.run(cmd, benchDir, 1800), cmd.subList(0, 2));
    String out = r.out().strip();
    String last = out.substring(out.lastIndexOf('\n') + 1);
    Map<String, Object> json = Json.parseObject(last);
    Object cpu = json.get("cpuMs");
    return new Run(((Number) json.get("ms")).doubleValue() / 1000.0,
        cpu instanceof Number n ? n.doubleValue() / 1000.0 : Double.NaN);
  }
}
