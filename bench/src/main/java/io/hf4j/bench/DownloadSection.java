package io.hf4j.bench;

import io.hf4j.hub.SnapshotDownloadParams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code snapshotDownload} of the repos the throughput section uploaded, into an empty cache each run, beside
 * the Python client's {@code snapshot_download} of the same repo from the same emulator in the same run:
 * hf4j in the bench JVM (warm), in a fresh JVM (cold, first call) and as the {@code hf4j download} command.
 */
final class DownloadSection {
  static final String WARM = "hf4j, warm JVM";
  static final String COLD = "hf4j, cold JVM (first call)";
  static final String CLI = "hf4j command";
  static final String PY = "Python snapshot_download";

  private DownloadSection() {}

  static void run(Bench bench, BenchHub hub, List<ThroughputSection.Uploaded> uploaded, Report.Section section) {
    Profile p = bench.profile;
    Report.Table t = section.table("Download time in seconds into an empty cache, min / median / max of " + p.runs()
            + " round(s) (1 for the 10 000-file repo), the clients alternating within each round. Ratios are medians"
            + " over the Python client's in the same run: below 1 means faster.",
        "repo", "client", "call alone", "whole process", "CPU s (median)", "call / Python", "process / Python",
        "throughput (call)");
    Path scratch = bench.workDir.resolve("downloads");
    try {
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bench.python.isEmpty()) section.note("Python client not measured: " + bench.pythonMissing + ".");
    section.data.put("loadAverageAtStart", Machine.loadAverage());
    for (ThroughputSection.Uploaded u : uploaded) {
      Datasets.Folder folder = u.scenario().folder();
      String repo = u.repo().toString();
      bench.log("downloads: %s from %s", u.scenario().title(), u.repo());
      Map<String, Supplier<PeerRun>> clients = new LinkedHashMap<>();
      clients.put(WARM, () -> {
        Path cache = ThroughputSection.fresh(scratch, "warm");
        Path snapshot;
        double secs;
        Map<String, Double> b;
        try (CpuMeter meter = CpuMeter.start()) {
          long t0 = System.nanoTime();
          snapshot = hub.hub.snapshotDownload(u.repo(), SnapshotDownloadParams.builder().cacheDir(cache).build());
          secs = (System.nanoTime() - t0) / 1e9;
          meter.stop();
          b = meter.breakdown();
        }
        // The bench JVM also runs the emulator: count the client's threads only.
        double cpu = CpuMeter.client(b);
        verify(snapshot, folder);
        return new PeerRun(Double.NaN, Double.NaN, secs, cpu);
      });
      if (u.scenario().peers()) {
        clients.put(COLD, () -> {
          Path dir = ThroughputSection.fresh(scratch, "cold");
          PeerRun r = CliPeer.coldJvm(hub, "download", repo, folder.root(), dir);
          verify(snapshotOf(dir.resolve("cache"), repo), folder);
          return r;
        });
        bench.cli.ifPresent(cli -> clients.put(CLI, () -> {
          Path dir = ThroughputSection.fresh(scratch, "cli");
          PeerRun r = cli.download(hub, repo, dir.resolve("cache"), dir);
          verify(snapshotOf(dir.resolve("cache"), repo), folder);
          return r;
        }));
        bench.python.ifPresent(py -> clients.put(PY, () -> {
          Path dir = ThroughputSection.fresh(scratch, "py");
          PeerRun r = py.download(hub, repo, dir.resolve("cache"), dir);
          verify(snapshotOf(dir.resolve("cache"), repo), folder);
          return r;
        }));
      }
      // Ten thousand files take long enough that one run is enough (and keeps the bench under 20 minutes).
      int rounds = folder.count() > 5000 ? 1 : p.runs();
      Map<String, List<PeerRun>> runs = new LinkedHashMap<>();
      List<String> order = new ArrayList<>(clients.keySet());
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < order.size(); i++) {
          String c = order.get((i + round) % order.size());
          PeerRun r = clients.get(c).get();
          runs.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
          bench.log("  round %d: %s: call %s s, process %s s, CPU %s s", round + 1, c, Report.secs(r.callSeconds()),
              Report.secs(r.processSeconds()), Report.secs(ThroughputSection.cpuOf(r)));
        }
      }
      Map<String, Object> d = ThroughputSection.table(t, u.scenario().title(), folder.bytes(), runs, PY, List.of());
      d.put("files", folder.count());
      section.data.put(u.scenario().id(), d);
      if (u.scenario().peers() && runs.containsKey(PY)) {
        double pyCall = Stats.median(ThroughputSection.calls(runs.get(PY)));
        double pyProc = Stats.median(ThroughputSection.procs(runs.get(PY)));
        double rCall = Stats.ratio(Stats.median(ThroughputSection.calls(runs.get(WARM))), pyCall);
        double rProc = Stats.ratio(Stats.median(ThroughputSection.procs(runs.get(CLI))), pyProc);
        section.target(u.scenario().title() + ": download, hf4j / Python, call alone (warm)", "≤ 0.7×",
            Report.ratio(rCall), ThroughputSection.met(rCall, 0.7));
        section.target(u.scenario().title() + ": download, hf4j command / Python, whole process", "≤ 0.7×",
            Report.ratio(rProc), ThroughputSection.met(rProc, 0.7));
      }
    }
    section.data.put("loadAverageAtEnd", Machine.loadAverage());
    section.note("Every snapshot is checked after the timer stopped: same files, same sha256. The Python client runs"
        + " in a fresh interpreter each time; hf4j's cold JVM is a fresh java process timing its first snapshotDownload;"
        + " the hf4j command is cli/bin/hf4j download -q; every client downloads through the resolve route (Xet off:"
        + " hf4j's config, HF_HUB_DISABLE_XET=1 for the others). CPU s: the process's user + system CPU for whole-process"
        + " rows, else the client's CPU during the call (warm JVM: its threads only, as the JVM also hosts the"
        + " emulator).");
  }

  /** The snapshot folder of a model repo's only revision in a Hub cache. */
  static Path snapshotOf(Path cache, String repo) {
    Path snapshots = cache.resolve("models--" + repo.replace("/", "--")).resolve("snapshots");
    try (var s = Files.list(snapshots)) {
      List<Path> revs = s.toList();
      if (revs.size() != 1) throw new IllegalStateException(snapshots + " holds " + revs.size() + " snapshots");
      return revs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void verify(Path snapshot, Datasets.Folder folder) {
    for (Datasets.Spec s : folder.files()) {
      Path got = snapshot.resolve(s.path());
      if (!Files.exists(got)) throw new IllegalStateException("snapshot lacks " + s.path());
      if (!Sha.sha256(got).equals(Sha.sha256(folder.root().resolve(s.path())))) {
        throw new IllegalStateException("snapshot file differs: " + s.path());
      }
    }
  }
}
