package io.hf4j.bench;

import io.hf4j.core.RepoId;
import io.hf4j.hub.UploadEvent;
import io.hf4j.hub.CommitOperation;
import io.hf4j.testkit.RepoFile;
import io.hf4j.testkit.RepoView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Upload throughput against the emulator on loopback, from the {@code uploadFolder} call to its return,
 * with the baselines measured in the same run: {@code sha256sum} over the same files, and the official
 * JS client uploading the same folder to the same emulator, timed inside node the same way.
 */
final class ThroughputSection {
  /** One folder to upload. */
  record Scenario(String id, String title, Datasets.Folder folder) {}

  /** What the download section reuses: the scenarios and a repo holding each folder (uploaded by hf4j). */
  record Uploaded(Scenario scenario, RepoId repo) {}

  private ThroughputSection() {}

  static List<Scenario> scenarios(Bench bench) {
    Profile p = bench.profile;
    List<Scenario> s = new ArrayList<>();
    s.add(new Scenario("lfs", p.lfsFiles() + " × " + Report.size(p.lfsFileSize()) + " via LFS",
        Datasets.ensure(bench.data("lfs"), Datasets.binaries("shard", p.lfsFiles(), p.lfsFileSize()), 1)));
    s.add(new Scenario("small", p.smallFiles() + " × " + Report.size(p.smallFileSize()) + " in one commit",
        Datasets.ensure(bench.data("small"), Datasets.texts(p.smallFiles(), p.smallFileSize(), 1000), 2)));
    s.add(new Scenario("many", p.manyFiles() + " × " + Report.size(p.smallFileSize()) + " via multi-commit",
        Datasets.ensure(bench.data("many"), Datasets.texts(p.manyFiles(), p.smallFileSize(), 1000), 3)));
    s.add(new Scenario("multipart", "1 × " + Report.size(p.multipartSize()) + " via multipart ("
        + Report.size(p.multipartChunk()) + " parts)",
        Datasets.ensure(bench.data("multipart"), Datasets.binaries("big", 1, p.multipartSize()), 4)));
    return s;
  }

