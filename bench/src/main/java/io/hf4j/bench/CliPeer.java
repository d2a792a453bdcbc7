package io.hf4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * hf4j as a user runs it: the {@code hf4j} command ({@code cli/bin/hf4j} on {@code cli/target/hf4j-cli.jar}, which
 * {@code bench/run} builds), one process per run, timed from outside. Also a cold JVM timed around the call
 * alone: {@link Child} in a fresh JVM on the bench's class path.
 */
final class CliPeer {
  /** The first Java feature release whose launcher path uses an AOT cache (JEP 483/515) instead of AppCDS. */
  static final int AOT_JAVA = 25;

  private final Path launcher;
  private final Path benchCds;
  private final Path javaHome;
  private final int javaVersion;

  private CliPeer(Path launcher, Path benchCds, Path javaHome, int javaVersion) {
    this.launcher = launcher;
    this.benchCds = benchCds;
    this.javaHome = javaHome;
    this.javaVersion = javaVersion;
  }

  /** The command on the bench's own Java (its {@code java.home}, passed to the launcher as JAVA_HOME). */
  static Optional<CliPeer> find(Path benchDir) {
    Path home = Path.of(System.getProperty("java.home"));
    return find(benchDir, home, Runtime.version().feature());
  }

  /**
   * The command on a second Java of {@link #AOT_JAVA} or newer, when the bench's own is older: the one named by
   * BENCH_AOT_JAVA_HOME, else the newest in the folder that holds the bench's own Java. Empty when there is none or the bench's Java already is one.
   */
  static Optional<CliPeer> findAot(Path benchDir) {
    if (Runtime.version().feature() >= AOT_JAVA) return Optional.empty();
    String named = System.getenv("BENCH_AOT_JAVA_HOME");
    List<Path> candidates = new ArrayList<>();
    if (named != null && !named.isBlank()) {
      candidates.add(Path.of(named));
    } else {
      // The Javas installed beside the bench's own (/usr/lib/jvm on Debian, ~/.sdkman/candidates/java, ...).
      Path installs = Path.of(System.getProperty("java.home")).toAbsolutePath().getParent();
      if (installs == null) return Optional.empty();
      try (java.util.stream.Stream<Path> s = Files.list(installs)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(candidates::add);
      } catch (java.io.IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
    Path best = null;
    int bestVersion = 0;
    for (Path home : candidates) {
      int v = releaseVersion(home);
      if (v >= AOT_JAVA && v > bestVersion && Files.isExecutable(home.resolve("bin/java"))) {
        best = home;
        bestVersion = v;
      }
    }
    return best == null ? Optional.empty() : find(benchDir, best, bestVersion);
  }

  private static Optional<CliPeer> find(Path benchDir, Path javaHome, int javaVersion) {
    Path root = benchDir.getParent();
    Path launcher = root.resolve("cli/bin/hf4j");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(root.resolve("cli/target/hf4j-cli.jar"))) {
      return Optional.empty();
    }
    // One archive folder per Java: the launcher removes the archives of other jars and Javas from its folder.
    return Optional.of(new CliPeer(launcher, benchDir.resolve("target/bench-cds/java" + javaVersion), javaHome,
        javaVersion));
  }

  private static final java.util.regex.Pattern JAVA_VERSION = java.util.regex.Pattern.compile("^JAVA_VERSION=\"?(\\d+)");

  /** The feature release in a Java's {@code release} file ({@code JAVA_VERSION="25.0.1"}), or 0. */
  static int releaseVersion(Path javaHome) {
    try {
      for (String line : Files.readAllLines(javaHome.resolve("release"))) {
        java.util.regex.Matcher m = JAVA_VERSION.matcher(line);
        if (m.find()) return Integer.parseInt(m.group(1));
      }
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** The Java's feature release. */
  int javaVersion() {
    return javaVersion;
  }

  /** How the rows of this command are labelled: {@code base}, with the Java when it uses the AOT cache. */
  String label(String base) {
    return javaVersion >= AOT_JAVA && Runtime.version().feature() < AOT_JAVA
        ? base + " (Java " + javaVersion + ", AOT cache)" : base;
  }

  static String whyMissing(Path benchDir) {
    return "cli/target/hf4j-cli.jar is not built (bench/run builds it)";
  }

  /** {@code hf4j upload -q REPO FOLDER}. */
  PeerRun upload(BenchHub hub, String repo, Path folder, Path home) {
    return run(List.of("upload", "-q", repo, folder.toAbsolutePath().toString()), hub, home);
  }

  /** {@code hf4j download -q --cache-dir CACHE REPO}. */
  PeerRun download(BenchHub hub, String repo, Path cache, Path home) {
    return run(List.of("download", "-q", "--cache-dir", cache.toAbsolutePath().toString(), repo), hub, home);
  }

  private PeerRun run(List<String> args, BenchHub hub, Path home) {
    Procs.Timed t = Procs.timed(command(args), null, env(hub, home), 1800);
    return new PeerRun(t.seconds(), t.cpuSeconds(), Double.NaN, Double.NaN);
  }

  /** The launcher with these arguments. */
  List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(args);
    return cmd;
  }

  /** The environment of a run against {@code hub} with {@code home} as HF_HOME (LFS path, the bench's archives). */
  Map<String, String> env(BenchHub hub, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HF_ENDPOINT", hub.url());
    env.put("HF_TOKEN", hub.token());
    env.put("HF_HOME", home.toString());
    env.put("HF_HUB_DISABLE_XET", "1");
    // A private archive directory: the bench's jar, not whatever the user's cache holds.
    env.put("HF4J_CDS_DIR", benchCds.toString());
    env.put("JAVA_HOME", javaHome.toString());
    return env;
  }

  /** A fresh JVM ({@link Child}) that times the call alone: the first call of a cold JVM. */
  static PeerRun coldJvm(BenchHub hub, String mode, String repo, Path folder, Path scratch) {
    return coldJvm(hub, mode, repo, folder, scratch, false);
  }

  /** {@link #coldJvm(BenchHub, String, String, Path, Path)} through Xet ({@code xet} true) or Git LFS. */
  static PeerRun coldJvm(BenchHub hub, String mode, String repo, Path folder, Path scratch, boolean xet) {
    List<String> cmd = Procs.javaCommand(List.of("-Xmx1g"), Child.class,
        List.of(mode, hub.url(), hub.token(), repo, folder.toAbsolutePath().toString(), scratch.toString()));
    // The Git LFS path, like the Python (LFS) row and the hf4j command these timings are compared with.
    Procs.Timed t = Procs.timed(cmd, null, xet ? Map.of() : Map.of("HF_HUB_DISABLE_XET", "1"), 1800);
    String out = t.result().out().strip();
    Map<String, Object> json = Json.parseObject(out.substring(out.lastIndexOf('\n') + 1));
    Object create = json.get("createSeconds");
    return new PeerRun(t.seconds(), t.cpuSeconds(), ((Number) json.get("seconds")).doubleValue(),
        ((Number) json.get("cpuSeconds")).doubleValue(),
        create instanceof Number n ? n.doubleValue() : Double.NaN);
  }
}
