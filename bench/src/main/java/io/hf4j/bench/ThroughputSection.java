package io.hf4j.bench;

import io.hf4j.core.RepoId;
import io.hf4j.hub.UploadEvent;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.StoredFile;
import io.hf4j.testkit.RepoView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Uploads to the emulator on loopback, hf4j beside the official clients, all measured in the same run against
 * the same emulator in alternating order: hf4j in the bench JVM (warm: after an untimed warm-up upload), hf4j in
 * a fresh JVM (cold: its first call), the {@code hf4j} command (whole process), the Python client's
 * {@code upload_folder} (whole process and the call alone; LFS, and the Xet path reported alone), and the JS
 * client's {@code uploadFiles}; the hashing floor is {@code openssl dgst -sha256} over the same files.
 */
final class ThroughputSection {
  /** One folder to upload; {@code peers} when the other clients upload it too. */
  record Scenario(String id, String title, Datasets.Folder folder, boolean peers) {}

  /** What the download section reuses: the scenarios and a repo holding each folder (uploaded by hf4j). */
  record Uploaded(Scenario scenario, RepoId repo) {}

  static final String WARM = "hf4j, warm JVM";
  static final String COLD = "hf4j, cold JVM (first call)";
  static final String CLI = "hf4j command";
  static final String PY = "Python upload_folder (LFS)";
  static final String PY_XET = "Python upload_folder (Xet path)";
  static final String JS = "JS uploadFiles (LFS)";
  static final String OPENSSL = "openssl dgst -sha256";

  private ThroughputSection() {}

