package io.hf4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official Python client, {@code huggingface_hub} (with {@code hf_xet}), from the pinned virtualenv the
 * build installs ({@code test-fixtures/.python-peer}, by {@code test-fixtures/src/main/python/install-peer.sh},
 * which {@code bench/run} calls when it is missing), driven by {@code bench/py/peer.py}: a fresh interpreter per
 * run, timed from outside (whole process) and inside around the call alone.
 */
final class PyPeer {
  private final Path python;
  private final Path script;
  private final String version;

  private PyPeer(Path python, Path script, String version) {
    this.python = python;
    this.script = script;
    this.version = version;
  }

  /** The virtualenv's interpreter. */
  static Path python(Path benchDir) {
    return benchDir.resolveSibling("test-fixtures").resolve(".python-peer/bin/python");
  }

  /** The peer, when the virtualenv and the driver script are there and import. */
  static Optional<PyPeer> find(Path benchDir) {
    Path py = python(benchDir);
    Path script = benchDir.resolve("py/peer.py");
    if (!Files.isExecutable(py) || !Files.isRegularFile(script)) return Optional.empty();
    String v = Procs.tryOutput(List.of(py.toString(), "-c",
        "import huggingface_hub, hf_xet, importlib.metadata as m; print('huggingface_hub', huggingface_hub.__version__,"
            + " '+ hf_xet', m.version('hf_xet'))")).strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(new PyPeer(py, script, v));
  }

  static String whyMissing(Path benchDir) {
    if (!Files.isExecutable(python(benchDir))) {
      return "no virtualenv at " + python(benchDir).getParent().getParent() + " (bench/run runs"
          + " test-fixtures/src/main/python/install-peer.sh)";
    }
    return "huggingface_hub does not import from " + python(benchDir) + ", or bench/py/peer.py is missing";
  }

  String version() {
    return version;
  }

  /** Uploads a folder with {@code upload_folder}; {@code xet} false sets HF_HUB_DISABLE_XET=1 (classic LFS). */
  PeerRun upload(BenchHub hub, String repo, Path folder, boolean xet, Path home) {
    return run(List.of("upload", "--hub", hub.url(), "--token", hub.token(), "--repo", repo, "--folder",
        folder.toAbsolutePath().toString()), xet, home);
  }

  /** Downloads a repo with {@code snapshot_download} into {@code cache}. */
  PeerRun download(BenchHub hub, String repo, Path cache, Path home) {
    return run(List.of("download", "--hub", hub.url(), "--token", hub.token(), "--repo", repo, "--cache",
        cache.toAbsolutePath().toString()), false, home);
  }

  private PeerRun run(List<String> args, boolean xet, Path home) {
    List<String> cmd = new java.util.ArrayList<>(List.of(python.toString(), script.toString()));
    cmd.addAll(args);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HF_HOME", home.toString());
    env.put("HF_HUB_DISABLE_TELEMETRY", "1");
    env.put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
    env.put("HF_HUB_DISABLE_XET", xet ? null : "1");
    env.put("HF_TOKEN", null);
    env.put("HF_ENDPOINT", null);
    Procs.Timed t = Procs.timed(cmd, script.getParent(), env, 1800);
    String out = t.result().out().strip();
    Map<String, Object> json = Json.parseObject(out.substring(out.lastIndexOf('\n') + 1));
    return new PeerRun(t.seconds(), t.cpuSeconds(), ((Number) json.get("ms")).doubleValue() / 1000,
        ((Number) json.get("cpuMs")).doubleValue() / 1000);
  }
}
