package io.hf4j.bench;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfException;
import io.hf4j.core.RepoId;
import io.hf4j.hub.UploadListener;
import io.hf4j.hub.UploadEvent;
import io.hf4j.hub.UploadFolderParams;
import io.hf4j.testkit.CommitView;
import io.hf4j.testkit.FaultKind;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.StoredFile;
import io.hf4j.testkit.RepoView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A folder of regular, LFS and multipart-sized files uploaded while the emulator injects faults into a
 * share of every request on every endpoint (5xx, resets mid-body, 429 with the Hub's headers) plus one
 * lost commit response; then an upload killed at a random point (a child JVM, SIGKILL) and run again.
 */
final class FaultSection {
  private static final long SEED = 20240917L;

  private FaultSection() {}

  /** Part size of the fault emulator: small, so the folder holds multipart files without being large. */
  static long chunk(Profile p) {
    return Math.min(p.multipartChunk(), 8 * Profile.MIB);
  }

  static Datasets.Folder folder(Bench bench) {
    Profile p = bench.profile;
    long chunk = chunk(p);
    int multipart = 2;
    int lfs = Math.max(2, p.faultFiles() / 30);
    int regular = p.faultFiles() - lfs - multipart;
    List<Datasets.Spec> specs = new ArrayList<>();
    Random r = new Random(SEED);
    for (int i = 0; i < regular; i++) {
      specs.add(new Datasets.Spec(String.format("docs/d%02d/r%04d.txt", i / 100, i), 512 + r.nextInt(8 * 1024), true));
    }
    long lfsMax = Math.max(64 * Profile.KIB, Math.min(4 * Profile.MIB, chunk / 2));
    for (int i = 0; i < lfs; i++) {
      specs.add(new Datasets.Spec(String.format("weights/w%03d.bin", i), lfsMax / 2 + r.nextInt((int) (lfsMax / 2)), false));
    }
    for (int i = 0; i < multipart; i++) {
      specs.add(new Datasets.Spec(String.format("big/b%d.bin", i), 2 * chunk + chunk / 2 + i, false));
    }
    return Datasets.ensure(bench.data("faults"), specs, SEED);
  }

  static void run(Bench bench, Report.Section section) {
    Profile p = bench.profile;
    Datasets.Folder folder = folder(bench);
    long lfsCount = folder.files().stream().filter(s -> !s.text()).count();
    section.note("Folder: " + folder.count() + " files, " + Report.mib(folder.bytes()) + ": "
        + (folder.count() - lfsCount) + " regular text files, " + (lfsCount - 2) + " LFS files, 2 multipart files of "
        + "2.5 parts of " + Report.size(chunk(p)) + ".");
    // Short waits between attempts keep the bench short; the policy (what is retried, how) is the default one.
    double cleanSecs;
    try (BenchHub hub = BenchHub.start(p, b -> b.multipartChunkSize(chunk(p)),
        c -> c.initialBackoff(Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(2)))) {
      // A warm-up upload (untimed), so the clean run is not the JVM's first and the comparison is fair.
      hub.hub.uploadFolder(hub.newRepo("warmup"), folder.root(), BenchHub.quietParams(new AtomicReference<>()));
      // Clean run.
      RepoId clean = hub.newRepo("clean");
      hub.emulator.clearRequests();
      long c0 = System.nanoTime();
      AtomicReference<UploadEvent.Finished> cleanDone = new AtomicReference<>();
      hub.hub.uploadFolder(clean, folder.root(), BenchHub.quietParams(cleanDone));
      cleanSecs = (System.nanoTime() - c0) / 1e9;
      int cleanRequests = hub.emulator.requests().size();
      ThroughputSection.checkIdentical(hub, clean, folder);
      bench.log("faults: clean upload %s s, %d requests, %d commits", Report.secs(cleanSecs), cleanRequests,
          cleanDone.get().commits());

      // Faulty run.
      RepoId faulty = hub.newRepo("faulty");
      hub.emulator.clearRequests();
      double each = 1 - Math.pow(1 - p.faultShare(), 1.0 / 5);
      hub.emulator.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").name("lost commit response").nth(1)
          .dropResponseAfterApply());
      hub.emulator.faults().inject(FaultRule.onAnyMethod("/**").name("500").randomly(each, SEED + 1).status(500));
      hub.emulator.faults().inject(FaultRule.onAnyMethod("/**").name("503").randomly(each, SEED + 2).status(503));
      hub.emulator.faults().inject(FaultRule.onAnyMethod("/**").name("reset mid response body").randomly(each, SEED + 3)
          .resetDuringResponseBody());
      hub.emulator.faults().inject(FaultRule.onAnyMethod("/**").name("reset mid request body").randomly(each, SEED + 4)
          .resetDuringRequestBody());
      hub.emulator.faults().inject(FaultRule.onAnyMethod("/**").name("429").randomly(each, SEED + 5)
          .rateLimited(Duration.ofSeconds(1)));
      int faultsBefore = hub.emulator.faults().count();
      long f0 = System.nanoTime();
      int attempts = 0;
      List<String> errors = new ArrayList<>();
      AtomicReference<UploadEvent.Finished> faultyDone = new AtomicReference<>();
      Duration limit = Duration.ofSeconds(Math.max(p.name().equals("smoke") ? 20 : 120, (long) (20 * cleanSecs)));
      boolean hung = false;
      while (true) {
        attempts++;
        CancellationToken cancel = CancellationToken.create();
        try {
          Guard.call(limit, cancel, () -> hub.hub.uploadFolder(faulty, folder.root(),
              BenchHub.quietParams(faultyDone).toBuilder().cancellationToken(cancel).build()));
          break;
        } catch (TimeoutException e) {
          hung = true;
          errors.add("attempt " + attempts + " did not return within " + limit.toSeconds() + " s (cancelled; see"
              + " docs/REQUESTS-bench.md)");
          bench.log("  faulty upload attempt %d did not return within %d s: abandoned", attempts, limit.toSeconds());
          break;
        } catch (HfException e) {
          errors.add("attempt " + attempts + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
          bench.log("  faulty upload attempt %d failed: %s", attempts, e);
          if (attempts >= 3) break;
        }
      }
      double faultySecs = (System.nanoTime() - f0) / 1e9;
      hub.emulator.faults().clear();
      List<RecordedRequest> faultyReqs = hub.emulator.requests();
      int injected = hub.emulator.faults().count() - faultsBefore;
      Map<String, Integer> byKind = new LinkedHashMap<>();
      for (FaultKind k : FaultKind.values()) {
        int n = (int) faultyReqs.stream().filter(r -> r.fault() == k).count();
        if (n > 0) byKind.put(k.name(), n);
      }
      boolean identical;
      try {
        ThroughputSection.checkIdentical(hub, faulty, folder);
        identical = true;
      } catch (IllegalStateException e) {
        identical = false;
        errors.add(e.getMessage());
      }
      RepoView view = hub.emulator.repo(faulty.toString());
      boolean noExtraFiles = view.files("main").keySet().stream()
          .allMatch(k -> k.equals(".gitattributes") || folder.files().stream().anyMatch(s -> s.path().equals(k)));
      List<CommitView> commits = view.commits("main");
      List<CommitView> uploadCommits = commits.subList(0, commits.size() - 1); // the last is the repo's initial commit
      Set<String> titles = new HashSet<>();
      int duplicates = 0;
      for (CommitView c : uploadCommits) {
        if (!titles.add(c.title()) || c.changedPaths().isEmpty()) duplicates++;
      }
      int cleanCommits = hub.emulator.repo(clean.toString()).commits("main").size() - 1;
      bench.log("faults: faulty upload %s s, %d requests, %d faults, %d commits, identical %s, duplicates %d",
          Report.secs(faultySecs), faultyReqs.size(), injected, uploadCommits.size(), identical, duplicates);

      Report.Table t = section.table("Upload of the folder, clean and with faults injected into "
              + Report.pct(p.faultShare()) + " of requests on every endpoint (API and storage).",
          "run", "time", "requests", "faults injected (each one a retried or recovered call)", "attempts", "commits",
          "byte-identical", "duplicate commits");
      t.row("clean", Report.secs(cleanSecs) + " s", cleanRequests, 0, 1, cleanCommits, "yes", 0);
      t.row(hung ? "faults (HUNG, abandoned)" : "faults", Report.secs(faultySecs) + " s", faultyReqs.size(),
          injected + " " + byKind, attempts, uploadCommits.size(), identical && noExtraFiles ? "yes" : "NO", duplicates);
      double overhead = Stats.ratio(faultySecs, cleanSecs);
      section.note("Time overhead with faults: " + Report.ratio(overhead) + " of the clean run. Waits between attempts"
          + " were shortened for the bench (initialBackoff 200 ms, maxBackoff 2 s; 429s wait what the server says);"
          + " everything else is hf4j's default policy.");
      if (!errors.isEmpty()) section.note("Errors on the way: " + errors);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("files", folder.count());
      d.put("bytes", folder.bytes());
      d.put("cleanSeconds", cleanSecs);
      d.put("cleanRequests", cleanRequests);
      d.put("cleanCommits", cleanCommits);
      d.put("faultySeconds", faultySecs);
      d.put("faultyRequests", faultyReqs.size());
      d.put("faultsInjected", injected);
      d.put("faultsByKind", byKind);
      d.put("extraRequests", faultyReqs.size() - cleanRequests);
      d.put("attempts", attempts);
      d.put("hung", hung);
      d.put("completed", faultyDone.get() != null && !hung);
      d.put("commits", uploadCommits.size());
      d.put("identical", identical && noExtraFiles);
      d.put("duplicateCommits", duplicates);
      d.put("overhead", overhead);
      section.data.put("faults", d);
      section.target("Faults: outcome", "completes byte-identical, no duplicate commit",
          (hung ? "hung, " : "") + (identical && noExtraFiles ? "identical" : "NOT identical") + ", " + duplicates
              + " duplicate(s), " + attempts + " attempt(s)", !hung && identical && noExtraFiles && duplicates == 0);

    }
    // A fresh emulator and configuration, so nothing the faulty run left behind (threads, learned limits) interferes.
    try (BenchHub hub = BenchHub.start(p, b -> b.multipartChunkSize(chunk(p)), c -> { })) {
      killAndResume(bench, hub, folder, section);
    }
  }

  private static List<String> childCommand(Bench bench, BenchHub hub, RepoId repo, Datasets.Folder folder) {
    return Procs.javaCommand(List.of("-Xmx512m"), Child.class, List.of("upload", hub.url(), hub.token(),
        repo.toString(), folder.root().toString(), bench.workDir.resolve("kill-child").toString()));
  }

  /** An uncut child upload: seconds from its first request to its last, and how many requests it made. */
  private static double[] childUpload(Bench bench, BenchHub hub, RepoId repo, Datasets.Folder folder) {
    hub.emulator.clearRequests();
    List<String> cmd = childCommand(bench, hub, repo, folder);
    Procs.Result r = Procs.check(Procs.run(cmd, null, 600), cmd.subList(0, 1));
    List<RecordedRequest> reqs = hub.emulator.requests();
    double secs = reqs.isEmpty() ? r.seconds()
        : Duration.between(reqs.get(0).at(), reqs.get(reqs.size() - 1).at()).toNanos() / 1e9;
    bench.log("faults: an uncut child upload made %d requests in %s s from its first (%s s with JVM start)",
        reqs.size(), Report.secs(secs), Report.secs(r.seconds()));
    return new double[] {secs, reqs.size()};
  }

  private static void killAndResume(Bench bench, BenchHub hub, Datasets.Folder folder, Report.Section section) {
    // The kill point is a share of the child's own progress (requests answered), measured on one uncut child
    // upload first: a fresh JVM's speed varies too much for a point in time to land reliably mid-upload.
    double[] uncut = childUpload(bench, hub, hub.newRepo("child-calibration"), folder);
    double childSecs = uncut[0];
    int childRequests = (int) uncut[1];
    RepoId repo = hub.newRepo("killed");
    hub.emulator.clearRequests();
    long killSeed = System.nanoTime();
    double fraction = 0.3 + 0.6 * new Random(killSeed).nextDouble();
    int killAt = Math.max(1, (int) Math.round(fraction * childRequests));
    List<String> cmd = childCommand(bench, hub, repo, folder);
    long killedAfterNanos;
    int requestsBeforeKill;
    try {
      Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (hub.emulator.requests().isEmpty() && System.nanoTime() < deadline && child.isAlive()) Thread.sleep(2);
      long first = System.nanoTime();
      while (hub.emulator.requests().size() < killAt && System.nanoTime() < deadline && child.isAlive()) {
        Thread.onSpinWait();
      }
      boolean finishedFirst = !child.isAlive();
      child.destroyForcibly();
      killedAfterNanos = System.nanoTime() - first;
      requestsBeforeKill = hub.emulator.requests().size();
      child.waitFor(30, TimeUnit.SECONDS);
      // Let the emulator finish what the dead child left in its sockets (a body already buffered in the kernel
      // can still complete) before taking stock, so the re-run's log holds only the re-run's requests.
      Thread.sleep(1500);
      if (finishedFirst) section.note("The child finished before the kill: the re-run measures a no-op.");
    } catch (Exception e) {
      throw new IllegalStateException("cannot run the upload child", e);
    }
    Datasets.deleteTree(bench.workDir.resolve("kill-child"));
    RepoView view = hub.emulator.repo(repo.toString());
    Set<String> storedBefore = view.lfsObjects();
    Map<String, String> committedBefore = new HashMap<>();
    for (Map.Entry<String, StoredFile> e : view.files("main").entrySet()) committedBefore.put(e.getKey(), e.getValue().sha256());
    int commitsBefore = view.commits("main").size() - 1;
    long bytesStoredBefore = folder.files().stream()
        .filter(s -> storedBefore.contains(Sha.sha256(folder.root().resolve(s.path())))).mapToLong(Datasets.Spec::size).sum();
    long committedFilesBefore = folder.files().stream().filter(s -> committedBefore.containsKey(s.path())).count();
    bench.log("faults: killed the upload child after %s s and %d of %d requests: %d commits, %d files committed,"
        + " %d LFS objects stored", Report.secs(killedAfterNanos / 1e9), requestsBeforeKill, childRequests, commitsBefore,
        committedFilesBefore, storedBefore.size());

    // Re-run in this JVM, watching what is sent again.
    hub.emulator.clearRequests();
    Map<String, Long> uploadedBytes = new ConcurrentHashMap<>();
    AtomicReference<UploadEvent.Finished> done = new AtomicReference<>();
    UploadListener listener = e -> {
      if (e instanceof UploadEvent.UploadProgress u) uploadedBytes.merge(u.path(), u.bytesUploaded(), Math::max);
      if (e instanceof UploadEvent.Finished f) done.set(f);
    };
    long r0 = System.nanoTime();
    hub.hub.uploadFolder(repo, folder.root(), UploadFolderParams.builder().listener(listener).build());
    double rerunSecs = (System.nanoTime() - r0) / 1e9;
    ThroughputSection.checkIdentical(hub, repo, folder);
    long resentLfs = 0;
    for (Datasets.Spec s : folder.files()) {
      if (storedBefore.contains(Sha.sha256(folder.root().resolve(s.path())))) resentLfs += uploadedBytes.getOrDefault(s.path(), 0L);
    }
    long resentRegular = 0;
    int resentRegularFiles = 0;
    List<CommitView> after = hub.emulator.repo(repo.toString()).commits("main");
    for (CommitView c : after.subList(0, after.size() - 1 - commitsBefore)) {
      for (String path : c.changedPaths()) {
        String sha = committedBefore.get(path);
        Path local = folder.root().resolve(path);
        if (sha != null && Files.exists(local) && sha.equals(Sha.sha256(local))) {
          resentRegularFiles++;
          resentRegular += folder.files().stream().filter(s -> s.path().equals(path)).mapToLong(Datasets.Spec::size).sum();
        }
      }
    }
    long storageBytes = hub.emulator.requests().stream().filter(r -> r.host() == Host.STORAGE && r.method().equals("PUT"))
        .mapToLong(RecordedRequest::requestBytes).sum();
    long needed = folder.files().stream().filter(s -> !s.text())
        .filter(s -> !storedBefore.contains(Sha.sha256(folder.root().resolve(s.path())))).mapToLong(Datasets.Spec::size).sum();
    Report.Table t = section.table("Upload killed (SIGKILL of a child JVM) at a random point, then run again.",
        "killed after", "committed before kill", "LFS stored before kill", "re-run time", "storage bytes sent by re-run",
        "LFS bytes still missing", "already-stored LFS bytes re-sent", "committed files re-sent", "final repo");
    t.row(Report.secs(killedAfterNanos / 1e9) + " s, after " + requestsBeforeKill + " of the " + childRequests
            + " requests of an uncut child upload (" + Report.secs(childSecs) + " s)",
        commitsBefore + " commits, " + committedFilesBefore + " files", storedBefore.size() + " objects, "
            + Report.mib(bytesStoredBefore), Report.secs(rerunSecs) + " s", Report.mib(storageBytes), Report.mib(needed),
        resentLfs + " B", resentRegularFiles + " (" + resentRegular + " B)", "byte-identical");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("killedAfterSeconds", killedAfterNanos / 1e9);
    d.put("killedAtShare", fraction);
    d.put("killSeed", killSeed);
    d.put("childUncutSeconds", childSecs);
    d.put("childUncutRequests", childRequests);
    d.put("requestsBeforeKill", requestsBeforeKill);
    d.put("commitsBeforeKill", commitsBefore);
    d.put("filesCommittedBeforeKill", committedFilesBefore);
    d.put("lfsObjectsStoredBeforeKill", storedBefore.size());
    d.put("lfsBytesStoredBeforeKill", bytesStoredBefore);
    d.put("rerunSeconds", rerunSecs);
    d.put("rerunStorageBytes", storageBytes);
    d.put("lfsBytesMissing", needed);
    d.put("alreadyStoredLfsBytesResent", resentLfs);
    d.put("committedFilesResent", resentRegularFiles);
    d.put("committedBytesResent", resentRegular);
    d.put("rerunBytesUploaded", done.get() == null ? -1 : done.get().bytesUploaded());
    section.data.put("resume", d);
    section.target("Resume after a kill: bytes re-sent", "none already stored",
        (resentLfs + resentRegular) + " B re-sent of what was stored", resentLfs + resentRegular == 0);
  }
}
