package io.hf4j.hub;
import io.hf4j.core.CancelledException;
import io.hf4j.core.CancellationToken;

import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.HttpFailure;
import io.hf4j.core.NotFoundException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.UrlEncoding;
import io.hf4j.core.internal.WorkGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.FormBody;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upload: preupload in batches, lazy hashing bounded by the CPUs, LFS transfers bounded by the
 * call's concurrency, then one commit ({@link #commit}) or a pipeline of adaptive commits ({@link
 * #uploadFolder}). The parallel work runs in a {@link WorkGroup} on the configuration's executor, the
 * calling thread taking part (so a busy or small executor slows the upload down, never blocks it); the
 * commits are made on the calling thread. Used once, then closed; closing waits for every task so
 * nothing runs after the call returns.
 */
final class Uploader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
  private static final int PATHS_INFO_BATCH = 500;
  private static final long MAX_GITIGNORE = 1 << 20;
  /**
   * Files from this size on are hashed (sha256) before preupload says whether they go through LFS: the Hub keeps
   * every file above 10 MB in LFS, so the hash is needed, and computing it while preupload (and, on a fresh JVM, the
   * HTTP client's set-up) runs lets the first LFS transfer start sooner. Only on the Git LFS path (Xet off), whose
   * sha256 is a pass of its own.
   */
  static final long EARLY_SHA256_MIN = 10L * 1000 * 1000;

  private enum Outcome { COMMIT, IGNORED, UNCHANGED }

  /**
   * Preupload calls in flight at once. They only read (the server answers each file's upload mode), so a folder of
   * several chunks asks for them together instead of one round trip after another; the answers are used in chunk
   * order on the calling thread.
   */
  static final int PREUPLOADS_IN_FLIGHT = 3;

  /**
   * Bytes of small files' content an upload may hold at once, read with their preupload sample ({@link
   * UploadItem#sample(AtomicLong)}) so that each is read once; released when the file's commit is made or the file
   * is skipped. Beyond it, files are read again for their commit line, as before.
   */
  static final long KEPT_CONTENT_BUDGET = 8L * 1024 * 1024;

  /** A step of a single commit, in the caller's order. */
  sealed interface Step permits AddStep, DeleteStep, CopyStep {}

  record AddStep(UploadItem item) implements Step {}

  record DeleteStep(CommitOperation.Delete op) implements Step {}

  record CopyStep(CommitOperation.Copy op) implements Step {}

  private final HubApi api;
  private final RepoId repo;
  private final UploadOptions opt;
  private final CallTracker tracker = new CallTracker();
  /** What is left of {@link #KEPT_CONTENT_BUDGET}. */
  private final AtomicLong keptBudget = new AtomicLong(KEPT_CONTENT_BUDGET);
  private final ProgressSink progress;
  private final WorkGroup work;
  private final WorkGroup.Lane hashing;
  /** sha256 of large files before their preupload answer ({@link #hashEarly}): one thread. */
  private final WorkGroup.Lane earlyHashing;
  private final WorkGroup.Lane transfers;
  /** Preupload calls of the chunks after the first, in flight while earlier answers are used ({@link #preuploadAhead}). */
  private final WorkGroup.Lane preuploads;
  /** Xet adds, one file at a time in submission order: a re-run packs the same xorbs. */
  private final WorkGroup.Lane xetLane;
  private final ReentrantLock xetLock = new ReentrantLock();
  private final LfsUploader lfs;
  private final CommitPoster poster;
  private final long startNanos = System.nanoTime();
  private final @Nullable Runnable unhook;
  private volatile @Nullable String baseHead;
  /** sha256 hashes started before preupload ({@link #hashEarly}); touched on the calling thread only. */
  private final Map<UploadItem, EarlyHash> early = new IdentityHashMap<>();
  /** The Xet path, opened on the first LFS-mode file; null until then, or when Xet is off or refused. */
  private @Nullable XetUploads xet;
  private boolean xetOpened;
  /** Stops the Xet session (its xorb uploads in flight) when the upload fails or is cancelled. */
  private final CancellationToken xetStop = CancellationToken.create();

  Uploader(HubApi api, RepoId repo, UploadOptions opt) {
    this.api = api;
    this.repo = repo;
    this.opt = opt;
    this.progress = new ProgressSink(opt.listener());
    int cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.work = new WorkGroup(api.config.executor());
    this.hashing = work.lane(cpus);
    this.earlyHashing = work.lane(1);
    this.transfers = work.lane(opt.numThreads());
    this.preuploads = work.lane(PREUPLOADS_IN_FLIGHT);
    this.xetLane = work.lane(1);
    this.lfs = new LfsUploader(api, repo, opt.createPr() ? null : opt.revision(), work.lane(1),
        transfers, tracker, progress, opt.tuning().lfsBatch(), opt.verifyLfs());
    this.poster = new CommitPoster(api, repo);
    CancellationToken token = opt.cancellation();
    this.unhook = token == null ? null
        : token.onCancel(() -> {
          tracker.fail(new CancelledException("Upload cancelled; re-run it to resume"));
          xetStop.cancel();
        });
  }

  // ------------------------------------------------------------------ single commit

  /** Uploads what the steps add and makes one commit of all steps, in their order. */
  CommitInfo commit(List<Step> steps) {
    return guarded(() -> {
      List<UploadItem> items = new ArrayList<>();
      List<CommitOperation.Copy> copies = new ArrayList<>();
      int deletions = 0;
      for (Step s : steps) {
        if (s instanceof AddStep a) items.add(a.item());
        else if (s instanceof CopyStep c) copies.add(c.op());
        else deletions++;
      }
      progress.emit(new UploadEvent.Planned(items.size(), totalBytes(items), deletions));
      List<List<UploadItem>> chunks = chunks(items, opt.tuning().preuploadBatch());
      if (!chunks.isEmpty()) hashEarly(chunks.get(0));
      validateReadme(items);
      String gitIgnore = gitIgnore(items);
      Map<UploadItem, CompletableFuture<Outcome>> outcomes = new IdentityHashMap<>();
      List<CompletableFuture<PreuploadAnswer>> answers = new ArrayList<>();
      for (List<UploadItem> chunk : chunks) {
        hashEarly(chunk);
        answers.add(preuploadAhead(chunk, gitIgnore));
      }
      for (int i = 0; i < chunks.size(); i++) {
        List<UploadItem> chunk = chunks.get(i);
        useAnswer(chunk, awaitAnswer(answers.get(i)));
        for (UploadItem item : chunk) outcomes.put(item, watch(prepare(item)));
      }
      Map<CommitOperation.Copy, CopySource> sources = resolveCopies(copies);
      await(CompletableFuture.allOf(outcomes.values().toArray(new CompletableFuture<?>[0])));

      CommitBody.Builder body = new CommitBody.Builder(opt.commitMessage(), opt.commitDescription(), opt.parentCommit());
      int files = 0;
      long bytes = 0;
      for (Step s : steps) {
        if (s instanceof AddStep a) {
          if (outcomes.get(a.item()).join() != Outcome.COMMIT) continue;
          addLine(body, a.item());
          files++;
          bytes += a.item().size;
        } else if (s instanceof DeleteStep d) {
          body.delete(d.op().pathInRepo(), d.op().isFolder());
        } else if (s instanceof CopyStep c) {
          CopySource src = sources.get(c.op());
          if (src == null) continue;
          if (src.lfsSha256() != null) body.lfsFile(c.op().pathInRepo(), src.lfsSha256(), null);
          else body.file(UploadItem.ofBytes(c.op().pathInRepo(), src.content()));
          files++;
        }
      }
      if (body.operations() == 0) return finish(noCommit(), 0);
      long inline = 0;
      for (Step s : steps) {
        if (s instanceof AddStep a && !a.item().lfs && outcomes.get(a.item()).join() == Outcome.COMMIT) inline += a.item().size;
      }
      if (inline > HubLimits.MAX_INLINE_COMMIT_BYTES) {
        throw new HfValidationException("This commit would carry " + inline + " bytes of regular files inline; the Hub"
            + " accepts at most 1 GB per commit. Use uploadFolder, which splits large uploads into several commits");
      }
      flushXet(items);
      tracker.check();
      String before = opt.parentCommit() != null ? opt.parentCommit() : baseHead;
      CommitInfo info = poster.post(opt.revision(), opt.createPr(), body.build(), opt.commitMessage(),
          opt.commitDescription(), before);
      for (UploadItem item : items) item.drop(keptBudget);
      progress.filesCommitted.addAndGet(files);
      progress.emit(new UploadEvent.Committed(info, files, bytes, 1));
      return finish(info, 1);
    });
  }

  // ------------------------------------------------------------------ folder pipeline

  /**
   * Uploads many files as one or more commits. A folder of up to the largest batch size (1000 files)
   * and 100 MiB of inline content is one commit; above, batches start at 250 files, grow while commits
   * are fast and shrink (and a failed batch is split) when they are slow or fail, and batch N is
   * committed while batch N+1 is hashed and uploaded. The parent commit rides the first commit, the
   * deletions the last one, so that no old file goes before every new one is in.
   *
   * <p>Without {@code multiCommit} the whole folder is one commit, whatever its size: files are hashed
   * and uploaded as they come, the commit is made when all are in.
   */
  CommitInfo uploadFolder(List<UploadItem> items, List<CommitOperation.Delete> deletes, boolean multiCommit) {
    return guarded(() -> {
      progress.emit(new UploadEvent.Planned(items.size(), totalBytes(items), deletes.size()));
      List<List<UploadItem>> chunks = chunks(items, opt.tuning().preuploadBatch());
      // The first chunk's large files are hashed while the README check and the first preupload run.
      if (!chunks.isEmpty() && opt.tuning().maxInflightFiles() >= chunks.get(0).size()) hashEarly(chunks.get(0));
      validateReadme(items);
      String gitIgnore = gitIgnore(items);
      FolderCommitter committer = new FolderCommitter(items.size(), deletes, multiCommit);
      committer.run(chunks.iterator(), gitIgnore);
      tracker.check();
      if (committer.commits == 0) return finish(noCommit(), 0);
      if (committer.commits > 1) LOG.info("Upload completed in {} commits", committer.commits);
      return finish(committer.last, committer.commits);
    });
  }

  private record Ready(UploadItem item, Outcome outcome) {}

  /**
   * The loop of {@link #uploadFolder}, on the calling thread: preuploads the next chunk while in-flight files
   * allow, runs queued hashing and transfer tasks when there is nothing to commit, and commits batches as they
   * fill.
   */
  private final class FolderCommitter {
    final BlockingQueue<Ready> ready = new LinkedBlockingQueue<>();
    final Semaphore inflight;
    private final int expected;
    private final List<CommitOperation.Delete> deletes;
    private final boolean multiCommit;
    private final List<Integer> scale = opt.tuning().commitSizes();
    private int sizeIndex = opt.tuning().initialCommitSizeIndex();
    /** A folder no larger than the largest batch goes in one commit, until a commit fails. */
    private int wholeFolder;
    volatile int commits;
    volatile CommitInfo last;
    private @Nullable String lastOid;
    private @Nullable String prRevision;
    private @Nullable String prUrl;

    FolderCommitter(int expected, List<CommitOperation.Delete> deletes, boolean multiCommit) {
      this.expected = expected;
      this.deletes = deletes;
      this.multiCommit = multiCommit;
      this.wholeFolder = !multiCommit || expected <= scale.get(scale.size() - 1) ? expected : 0;
      this.inflight = new Semaphore(opt.tuning().maxInflightFiles());
    }

    void run(Iterator<List<UploadItem>> chunks, @Nullable String gitIgnore) throws InterruptedException {
      List<UploadItem> batch = new ArrayList<>();
      long regular = 0;
      long batchStart = 0;
      int seen = 0;
      long maxAge = opt.tuning().maxBatchAge().toNanos();
      List<UploadItem> next = chunks.hasNext() ? chunks.next() : null;
      // Chunks whose preupload was asked for, in order, with their answers to come.
      java.util.ArrayDeque<Map.Entry<List<UploadItem>, CompletableFuture<PreuploadAnswer>>> asked = new java.util.ArrayDeque<>();
      // Files of the chunks whose answer was used: when all of them are seen, only the next answer can move on.
      int applied = 0;
      while (seen < expected) {
        tracker.check();
        long version = work.version();
        while (next != null && inflight.tryAcquire(next.size())) {
          hashEarly(next);
          asked.add(Map.entry(next, preuploadAhead(next, gitIgnore)));
          next = chunks.hasNext() ? chunks.next() : null;
        }
        // Answers are used in chunk order (the first one names the base commit); the first waits, later ones are
        // taken as they arrive while files of earlier chunks move.
        while (!asked.isEmpty() && (asked.peek().getValue().isDone() || applied == seen)) {
          Map.Entry<List<UploadItem>, CompletableFuture<PreuploadAnswer>> a = asked.poll();
          useAnswer(a.getKey(), awaitAnswer(a.getValue()));
          applied += a.getKey().size();
          for (UploadItem item : a.getKey()) {
            watch(prepare(item)).thenAccept(outcome -> {
              ready.add(new Ready(item, outcome));
              work.signal();
            });
          }
        }
        Ready r = ready.poll();
        if (r == null && !work.runOne()) {
          work.awaitChange(version, TimeUnit.MILLISECONDS.toNanos(20));
          r = ready.poll();
        }
        if (r != null) {
          seen++;
          if (r.outcome() == Outcome.COMMIT) {
            if (batch.isEmpty()) batchStart = System.nanoTime();
            batch.add(r.item());
            if (!r.item().lfs) regular += r.item().size;
            // One commit for the whole folder: a ready file holds no more than its entry.
            if (!multiCommit) inflight.release();
          } else {
            r.item().drop(keptBudget);
            inflight.release();
          }
        }
        int target = Math.max(scale.get(sizeIndex), wholeFolder);
        boolean full = multiCommit && (batch.size() >= target || regular >= opt.tuning().regularBytesBudget());
        boolean old = multiCommit && !batch.isEmpty() && System.nanoTime() - batchStart > maxAge;
        if (!batch.isEmpty() && (full || old || seen == expected)) {
          if (!multiCommit && regular > HubLimits.MAX_INLINE_COMMIT_BYTES) {
            throw new HfValidationException("This folder would carry " + regular + " bytes of regular files inline in"
                + " one commit; the Hub accepts at most 1 GB per commit. Allow several commits (multiCommit)");
          }
          commitWithSplit(batch, seen == expected);
          if (multiCommit) inflight.release(batch.size());
          batch = new ArrayList<>();
          regular = 0;
        }
      }
      if (!deletesDone && !deletes.isEmpty()) commitWithSplit(List.of(), true);
    }

    /** Commits {@code ops}; {@code last} when no file follows (the deletions ride this commit). */
    private void commitWithSplit(List<UploadItem> ops, boolean last) {
      try {
        doCommit(ops, last);
      } catch (HfException e) {
        if (!multiCommit || !splittable(e) || ops.size() <= scale.get(0)) throw e;
        wholeFolder = 0;
        sizeIndex = Math.max(sizeIndex - 1, 0);
        int target = scale.get(sizeIndex);
        LOG.warn("Commit of {} files failed ({}); retrying in chunks of {}", ops.size(), e.getMessage(), target);
        for (int i = 0; i < ops.size(); i += target) {
          int end = Math.min(ops.size(), i + target);
          commitWithSplit(ops.subList(i, end), last && end == ops.size());
        }
      }
    }

    private boolean deletesDone;

    private void doCommit(List<UploadItem> ops, boolean last) {
      tracker.check();
      boolean first = commits == 0;
      String title = first ? opt.commitMessage() : opt.commitMessage() + " (part " + (commits + 1) + ")";
      CommitBody.Builder body = new CommitBody.Builder(title, opt.commitDescription(), first ? opt.parentCommit() : null);
      if (last) for (CommitOperation.Delete d : deletes) body.delete(d.pathInRepo(), d.isFolder());
      long bytes = 0;
      for (UploadItem item : ops) {
        addLine(body, item);
        bytes += item.size;
      }
      flushXet(ops);
      String revision = prRevision != null ? prRevision : opt.revision();
      boolean openPr = opt.createPr() && prRevision == null;
      String before = lastOid != null ? lastOid : first && opt.parentCommit() != null ? opt.parentCommit() : baseHead;
      long t0 = System.nanoTime();
      CommitInfo info = poster.post(revision, openPr, body.build(), title, opt.commitDescription(), before);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      for (UploadItem item : ops) item.drop(keptBudget);
      int target = scale.get(sizeIndex);
      if (took.compareTo(opt.tuning().targetCommitDuration()) < 0 && ops.size() >= target) {
        sizeIndex = Math.min(sizeIndex + 1, scale.size() - 1);
      } else if (took.compareTo(opt.tuning().targetCommitDuration()) > 0) {
        sizeIndex = Math.max(sizeIndex - 1, 0);
      }
      if (openPr) {
        if (info.prRevision() == null) {
          throw new HfException("The Hub opened no pull request for the commit " + info.oid() + " (no pullRequestUrl)");
        }
        prRevision = info.prRevision();
        prUrl = info.prUrl();
      } else if (prUrl != null) {
        info = CommitInfo.of(info.commitUrl(), info.commitMessage(), info.commitDescription(), info.oid(), prUrl);
      }
      lastOid = info.oid();
      this.last = info;
      commits++;
      if (last) deletesDone = true;
      progress.filesCommitted.addAndGet(ops.size());
      progress.emit(new UploadEvent.Committed(info, ops.size(), bytes, commits, !last));
      if (!last) {
        LOG.info("Part {} committed; the repo is between states until the last part lands{}", commits,
            deletes.isEmpty() ? "" : " (the " + deletes.size() + " deletion(s) ride the last part)");
      }
      LOG.debug("Committed {} file(s) in {} ms: {}", ops.size(), took.toMillis(), info.commitUrl());
    }
  }

  private static boolean splittable(HfException e) {
    if (e instanceof HfIoException) return true;
    if (e instanceof HfHttpException h) {
      int s = h.statusCode();
      return s == 408 || s == 413 || s >= 500;
    }
    return false;
  }

  // ------------------------------------------------------------------ shared steps

  /** Asks preupload about a chunk on the {@link #preuploads} lane; {@link #useAnswer} applies the answer. */
  private CompletableFuture<PreuploadAnswer> preuploadAhead(List<UploadItem> chunk, @Nullable String gitIgnore) {
    return watch(preuploads.supply(() -> preuploadCall(chunk, gitIgnore)));
  }

  /** The answer, helping with queued work meanwhile ({@link #await}); a failed call fails the upload with its own exception. */
  private PreuploadAnswer awaitAnswer(CompletableFuture<PreuploadAnswer> answer) throws InterruptedException {
    await(answer);
    return answer.join();
  }

  /** The call: the chunk's paths, sizes and samples, and the Hub's answer, its entries checked ({@link PreuploadAnswer}). */
  private PreuploadAnswer preuploadCall(List<UploadItem> chunk, @Nullable String gitIgnore) {
    tracker.check();
    byte[] body = PreuploadBody.json(chunk, this::sample, gitIgnore);
    String tail = "/preupload/" + UrlEncoding.revision(opt.revision()) + (opt.createPr() ? "?create_pr=1" : "");
    Request.Builder rb = new Request.Builder().url(api.api(repo, tail))
        .post(okhttp3.RequestBody.create(body, HubApi.JSON));
    RequestTags.retrySafe(rb);
    String text;
    try {
      text = api.readText(rb.build(), tracker);
    } catch (NotFoundException e) {
      // A bare 404 on the preupload route means the repo is missing (the Hub normally says RepoNotFound).
      throw new RepositoryNotFoundException(e.failure());
    }
    return PreuploadAnswer.parse(text);
  }

  /** Applies a chunk's preupload answer to its items: upload mode, ignored, remote oid; the first sets the base. */
  private void useAnswer(List<UploadItem> chunk, PreuploadAnswer answer) {
    for (UploadItem item : chunk) {
      PreuploadAnswer.Entry f = answer.byPath.get(item.path);
      if (f == null) throw HubApi.unexpected("preupload", "no entry for " + item.path);
      item.lfs = "lfs".equals(f.uploadMode()) && item.size > 0;
      item.ignored = f.shouldIgnore();
      item.remoteOid = f.oid();
    }
    String head = answer.commitOid;
    if (head != null && baseHead == null) baseHead = head;
  }

  private CompletableFuture<Outcome> prepare(UploadItem item) {
    EarlyHash e = early.remove(item);
    CompletableFuture<String> started = e == null || e.take() ? null : e.sha256;
    if (item.ignored) {
      progress.skipped(item, UploadEvent.SkipReason.IGNORED);
      return CompletableFuture.completedFuture(Outcome.IGNORED);
    }
    String remote = item.remoteOid;
    if (!item.lfs) {
      if (remote == null) return CompletableFuture.completedFuture(Outcome.COMMIT);
      return hashing.supply(() -> {
        if (!hash(item, false).equals(remote)) return Outcome.COMMIT;
        progress.skipped(item, UploadEvent.SkipReason.UNCHANGED);
        return Outcome.UNCHANGED;
      });
    }
    XetUploads x = xet();
    if (x != null) {
      // Xet, like the Python client: chunked, deduplicated and stored; sha256 computed in the same read pass.
      x.prefetch(item);
      return xetLane.supply(() -> {
        tracker.check();
        x.add(item);
        if (Objects.equals(item.sha256, remote)) {
          progress.skipped(item, UploadEvent.SkipReason.UNCHANGED);
          return Outcome.UNCHANGED;
        }
        progress.stored(item, false);
        return Outcome.COMMIT;
      });
    }
    CompletableFuture<String> sha256 = started != null ? started : hashing.supply(() -> hash(item, true));
    return sha256.thenCompose(sha -> {
      item.sha256 = sha;
      if (sha.equals(remote)) {
        progress.skipped(item, UploadEvent.SkipReason.UNCHANGED);
        return CompletableFuture.completedFuture(Outcome.UNCHANGED);
      }
      return lfs.submit(item).thenApply(sent -> Outcome.COMMIT);
    });
  }

  /** The Xet path of this upload (opened once, on first use), or null for Git LFS. */
  private @Nullable XetUploads xet() {
    // A lock, not a monitor: opening asks the Hub for a token (no blocking I/O under synchronized).
    xetLock.lock();
    try {
      if (!xetOpened) {
        xetOpened = true;
        xet = XetUploads.open(api, repo, opt, progress, xetStop);
      }
      return xet;
    } finally {
      xetLock.unlock();
    }
  }

  private @Nullable XetUploads openedXet() {
    xetLock.lock();
    try {
      return xet;
    } finally {
      xetLock.unlock();
    }
  }

  /** Before a commit: the Xet files it names must be registered (pending xorbs and a shard uploaded). */
  private void flushXet(Iterable<UploadItem> items) {
    XetUploads x = openedXet();
    if (x == null) return;
    for (UploadItem i : items) {
      if (i.viaXet) {
        tracker.check();
        x.flush();
        return;
      }
    }
  }

  /**
   * A sha256 queued before preupload. Its state moves once: from {@code QUEUED} to {@code RUNNING} (the task
   * started it) or to {@code TAKEN} (preupload's answer came first: the file is hashed the usual way, or not at all).
   */
  private static final class EarlyHash {
    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int TAKEN = 2;
    final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(QUEUED);
    @Nullable CompletableFuture<String> sha256;

    /** Whether the task had not started (and now never will). */
    boolean take() {
      return state.compareAndSet(QUEUED, TAKEN);
    }
  }

  /**
   * Queues the sha256 of the chunk's large files ({@link #EARLY_SHA256_MIN}) on a lane of one thread, before
   * their preupload: on the Git LFS path each needs it for the LFS batch, and one thread hashing while the
   * calling thread sets up the HTTP client and waits for preupload leaves the other cores to the caller and the
   * JIT. When preupload answers, files whose hash has not started yet go to the hashing lane (all cores) like any
   * other; a started hash is used as it is. A file preupload finds regular or ignored never uses its early hash,
   * and a failure surfaces only for a file that needs the hash, through {@link #prepare}.
   */
  private void hashEarly(List<UploadItem> chunk) {
    if (!api.config.disableXet()) return;
    for (UploadItem item : chunk) {
      if (item.size < EARLY_SHA256_MIN || early.containsKey(item)) continue;
      EarlyHash e = new EarlyHash();
      e.sha256 = earlyHashing.supply(() -> {
        if (!e.state.compareAndSet(EarlyHash.QUEUED, EarlyHash.RUNNING)) {
          throw new java.util.concurrent.CancellationException("hashed by the hashing lane instead");
        }
        return hash(item, true);
      });
      early.put(item, e);
    }
  }

  private String hash(UploadItem item, boolean sha256) {
    tracker.check();
    long[] last = {0};
    try {
      if (sha256) {
        return Hashing.sha256(item, done -> {
          progress.hashed(item, done, last[0]);
          last[0] = done;
        }, tracker);
      }
      return Hashing.gitSha1(item, done -> {
        progress.hashed(item, done, last[0]);
        last[0] = done;
      }, tracker);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + item.source() + ": " + e.getMessage(), e);
    }
  }

  private static void addLine(CommitBody.Builder body, UploadItem item) {
    if (item.lfs) body.lfsFile(item.path, Objects.requireNonNull(item.sha256, "sha256"), item.size);
    else body.file(item);
  }

  private <T> CompletableFuture<T> watch(CompletableFuture<T> f) {
    return f.whenComplete((v, e) -> {
      if (e != null) tracker.fail(unwrap(e));
      work.signal();
    });
  }

  private byte[] sample(UploadItem item) {
    try {
      return item.sample(keptBudget);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + item.source() + ": " + e.getMessage(), e);
    }
  }

  /** The content of the root {@code .gitignore} being uploaded, sent to preupload as {@code gitIgnore}. */
  /** README.md front matter checked by the Hub before anything is uploaded. */
  private static final long MAX_README_VALIDATED = 16L * 1024 * 1024;

  /**
   * When the commit adds a {@code README.md}, asks the Hub to validate its metadata first ({@code POST
   * /api/validate-yaml}), as the Python client's {@code create_commit} does: invalid metadata fails before any
   * byte is uploaded; warnings are logged.
   */
  private void validateReadme(List<UploadItem> items) {
    UploadItem readme = null;
    for (UploadItem item : items) {
      if (item.path.equals("README.md")) {
        readme = item;
        break;
      }
    }
    if (readme == null || readme.size > MAX_README_VALIDATED) return;
    String content;
    try (var in = readme.open(0)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + readme.source() + ": " + e.getMessage(), e);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("content", content);
    body.put("repoType", repo.type().value());
    Request.Builder rb = new Request.Builder().url(api.http.url("api/validate-yaml")).post(HubApi.jsonBody(body, HubApi.JSON));
    RequestTags.retrySafe(rb);
    Request request = rb.build();
    tracker.check();
    String text;
    int code;
    try (Response response = api.http.client().newCall(request).execute()) {
      code = response.code();
      if (code != 400) api.http.raise(response);
      text = HubApi.text(response);
    } catch (IOException e) {
      throw api.ioFailure(request, e);
    }
    JsonObject answer;
    try {
      answer = JsonObject.of(JsonObject.parse(text, "validate-yaml"), "validate-yaml");
    } catch (RuntimeException e) {
      if (code == 400) throw new HfValidationException("Invalid metadata in README.md.");
      return;
    }
    List<String> warnings = new ArrayList<>();
    for (JsonObject w : answer.objects("warnings")) warnings.add("- " + w.string("message"));
    if (!warnings.isEmpty()) LOG.warn("Warnings while validating metadata in README.md:\n{}", String.join("\n", warnings));
    if (code == 400) {
      List<String> errors = new ArrayList<>();
      for (JsonObject e : answer.objects("errors")) errors.add("- " + e.string("message"));
      throw new HfValidationException("Invalid metadata in README.md; nothing was uploaded.\n" + String.join("\n", errors));
    }
  }

  private @Nullable String gitIgnore(List<UploadItem> items) {
    for (UploadItem item : items) {
      if (!item.path.equals(".gitignore")) continue;
      if (item.size > MAX_GITIGNORE) {
        LOG.warn(".gitignore is larger than 1 MiB; not sent to the Hub's preupload");
        return null;
      }
      try (var in = item.open(0)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new HfIoException("Cannot read " + item.source() + ": " + e.getMessage(), e);
      }
    }
    return null;
  }

  /** A copy's source: LFS sha256, or the bytes of a regular file. */
  private record CopySource(@Nullable String lfsSha256, byte[] content) {}

  private Map<CommitOperation.Copy, CopySource> resolveCopies(List<CommitOperation.Copy> copies) {
    Map<CommitOperation.Copy, CopySource> out = new IdentityHashMap<>();
    if (copies.isEmpty()) return out;
    Map<String, String> destOids = new HashMap<>();
    for (RepoTreeEntry e : pathsInfo(opt.revision(), copies.stream().map(CommitOperation.Copy::pathInRepo).toList())) {
      if (e instanceof RepoFile f) destOids.put(f.path(), f.blobId());
    }
    Map<String, List<CommitOperation.Copy>> bySrcRevision = new LinkedHashMap<>();
    for (CommitOperation.Copy c : copies) {
      String rev = c.srcRevision() != null ? c.srcRevision() : opt.revision();
      bySrcRevision.computeIfAbsent(rev, k -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<String, List<CommitOperation.Copy>> group : bySrcRevision.entrySet()) {
      String rev = group.getKey();
      Map<String, RepoTreeEntry> src = new HashMap<>();
      for (RepoTreeEntry e : pathsInfo(rev, group.getValue().stream().map(CommitOperation.Copy::srcPathInRepo).distinct().toList())) {
        src.put(e.path(), e);
      }
      Map<String, CopySource> fetched = new HashMap<>();
      for (CommitOperation.Copy c : group.getValue()) {
        tracker.check();
        RepoTreeEntry e = src.get(c.srcPathInRepo());
        if (e == null) {
          String msg = "Cannot copy " + c.srcPathInRepo() + " at revision " + rev + ": file is missing on repo";
          throw new EntryNotFoundException(new HttpFailure(404, "POST", pathsInfoPath(rev), "EntryNotFound", msg, null, msg));
        }
        if (e instanceof RepoFolder) {
          throw new HfValidationException("Copying a folder is not supported: " + c.srcPathInRepo());
        }
        RepoFile f = (RepoFile) e;
        if (!f.blobId().isEmpty() && f.blobId().equals(destOids.get(c.pathInRepo()))) {
          LOG.debug("Skipping copy to {}: same content", c.pathInRepo());
          continue;
        }
        CopySource s = fetched.computeIfAbsent(f.path(), p -> f.lfs() != null
            ? new CopySource(f.lfs().sha256(), new byte[0])
            : new CopySource(null, download(rev, p)));
        out.put(c, s);
      }
    }
    return out;
  }

  private String pathsInfoPath(String revision) {
    return "/api/" + repo.type().apiSegment() + "/" + repo + "/paths-info/" + UrlEncoding.revision(revision);
  }

  private List<RepoTreeEntry> pathsInfo(String revision, List<String> paths) {
    List<RepoTreeEntry> out = new ArrayList<>();
    for (List<String> batch : chunks(paths, PATHS_INFO_BATCH)) {
      FormBody.Builder form = new FormBody.Builder();
      for (String p : batch) form.add("paths", p);
      form.add("expand", "false");
      Request.Builder rb = new Request.Builder()
          .url(api.api(repo, "/paths-info/" + UrlEncoding.revision(revision)))
          .post(form.build());
      RequestTags.retrySafe(rb);
      Object answer = api.readJson(rb.build(), "paths-info", tracker);
      if (!(answer instanceof List<?> list)) throw HubApi.unexpected("paths-info", "expected a JSON array");
      for (Object o : list) out.add(JsonObject.treeEntry(JsonObject.of(o, "paths-info")));
    }
    return out;
  }

  private byte[] download(String revision, String path) {
    Request request = new Request.Builder().url(api.resolveUrl(repo, revision, path)).get().build();
    try (Response r = api.execute(request, tracker)) {
      return HubApi.bytes(r, request, api);
    }
  }

  private CommitInfo noCommit() {
    String sha = baseHead;
    if (sha == null) {
      JsonObject info = JsonObject.of(api.getJson(api.api(repo, "/revision/"
          + UrlEncoding.revision(opt.revision())), "repo info"), "repo info");
      sha = info.requireString("sha", "repo info");
    }
    LOG.info("No files have been modified since last commit. Skipping to prevent empty commit.");
    return CommitInfo.of(poster.commitUrl(sha), opt.commitMessage(), opt.commitDescription(), sha, null);
  }

  private CommitInfo finish(CommitInfo info, int commits) {
    XetUploads x = openedXet();
    if (x != null) progress.emit(x.summary());
    progress.emit(new UploadEvent.Finished(info, commits, progress.filesCommitted.get(), progress.filesSkipped.get(),
        progress.bytesHashed.get(), progress.bytesUploaded.get(), Duration.ofNanos(System.nanoTime() - startNanos)));
    return info;
  }

  // ------------------------------------------------------------------ plumbing

  private interface Work {
    CommitInfo run() throws InterruptedException;
  }

  /** Runs the work, turning every failure (the first one, from whichever thread) into the thrown exception. */
  private CommitInfo guarded(Work work) {
    try {
      return work.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tracker.fail(new CancelledException("Upload interrupted; re-run it to resume"));
    } catch (RuntimeException | Error e) {
      tracker.fail(e);
    }
    xetStop.cancel(); // xorb uploads in flight stop now, not when the next file would start
    Throwable f = Objects.requireNonNull(tracker.failure());
    if (f instanceof RuntimeException r) throw r;
    if (f instanceof Error err) throw err;
    throw new HfException("Upload failed: " + f, f);
  }

  /** Runs this upload's queued tasks on the calling thread until {@code all} completes. */
  private void await(CompletableFuture<?> all) throws InterruptedException {
    work.helpUntil(all, tracker::check, 20);
    if (all.isCompletedExceptionally()) {
      try {
        all.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        tracker.fail(unwrap(e));
      }
      tracker.check();
    }
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static long totalBytes(List<UploadItem> items) {
    long n = 0;
    for (UploadItem i : items) n += i.size;
    return n;
  }

  static <T> List<List<T>> chunks(List<T> list, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i += size) out.add(list.subList(i, Math.min(list.size(), i + size)));
    return out;
  }

  /** Stops every worker and waits for them, so that nothing is sent after the upload returns. */
  @Override
  public void close() {
    if (unhook != null) unhook.run();
    lfs.close();
    // Drops what did not start and waits for the running tasks (they stop at the tracker's abort).
    work.close();
    XetUploads x = openedXet();
    if (x != null) x.close();
  }
}
