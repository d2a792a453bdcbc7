package io.hf4j.bench;

import io.hf4j.core.RepoId;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Xet uploads, hf4j beside the official Python client with {@code hf_xet}, against the same emulator build in the
 * same run, clients alternating: a few large random files, many small files, and the re-upload of a large file
 * after a 1 MiB edit in its middle (time and bytes sent, from the emulator's CAS counters). Every upload goes to
 * a fresh emulator (an empty CAS), so no client deduplicates against another client's xorbs.
 */
final class XetSection {
  static final String WARM = "hf4j, warm JVM";
  static final String COLD = "hf4j, fresh JVM";
  static final String PY = "Python upload_folder (hf_xet)";

  /** One Xet scenario: a folder; {@code edited} is the folder re-uploaded after the first upload (or null). */
  record Scenario(String id, String title, Datasets.Folder folder, Datasets.Folder edited) {}

  /** One timed upload: times, and the bytes the CAS received (xorbs, shards) during it. */
  record Run(PeerRun times, long xorbBytes, long shardBytes) {}

  private XetSection() {}

  static List<Scenario> scenarios(Bench bench) {
    Profile p = bench.profile;
    boolean smoke = p.name().equals("smoke");
    List<Scenario> s = new ArrayList<>();
    int bigFiles = smoke ? 2 : 4;
    long bigSize = smoke ? 1 * Profile.MIB : 64 * Profile.MIB;
    s.add(new Scenario("random", bigFiles + " × " + Report.size(bigSize) + " random",
        Datasets.ensure(bench.data("xet-random"), Datasets.binaries("r", bigFiles, bigSize), 21), null));
    s.add(new Scenario("small", p.smallFiles() + " × " + Report.size(p.smallFileSize()) + " small files",
        Datasets.ensure(bench.data("xet-small"), Datasets.texts(p.smallFiles(), p.smallFileSize(), 1000), 22), null));
    long editSize = smoke ? 8 * Profile.MIB : 200_000_000L;
    long edit = smoke ? 256 * Profile.KIB : Profile.MIB;
    Datasets.Folder original = Datasets.ensure(bench.data("xet-edit-v1"), Datasets.binaries("model", 1, editSize), 23);
    s.add(new Scenario("edit", "re-upload of " + Report.size(editSize) + " after a " + Report.size(edit)
        + " edit in the middle", original, edited(bench.data("xet-edit-v2"), original, edit)));
    return s;
  }

  /** A copy of the one-file folder with {@code edit} random bytes overwritten in the middle of the file. */
  private static Datasets.Folder edited(Path root, Datasets.Folder original, long edit) {
    Datasets.Spec spec = original.files().get(0);
    Path target = root.resolve(spec.path());
    try {
      Files.createDirectories(target.getParent());
      Files.copy(original.root().resolve(spec.path()), target, StandardCopyOption.REPLACE_EXISTING);
      byte[] b = new byte[(int) edit];
      new SplittableRandom(24).nextBytes(b);
      try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
        f.seek(spec.size() / 2 - edit / 2);
        f.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Datasets.Folder(root, List.of(spec));
  }

  static void run(Bench bench, Report.Section section) {
    Profile p = bench.profile;
    boolean havePy = bench.python.isPresent();
    if (!havePy) section.note("Python client not measured: " + bench.pythonMissing + ".");
    section.data.put("loadAverageAtStart", Machine.loadAverage());
    warmUp(bench);
    Report.Table t = section.table("Xet upload time in seconds, min / median / max of " + p.runs() + " round(s), the"
            + " clients alternating within each round; bytes sent are the serialized xorbs (LZ4) and shards the"
            + " emulator's CAS received during the timed upload (the median run). \"call alone\" is timed inside the"
            + " client around upload_folder / uploadFolder; \"whole process\" from outside, start to exit.",
        "scenario", "client", "call alone", "whole process", "CPU s (median)", "call / Python", "process / Python",
        "xorb bytes sent", "shard bytes sent", "bytes / Python");
    Report.Table cpu = section.table("Where hf4j's time goes (warm JVM, last round): CPU seconds by thread group"
            + " (sampled every 10 ms); the bench JVM also runs the emulator, which validates every xorb (LZ4 decode"
            + " and BLAKE3 again). 2 cores give 2 CPU-seconds per second of wall time.",
        "scenario", "wall", "client pool (hashing, PUTs)", "client Xet threads", "other client (calling thread, OkHttp)",
        "emulator", "JVM (GC, JIT)");
    Path scratch = bench.workDir.resolve("xet-peers");
    for (Scenario s : scenarios(bench)) {
      Datasets.Folder timed = s.edited() == null ? s.folder() : s.edited();
      bench.log("xet: %s (%d files, %s)", s.title(), timed.count(), Report.mib(timed.bytes()));
      Map<String, Client> clients = new LinkedHashMap<>();
      AtomicReference<Map<String, Double>> cpuLast = new AtomicReference<>();
      clients.put(WARM, (hub, repo, folder, home, timedRun) -> {
        if (!timedRun) {
          hub.hub.uploadFolder(repo, folder.root(), BenchHub.quietParams(new AtomicReference<>()));
          return null;
        }
        double secs;
        Map<String, Double> b;
        try (CpuMeter meter = CpuMeter.start()) {
          long t0 = System.nanoTime();
          hub.hub.uploadFolder(repo, folder.root(), BenchHub.quietParams(new AtomicReference<>()));
          secs = (System.nanoTime() - t0) / 1e9;
          meter.stop();
          b = meter.breakdown();
        }
        cpuLast.set(b);
        return new PeerRun(Double.NaN, Double.NaN, secs,
            CpuMeter.client(b));
      });
      clients.put(COLD, (hub, repo, folder, home, timedRun) ->
          CliPeer.coldJvm(hub, "upload", repo.toString(), folder.root(), home, true));
      if (havePy) {
        clients.put(PY, (hub, repo, folder, home, timedRun) ->
            bench.python.get().upload(hub, repo.toString(), folder.root(), true, home));
      }
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      List<String> order = new ArrayList<>(clients.keySet());
      for (int round = 0; round < p.runs(); round++) {
        for (int i = 0; i < order.size(); i++) {
          String c = order.get((i + round) % order.size());
          Run r = once(s, clients.get(c), ThroughputSection.fresh(scratch, "home"));
          runs.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
          bench.log("  round %d: %s: call %s s, process %s s, xorb bytes %d, shard bytes %d", round + 1, c,
              Report.secs(r.times().callSeconds()), Report.secs(r.times().processSeconds()), r.xorbBytes(),
              r.shardBytes());
        }
      }
      section.data.put(s.id(), rows(t, s.title(), timed.bytes(), runs));
      Map<String, Double> b = cpuLast.get();
      cpu.row(s.title(), Report.secs(b.get("wall")), Report.secs(b.get(CpuMeter.POOL)),
          Report.secs(b.get(CpuMeter.XET)), Report.secs(b.get(CpuMeter.OTHER)), Report.secs(b.get("emulator")),
          Report.secs(b.get("jvm (GC, JIT)")));
    }
    section.data.put("loadAverageAtEnd", Machine.loadAverage());
    section.note("Each upload runs against a fresh emulator (same build, same machine, on loopback; LFS threshold 1 KiB"
        + " so the small files go through Xet too) and is checked byte for byte afterwards; the re-upload scenario"
        + " first uploads the original with the same client and HF home (untimed), then times the edited file. The"
        + " warm JVM is the bench's own after an untimed warm-up; the fresh JVM is a new java process timing its"
        + " first uploadFolder call; the Python client runs in a fresh interpreter each time. In the warm JVM's CPU"
        + " table, \"client Xet threads\" are the xet module's threads (its CPU pool, which the emulator's xorb checks"
        + " share, so they include the emulator's BLAKE3 over every received xorb, and its xorb uploads).");
  }

  /** Uploads with one client against a fresh emulator: the edit scenario's original first (untimed). */
  private static Run once(Scenario s, Client client, Path home) {
    try (BenchHub hub = BenchHub.start(Profile.named("smoke"), b -> b.lfsThreshold(1024), b -> { })) {
      RepoId repo = hub.newRepo("xet-" + s.id());
      if (s.edited() != null) {
        client.upload(hub, repo, s.folder(), home, false);
        ThroughputSection.checkIdentical(hub, repo, s.folder());
      }
      Datasets.Folder timed = s.edited() == null ? s.folder() : s.edited();
      long xorb0 = hub.emulator.xet().xorbBytesReceived();
      int req0 = hub.emulator.requests().size();
      PeerRun r = client.upload(hub, repo, timed, home, true);
      long xorbBytes = hub.emulator.xet().xorbBytesReceived() - xorb0;
      List<RecordedRequest> all = hub.emulator.requests();
      long shardBytes = 0;
      for (RecordedRequest q : all.subList(Math.min(req0, all.size()), all.size())) {
        if (q.host() == Host.CAS && q.method().equals("POST") && q.path().startsWith("/v1/shards")
            && q.status() / 100 == 2) {
          shardBytes += q.requestBytes();
        }
      }
      ThroughputSection.checkIdentical(hub, repo, timed);
      if (hub.emulator.requests().stream().anyMatch(q -> q.path().contains("/info/lfs/objects/batch"))) {
        throw new IllegalStateException(s.id() + ": the upload went through LFS, not Xet");
      }
      return new Run(r, xorbBytes, shardBytes);
    }
  }

  private static Map<String, Object> rows(Report.Table t, String title, long bytes, Map<String, List<Run>> runs) {
    Map<String, Object> d = new LinkedHashMap<>();
    List<Run> ref = runs.get(PY);
    double refCall = ref == null ? Double.NaN : Stats.median(calls(ref));
    double refProc = ref == null ? Double.NaN : Stats.median(procs(ref));
    double refBytes = ref == null ? Double.NaN : Stats.median(sent(ref));
    for (Map.Entry<String, List<Run>> e : runs.entrySet()) {
      List<Double> call = calls(e.getValue());
      List<Double> proc = procs(e.getValue());
      List<Double> cpus = new ArrayList<>();
      for (Run r : e.getValue()) cpus.add(ThroughputSection.cpuOf(r.times()));
      boolean isRef = e.getKey().equals(PY);
      double mBytes = Stats.median(sent(e.getValue()));
      Run med = median(e.getValue());
      t.row(title, e.getKey(), Stats.spread(call), Stats.spread(proc), Report.secs(Stats.median(cpus)),
          isRef ? null : Report.ratio(Stats.ratio(Stats.median(call), refCall)),
          isRef ? null : Report.ratio(Stats.ratio(Stats.median(proc), refProc)),
          Report.mib(med.xorbBytes()), Report.size(med.shardBytes()),
          isRef ? null : Report.ratio(Stats.ratio(mBytes, refBytes)));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("callSeconds", call);
      m.put("processSeconds", proc);
      m.put("cpuSeconds", cpus);
      m.put("xorbBytes", e.getValue().stream().map(Run::xorbBytes).toList());
      m.put("shardBytes", e.getValue().stream().map(Run::shardBytes).toList());
      d.put(e.getKey(), m);
    }
    d.put("bytes", bytes);
    d.put("reference", PY);
    return d;
  }

  private static Run median(List<Run> runs) {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort((a, b) -> Long.compare(a.xorbBytes() + a.shardBytes(), b.xorbBytes() + b.shardBytes()));
    return sorted.get(sorted.size() / 2);
  }

  private static List<Double> calls(List<Run> runs) {
    return runs.stream().map(r -> r.times().callSeconds()).toList();
  }

  private static List<Double> procs(List<Run> runs) {
    return runs.stream().map(r -> r.times().processSeconds()).toList();
  }

  private static List<Double> sent(List<Run> runs) {
    return runs.stream().map(r -> (double) (r.xorbBytes() + r.shardBytes())).toList();
  }

  /** One client's upload of a folder to a repo with a HF home; {@code timed} false for the untimed first upload. */
  @FunctionalInterface
  private interface Client {
    PeerRun upload(BenchHub hub, RepoId repo, Datasets.Folder folder, Path home, boolean timed);
  }

  /** One untimed Xet upload in this JVM, so class loading and JIT are not in the warm JVM's first timing. */
  private static void warmUp(Bench bench) {
    long size = bench.profile.name().equals("smoke") ? Profile.MIB : 16 * Profile.MIB;
    Datasets.Folder f = Datasets.ensure(bench.data("xet-warmup"), Datasets.binaries("w", 2, size), 29);
    try (BenchHub hub = BenchHub.start(Profile.named("smoke"), b -> b.lfsThreshold(1024), b -> { })) {
      hub.hub.uploadFolder(hub.newRepo("warmup"), f.root(), BenchHub.quietParams(new AtomicReference<>()));
    }
  }
}