  static List<Uploaded> run(Bench bench, BenchHub hub, Report.Section section) {
    Profile p = bench.profile;
    List<Scenario> scenarios = scenarios(bench);
    boolean haveSha = Procs.available("sha256sum");
    boolean haveJs = bench.js.isPresent() && !bench.skipJs;
    if (!haveJs) {
      section.note("JS client not measured: " + (bench.skipJs ? "--no-js was given" : JsPeer.whyMissing(bench.benchDir)) + ".");
    }
    if (!haveSha) section.note("sha256sum not found: that baseline is not measured.");

    warmUp(bench, hub);

    Report.Table t = section.table("Upload time, median of " + p.runs() + " run(s); ratios are hf4j's time over the baseline's"
            + " (below 1 means hf4j is faster).",
        "scenario", "files", "bytes", "hf4j", "sha256sum", "JS client", "hf4j / sha256sum", "hf4j / JS", "hf4j throughput",
        "commits (hf4j)");
    Report.Table cpu = section.table("Where the time goes: CPU seconds during the last run of each upload (this JVM's"
            + " threads by name, sampled every 10 ms; node's own process.cpuUsage()). 2 cores give 2 CPU-seconds per"
            + " second of wall time.",
        "scenario", "client", "wall", "client CPU: hashing", "transfers", "other", "emulator CPU", "JVM GC+JIT",
        "node CPU");
    List<Uploaded> uploaded = new ArrayList<>();
    Map<String, Object> data = new LinkedHashMap<>();
    for (Scenario s : scenarios) {
      bench.log("throughput: %s (%d files, %s)", s.title(), s.folder().count(), Report.mib(s.folder().bytes()));
      // The small set is also sent as one createCommit: uploadFolder splits a folder of a thousand files into
      // several commits, while the issue (and the JS client) make one.
      List<String> variants = s.id().equals("small") ? List.of("uploadFolder", "createCommit") : List.of("uploadFolder");
      List<Double> sha = new ArrayList<>();
      Map<String, List<Double>> hf4j = new LinkedHashMap<>();
      Map<String, Integer> commits = new LinkedHashMap<>();
      for (String v : variants) hf4j.put(v, new ArrayList<>());
      List<Double> js = new ArrayList<>();
      Map<String, Map<String, Double>> cpuLast = new LinkedHashMap<>();
      double jsCpuLast = Double.NaN;
      RepoId last = null;
      if (haveSha) sha256sum(s.folder()); // warm the page cache; not timed
      for (int run = 0; run < p.runs(); run++) {
        if (haveSha) sha.add(sha256sum(s.folder()));
        for (String v : variants) {
          RepoId repo = hub.newRepo("tp-" + s.id());
          AtomicReference<UploadEvent.Finished> finished = new AtomicReference<>();
          List<CommitOperation> ops = new ArrayList<>();
          if (v.equals("createCommit")) {
            for (Datasets.Spec f : s.folder().files()) ops.add(CommitOperation.add(f.path(), s.folder().root().resolve(f.path())));
          }
          double secs;
          try (CpuMeter meter = CpuMeter.start()) {
            long t0 = System.nanoTime();
            if (v.equals("createCommit")) {
              hub.hub.createCommit(repo, ops, "Upload " + ops.size() + " files");
            } else {
              hub.hub.uploadFolder(repo, s.folder().root(), BenchHub.quietParams(finished));
            }
            secs = (System.nanoTime() - t0) / 1e9;
            meter.stop();
            cpuLast.put(v, meter.breakdown());
          }
          hf4j.get(v).add(secs);
          int n = hub.emulator.repo(repo.toString()).commits("main").size() - 1;
          commits.put(v, n);
          checkIdentical(hub, repo, s.folder());
          if (v.equals("uploadFolder")) last = repo;
          bench.log("  run %d: hf4j %s %s s (%d commits)", run + 1, v, Report.secs(secs), n);
        }
        if (haveSha) bench.log("  run %d: sha256sum %s s", run + 1, Report.secs(sha.get(sha.size() - 1)));
        if (haveJs) {
          RepoId jsRepo = hub.newRepo("tp-js-" + s.id());
          JsPeer.Run jr;
          try (CpuMeter meter = CpuMeter.start()) {
            jr = bench.js.get().upload(hub.url(), hub.token(), jsRepo.toString(), s.folder().root());
            meter.stop();
            Map<String, Double> b = meter.breakdown();
            b.put("wall", jr.seconds());
            cpuLast.put("JS client", b);
          }
          double j = jr.seconds();
          jsCpuLast = jr.cpuSeconds();
          js.add(j);
          checkIdentical(hub, jsRepo, s.folder());
          bench.log("  run %d: JS client %s s (%d commits)", run + 1, Report.secs(j),
              hub.emulator.repo(jsRepo.toString()).commits("main").size() - 1);
        }
      }
      uploaded.add(new Uploaded(s, last));
      double mSha = Stats.median(sha);
      double mJs = Stats.median(js);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("title", s.title());
      d.put("files", s.folder().count());
      d.put("bytes", s.folder().bytes());
      d.put("sha256sumSeconds", sha);
      d.put("jsSeconds", js);
      d.put("sha256sumMedian", mSha);
      d.put("jsMedian", mJs);
      for (String v : variants) {
        double mHf = Stats.median(hf4j.get(v));
        t.row(s.title() + (variants.size() > 1 ? " (" + v + ")" : ""), s.folder().count(), Report.mib(s.folder().bytes()),
            Report.secs(mHf) + " s", haveSha ? Report.secs(mSha) + " s" : null, haveJs ? Report.secs(mJs) + " s" : null,
            Report.ratio(Stats.ratio(mHf, mSha)), Report.ratio(Stats.ratio(mHf, mJs)),
            Report.mibPerSec(s.folder().bytes(), mHf), commits.get(v));
        Map<String, Object> dv = new LinkedHashMap<>();
        dv.put("seconds", hf4j.get(v));
        dv.put("median", mHf);
        dv.put("overSha256sum", Stats.ratio(mHf, mSha));
        dv.put("overJs", Stats.ratio(mHf, mJs));
        dv.put("commits", commits.get(v));
        d.put("hf4j " + v, dv);
      }
      for (Map.Entry<String, Map<String, Double>> e : cpuLast.entrySet()) {
        String client = e.getKey();
        Map<String, Double> b = e.getValue();
        boolean isJs = client.equals("JS client");
        cpu.row(s.title(), isJs ? client : "hf4j " + client, Report.secs(b.get("wall")),
            isJs ? null : Report.secs(b.get("client hashing")), isJs ? null : Report.secs(b.get("client transfers")),
            isJs ? null : Report.secs(b.get("client other")), Report.secs(b.get("emulator")),
            Report.secs(b.get("jvm (GC, JIT)")), isJs ? Report.secs(jsCpuLast) : null);
      }
      d.put("cpuLastRun", cpuLast);
      d.put("jsCpuSecondsLastRun", jsCpuLast);
      data.put(s.id(), d);
      double mFolder = Stats.median(hf4j.get("uploadFolder"));
      if (s.id().equals("lfs")) {
        double r1 = Stats.ratio(mFolder, mSha);
        section.target("LFS set vs sha256sum", "≤ 1.0×", Report.ratio(r1), Double.isNaN(r1) ? null : r1 <= 1.0);
        double r2 = Stats.ratio(mFolder, mJs);
        section.target("LFS set vs JS client", "≤ 0.5×", Report.ratio(r2), Double.isNaN(r2) ? null : r2 <= 0.5);
      } else if (s.id().equals("small")) {
        double r = Stats.ratio(Stats.median(hf4j.get("createCommit")), mJs);
        section.target(p.smallFiles() + " small files in one commit vs JS client", "≤ 1.0×", Report.ratio(r)
            + " (uploadFolder: " + Report.ratio(Stats.ratio(mFolder, mJs)) + ")", Double.isNaN(r) ? null : r <= 1.0);
      }
    }
    section.data.putAll(data);
    section.note("hf4j runs in the bench JVM next to the emulator, after one untimed warm-up upload; each JS run is a"
        + " fresh node process (start-up and module loading are outside its timer). Every upload goes to a fresh repo"
        + " and is checked byte for byte (sha256 of every file) after the timer stopped.");
    section.note("sha256sum runs once untimed first, so every timing reads from a warm page cache.");
    return uploaded;
  }