  static List<Scenario> scenarios(Bench bench) {
    Profile p = bench.profile;
    // The smoke profile (the test suite) runs the other clients on one scenario: every path, fewer processes.
    boolean smoke = p.name().equals("smoke");
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("lfs", p.lfsFiles() + " × " + Report.size(p.lfsFileSize()) + " via LFS",
        Datasets.ensure(bench.data("lfs"), Datasets.binaries("shard", p.lfsFiles(), p.lfsFileSize()), 1), !smoke));
    s.add(new Scenario("small", p.smallFiles() + " × " + Report.size(p.smallFileSize()) + " in one commit",
        Datasets.ensure(bench.data("small"), Datasets.texts(p.smallFiles(), p.smallFileSize(), 1000), 2), true));
    s.add(new Scenario("many", p.manyFiles() + " × " + Report.size(p.smallFileSize()) + " via multi-commit",
        Datasets.ensure(bench.data("many"), Datasets.texts(p.manyFiles(), p.smallFileSize(), 1000), 3), false));
    s.add(new Scenario("multipart", "1 × " + Report.size(p.multipartSize()) + " via multipart ("
        + Report.size(p.multipartChunk()) + " parts)",
        Datasets.ensure(bench.data("multipart"), Datasets.binaries("big", 1, p.multipartSize()), 4), false));
    return s;
  }

  static List<Uploaded> run(Bench bench, BenchHub hub, Report.Section section) {
    Profile p = bench.profile;
    List<Scenario> scenarios = scenarios(bench);
    boolean haveSsl = Openssl.available();
    boolean haveJs = bench.js.isPresent() && !bench.skipJs;
    boolean havePy = bench.python.isPresent();
    boolean haveCli = bench.cli.isPresent();
    if (!havePy) section.note("Python client not measured: " + bench.pythonMissing + ".");
    if (!haveJs) {
      section.note("JS client not measured: " + (bench.skipJs ? "--no-js was given" : JsPeer.whyMissing(bench.benchDir)) + ".");
    }
    if (!haveCli) section.note("hf4j command not measured: " + CliPeer.whyMissing(bench.benchDir) + ".");
    if (!haveSsl) section.note("openssl not found: the hashing floor is not measured.");
    double sslSpeed = haveSsl ? Openssl.speed() : Double.NaN;
    section.data.put("opensslSha256BytesPerSecond", sslSpeed);
    section.data.put("loadAverageAtStart", Machine.loadAverage());

    warmUp(bench, hub);

    Report.Table t = section.table("Upload time in seconds, min / median / max of " + p.runs() + " round(s), the clients"
            + " alternating within each round. \"call alone\" is timed inside the client around the upload call;"
            + " \"whole process\" from outside, start to exit (JVM or interpreter start-up, imports, the call)."
            + " Ratios are medians over the Python client's (LFS) in the same run: below 1 means faster.",
        "scenario", "client", "call alone", "whole process", "CPU s (median)", "call / Python", "process / Python",
        "throughput (call)");
    Report.Table cpu = section.table("Where hf4j's time goes (warm JVM, last round): CPU seconds by thread group"
            + " (sampled every 10 ms). 2 cores give 2 CPU-seconds per second of wall time.",
        "scenario", "wall", "client pool (hashing, PUTs)", "client Xet threads", "other client (calling thread, OkHttp)",
        "emulator", "JVM (GC, JIT)");
    List<Uploaded> uploaded = new ArrayList<>();
    Path scratch = bench.workDir.resolve("peers");
    for (Scenario s : scenarios) {
      bench.log("throughput: %s (%d files, %s)", s.title(), s.folder().count(), Report.mib(s.folder().bytes()));
      Map<String, List<PeerRun>> runs = new LinkedHashMap<>();
      Map<String, Supplier<PeerRun>> clients = new LinkedHashMap<>();
      AtomicReference<RepoId> last = new AtomicReference<>();
      AtomicReference<Map<String, Double>> cpuLast = new AtomicReference<>();
      Map<String, String> xetSkipped = new LinkedHashMap<>();
      clients.put(WARM, () -> {
        RepoId repo = hub.newRepo("tp-" + s.id());
        AtomicReference<UploadEvent.Finished> finished = new AtomicReference<>();
        double secs;
        Map<String, Double> b;
        try (CpuMeter meter = CpuMeter.start()) {
          long t0 = System.nanoTime();
          hub.hub.uploadFolder(repo, s.folder().root(), BenchHub.quietParams(finished));
          secs = (System.nanoTime() - t0) / 1e9;
          meter.stop();
          b = meter.breakdown();
        }
        cpuLast.set(b);
        checkIdentical(hub, repo, s.folder());
        last.set(repo);
        // The bench JVM also runs the emulator: count the client's threads only.
        return new PeerRun(Double.NaN, Double.NaN, secs,
            CpuMeter.client(b));
      });
      if (s.peers()) {
        clients.put(COLD, () -> {
          RepoId repo = hub.newRepo("tp-cold-" + s.id());
          PeerRun r = CliPeer.coldJvm(hub, "upload", repo.toString(), s.folder().root(), fresh(scratch, "cold"));
          checkIdentical(hub, repo, s.folder());
          return r;
        });
        if (haveCli) {
          clients.put(CLI, () -> {
            RepoId repo = hub.newRepo("tp-cli-" + s.id());
            PeerRun r = bench.cli.get().upload(hub, repo.toString(), s.folder().root(), fresh(scratch, "cli"));
            checkIdentical(hub, repo, s.folder());
            return r;
          });
        }
        bench.cliAot.ifPresent(aot -> clients.put(aot.label(CLI), () -> {
          RepoId repo = hub.newRepo("tp-cli-aot-" + s.id());
          PeerRun r = aot.upload(hub, repo.toString(), s.folder().root(), fresh(scratch, "cli"));
          checkIdentical(hub, repo, s.folder());
          return r;
        }));
        if (havePy) {
          clients.put(PY, () -> python(bench, hub, s, false, scratch, xetSkipped));
          clients.put(PY_XET, () -> python(bench, hub, s, true, scratch, xetSkipped));
        }
        if (haveJs) {
          clients.put(JS, () -> {
            RepoId repo = hub.newRepo("tp-js-" + s.id());
            JsPeer.Run jr = bench.js.get().upload(hub.url(), hub.token(), repo.toString(), s.folder().root());
            checkIdentical(hub, repo, s.folder());
            return new PeerRun(Double.NaN, Double.NaN, jr.seconds(), jr.cpuSeconds());
          });
        }
      }
      if (haveSsl) {
        Openssl.dgst(s.folder()); // warms the page cache; not timed
        clients.put(OPENSSL, () -> {
          Procs.Timed r = Openssl.dgst(s.folder());
          return new PeerRun(r.seconds(), r.cpuSeconds(), Double.NaN, Double.NaN);
        });
      }
      List<String> order = new ArrayList<>(clients.keySet());
      java.util.Set<String> unavailable = new java.util.HashSet<>();
      for (int round = 0; round < p.runs(); round++) {
        for (int i = 0; i < order.size(); i++) {
          String c = order.get((i + round) % order.size());
          if (unavailable.contains(c)) continue;
          PeerRun r = clients.get(c).get();
          if (r == null) {
            unavailable.add(c);
            continue;
          }
          runs.computeIfAbsent(c, k -> new ArrayList<>()).add(r);
          bench.log("  round %d: %s: call %s s, process %s s, CPU %s s", round + 1, c, Report.secs(r.callSeconds()),
              Report.secs(r.processSeconds()), Report.secs(cpuOf(r)));
        }
      }
      uploaded.add(new Uploaded(s, last.get()));
      if (unavailable.contains(PY_XET)) {
        section.note(s.title() + ": " + PY_XET + " not measured: " + xetSkipped.getOrDefault(s.id(), "?") + ".");
      }
      Map<String, Object> d = table(t, s.title(), s.folder().bytes(), runs, PY, List.of(PY_XET));
      if (runs.containsKey(COLD)) section.note(coldSetupNote(s.title(), runs.get(COLD), runs.get(PY)));
      Map<String, Double> b = cpuLast.get();
      cpu.row(s.title(), Report.secs(b.get("wall")), Report.secs(b.get(CpuMeter.POOL)),
          Report.secs(b.get(CpuMeter.XET)), Report.secs(b.get(CpuMeter.OTHER)), Report.secs(b.get("emulator")),
          Report.secs(b.get("jvm (GC, JIT)")));
      d.put("hf4jCpuLastRound", b);
      if (!Double.isNaN(sslSpeed)) {
        d.put("opensslOneCoreFloorSeconds", s.folder().bytes() / sslSpeed);
      }
      section.data.put(s.id(), d);
      if (s.peers()) {
        double pyCall = Stats.median(calls(runs.get(PY)));
        double pyProc = Stats.median(procs(runs.get(PY)));
        section.target(s.title() + ": hf4j command / Python, whole process", "≤ 0.8×",
            Report.ratio(Stats.ratio(Stats.median(procs(runs.get(CLI))), pyProc)),
            met(Stats.ratio(Stats.median(procs(runs.get(CLI))), pyProc), 0.8));
        bench.cliAot.ifPresent(aot -> {
          double ratio = Stats.ratio(Stats.median(procs(runs.get(aot.label(CLI)))), pyProc);
          section.target(s.title() + ": " + aot.label(CLI) + " / Python, whole process", "≤ 0.8×", Report.ratio(ratio),
              met(ratio, 0.8));
        });
        section.target(s.title() + ": hf4j cold JVM / Python, call alone", "≤ 0.7×",
            Report.ratio(Stats.ratio(Stats.median(calls(runs.get(COLD))), pyCall)),
            met(Stats.ratio(Stats.median(calls(runs.get(COLD))), pyCall), 0.7));
        section.target(s.title() + ": hf4j warm JVM / Python, call alone", "≤ 0.5×",
            Report.ratio(Stats.ratio(Stats.median(calls(runs.get(WARM))), pyCall)),
            met(Stats.ratio(Stats.median(calls(runs.get(WARM))), pyCall), 0.5));
      }
    }
    section.data.put("loadAverageAtEnd", Machine.loadAverage());
    section.note("Every upload goes to a fresh repo and is checked byte for byte (sha256 of every file) after the timer"
        + " stopped. Every client sends all of its bytes each time (LFS storage is per repo), and the emulator, which"
        + " already holds the content from an earlier upload, compares the bytes with it instead of hashing and"
        + " writing them again: the same for every client. The warm JVM is the bench's own, after one untimed warm-up upload (its third or later call); the"
        + " cold JVM is a fresh java process timing its first uploadFolder call (HfConfig and HubClient.create before"
        + " it, which start building the HTTP client on a thread of their own, are timed apart and given below); the hf4j command is cli/bin/hf4j"
        + " upload -q (on the bench's Java, and on a Java 25+ beside it, where the launcher uses its AOT cache, when"
        + " one is installed); every hf4j row takes the Git LFS path (Xet off), as the Python (LFS) row does. The Python"
        + " client runs in a fresh interpreter each time (HF_HUB_DISABLE_XET=1 for LFS);"
        + " its Xet-path row is reported alone (no ratio): hf4j's Xet path is compared with it in the xet section.");
    section.note("CPU s: the process's user + system CPU (/usr/bin/time) for whole-process rows, else the CPU the"
        + " client's process spent during the call (for the warm JVM, which also hosts the emulator: the client's"
        + " threads only, without JIT and GC). openssl dgst hashes on one core"
        + (Double.isNaN(sslSpeed) ? "" : " (openssl speed -evp sha256: " + Report.mibPerSec((long) sslSpeed, 1.0)
        + " per core)") + ", after one untimed pass that warms the page cache.");
    return uploaded;
  }

  /**
   * The Python client's upload, or null when its Xet path cannot run against this emulator (the reason goes into
   * {@code skipped}): its LFS row is the reference and must run; the Xet row is reported alone and may be missing.
   */
  private static PeerRun python(Bench bench, BenchHub hub, Scenario s, boolean xet, Path scratch,
      Map<String, String> skipped) {
    RepoId repo = hub.newRepo("tp-py" + (xet ? "xet-" : "-") + s.id());
    int before = hub.emulator.requests().size();
    PeerRun r;
    try {
      r = bench.python.get().upload(hub, repo.toString(), s.folder().root(), xet, fresh(scratch, "py"));
    } catch (IllegalStateException e) {
      List<RecordedRequest> all = hub.emulator.requests();
      if (!xet) throw e;
      boolean noXet = all.subList(Math.min(before, all.size()), all.size()).stream()
          .anyMatch(q -> q.path().contains("/xet-write-token/") && q.status() == 404);
      String msg = String.valueOf(e.getMessage());
      skipped.put(s.id(), noXet
          ? "this emulator has no Xet (its xet-write-token route answered 404, and the Python client does not fall back"
              + " to LFS once hf_xet is installed)"
          : "its upload failed against this emulator (" + msg.substring(Math.max(0, msg.lastIndexOf('\n') + 1)).strip()
              + ")");
      bench.log("  %s: %s", PY_XET, skipped.get(s.id()));
      return null;
    }
    checkIdentical(hub, repo, s.folder());
    return r;
  }

  /**
   * Adds rows for every client; the ratios are medians over {@code reference}'s, except for the clients
   * {@code alone} (reported without a ratio). Returns the raw numbers.
   */
  static Map<String, Object> table(Report.Table t, String title, long bytes, Map<String, List<PeerRun>> runs,
      String reference, List<String> alone) {
    Map<String, Object> d = new LinkedHashMap<>();
    List<PeerRun> ref = runs.get(reference);
    double refCall = ref == null ? Double.NaN : Stats.median(calls(ref));
    double refProc = ref == null ? Double.NaN : Stats.median(procs(ref));
    for (Map.Entry<String, List<PeerRun>> e : runs.entrySet()) {
      List<Double> call = calls(e.getValue());
      List<Double> proc = procs(e.getValue());
      List<Double> cpus = new ArrayList<>();
      for (PeerRun r : e.getValue()) cpus.add(cpuOf(r));
      boolean noRatio = alone.contains(e.getKey()) || e.getKey().equals(reference);
      double mCall = Stats.median(call);
      double mProc = Stats.median(proc);
      t.row(title, e.getKey(), Stats.spread(call), Stats.spread(proc), Report.secs(Stats.median(cpus)),
          noRatio ? null : Report.ratio(Stats.ratio(mCall, refCall)), noRatio ? null : Report.ratio(Stats.ratio(mProc, refProc)),
          Report.mibPerSec(bytes, mCall));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("callSeconds", call);
      m.put("processSeconds", proc);
      m.put("cpuSeconds", cpus);
      List<Double> setup = new ArrayList<>();
      for (PeerRun r : e.getValue()) if (!Double.isNaN(r.setupSeconds())) setup.add(r.setupSeconds());
      if (!setup.isEmpty()) m.put("setupSecondsBeforeCall", setup);
      m.put("callOverReference", noRatio ? null : Stats.ratio(mCall, refCall));
      m.put("processOverReference", noRatio ? null : Stats.ratio(mProc, refProc));
      d.put(e.getKey(), m);
    }
    d.put("bytes", bytes);
    d.put("reference", reference);
    return d;
  }

  /**
   * What the cold JVM spent before its timed call ({@code HfConfig} and {@code HubClient.create}, which start the
   * HTTP client's construction), beside the call, so that no cost moved out of the call goes unseen. Python's call
   * likewise includes {@code HfApi(...)} and excludes {@code import huggingface_hub}.
   */
  static String coldSetupNote(String title, List<PeerRun> cold, List<PeerRun> python) {
    List<Double> setup = new ArrayList<>();
    List<Double> both = new ArrayList<>();
    for (PeerRun r : cold) {
      if (Double.isNaN(r.setupSeconds())) continue;
      setup.add(r.setupSeconds());
      both.add(r.setupSeconds() + r.callSeconds());
    }
    if (setup.isEmpty()) return title + ": " + COLD + ": the set-up before the call was not reported.";
    double pyCall = python == null ? Double.NaN : Stats.median(calls(python));
    return title + ": " + COLD + ": HfConfig + HubClient.create before the timed call: " + Stats.spread(setup)
        + " s (min / median / max); set-up and call together: " + Stats.spread(both) + " s"
        + (Double.isNaN(pyCall) ? "" : ", " + Report.ratio(Stats.ratio(Stats.median(both), pyCall))
        + " of Python's call") + ".";
  }

  static List<Double> calls(List<PeerRun> runs) {
    List<Double> out = new ArrayList<>();
    if (runs != null) for (PeerRun r : runs) out.add(r.callSeconds());
    return out;
  }

  static List<Double> procs(List<PeerRun> runs) {
    List<Double> out = new ArrayList<>();
    if (runs != null) for (PeerRun r : runs) out.add(r.processSeconds());
    return out;
  }

  static double cpuOf(PeerRun r) {
    return Double.isNaN(r.processCpuSeconds()) ? r.callCpuSeconds() : r.processCpuSeconds();
  }

  static Boolean met(double ratio, double target) {
    return Double.isNaN(ratio) ? null : ratio <= target;
  }

  /** An empty scratch folder (HF_HOME of one client run). */
  static Path fresh(Path scratch, String name) {
    Path dir = scratch.resolve(name);
    Datasets.deleteTree(dir);
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  /**
   * Two untimed uploads (2 LFS files of 16 MiB, 200 small files) so class loading and JIT compilation (the
   * SHA-256 intrinsic only runs in C2-compiled code) of both the client and the emulator are not in the
   * first timing; and one with the hf4j command, whose first run records its class-data sharing archive.
   */
  private static void warmUp(Bench bench, BenchHub hub) {
    long big = bench.profile.name().equals("smoke") ? Profile.MIB : 16 * Profile.MIB;
    Datasets.Folder f = Datasets.ensure(bench.data("warmup"), concat(Datasets.texts(200, 4096, 1000),
        Datasets.binaries("w", 2, big)), 9);
    hub.hub.uploadFolder(hub.newRepo("warmup"), f.root(), BenchHub.quietParams(new AtomicReference<>()));
    hub.hub.uploadFolder(hub.newRepo("warmup"), f.root(), BenchHub.quietParams(new AtomicReference<>()));
    // The hf4j command's first run makes its class-data sharing archive (as a user's first run would): not timed.
    bench.cli.ifPresent(cli -> cli.upload(hub, hub.newRepo("warmup-cli").toString(), f.root(),
        fresh(bench.workDir.resolve("peers"), "cli")));
    bench.cliAot.ifPresent(cli -> cli.upload(hub, hub.newRepo("warmup-cli").toString(), f.root(),
        fresh(bench.workDir.resolve("peers"), "cli")));
  }

  private static List<Datasets.Spec> concat(List<Datasets.Spec> a, List<Datasets.Spec> b) {
    List<Datasets.Spec> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Throws unless the repo's main holds exactly the folder's files with the same content. */
  static void checkIdentical(BenchHub hub, RepoId repo, Datasets.Folder folder) {
    RepoView view = hub.emulator.repo(repo.toString());
    Map<String, StoredFile> files = view.files("main");
    for (Datasets.Spec s : folder.files()) {
      StoredFile f = files.get(s.path());
      if (f == null) throw new IllegalStateException(repo + " lacks " + s.path());
      if (f.size() != s.size()) throw new IllegalStateException(repo + ": " + s.path() + " has " + f.size() + " bytes");
      if (!f.sha256().equals(Sha.sha256(folder.root().resolve(s.path())))) {
        throw new IllegalStateException(repo + ": " + s.path() + " differs from the local file");
      }
    }
  }
}
