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
  private final Path launcher;
  private final Path benchCds;

  private CliPeer(Path launcher, Path benchCds) {
    this.launcher = launcher;
    this.benchCds = benchCds;
  }

  static Optional<CliPeer> find(Path benchDir) {
    Path root = benchDir.getParent();
    Path launcher = root.resolve("cli/bin/hf4j");
    if (!Files.isExecutable(launcher) || !Files.isRegularFile(root.resolve("cli/target/hf4j-cli.jar"))) {
      return Optional.empty();
    }
    return Optional.of(new CliPeer(launcher, benchDir.resolve("target/bench-cds")));
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
    return new PeerRun(t.seconds(), t.cpuSeconds(), ((Number) json.get("seconds")).doubleValue(),
        ((Number) json.get("cpuSeconds")).doubleValue());
  }
}