  /**
   * One untimed upload (2 LFS files of 16 MiB, 200 small files) so class loading and JIT compilation (the
   * SHA-256 intrinsic only runs in C2-compiled code) of both the client and the emulator are not in the
   * first timing.
   */
  private static void warmUp(Bench bench, BenchHub hub) {
    long big = bench.profile.name().equals("smoke") ? Profile.MIB : 16 * Profile.MIB;
    Datasets.Folder f = Datasets.ensure(bench.data("warmup"), concat(Datasets.texts(200, 4096, 1000),
        Datasets.binaries("w", 2, big)), 9);
    hub.hub.uploadFolder(hub.newRepo("warmup"), f.root(), BenchHub.quietParams(new AtomicReference<>()));
  }

  private static List<Datasets.Spec> concat(List<Datasets.Spec> a, List<Datasets.Spec> b) {
    List<Datasets.Spec> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** {@code sha256sum} over every file of the folder, one process; its wall time in seconds. */
  static double sha256sum(Datasets.Folder folder) {
    List<String> cmd = new ArrayList<>();
    cmd.add("sha256sum");
    for (Datasets.Spec s : folder.files()) cmd.add(s.path());
    Procs.Result r = Procs.check(Procs.run(cmd, folder.root(), 1800), List.of("sha256sum"));
    return r.seconds();
  }

  /** Throws unless the repo's main holds exactly the folder's files with the same content. */
  static void checkIdentical(BenchHub hub, RepoId repo, Datasets.Folder folder) {
    RepoView view = hub.emulator.repo(repo.toString());
    Map<String, RepoFile> files = view.files("main");
    for (Datasets.Spec s : folder.files()) {
      RepoFile f = files.get(s.path());
      if (f == null) throw new IllegalStateException(repo + " lacks " + s.path());
      if (f.size() != s.size()) throw new IllegalStateException(repo + ": " + s.path() + " has " + f.size() + " bytes");
      if (!f.sha256().equals(Sha.sha256(folder.root().resolve(s.path())))) {
        throw new IllegalStateException(repo + ": " + s.path() + " differs from the local file");
      }
    }
  }
}
