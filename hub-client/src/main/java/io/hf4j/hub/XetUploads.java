package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.xet.CasClient;
import io.hf4j.xet.XetToken;
import io.hf4j.xet.XetTokenProvider;
import io.hf4j.xet.XetUploadSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Xet side of one upload, as the Python client does it ({@code _upload_xet_files}): a write token from the Hub,
 * then every LFS-mode file chunked and deduplicated into xorbs (sha256 in the same read pass), and before each
 * commit a flush that uploads the pending xorbs and one shard registering the files; the commit then names them
 * with {@code lfsFile} and their sha256.
 */
final class XetUploads {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  /** Repos whose fallback to LFS was already logged (once per endpoint and repo). */
  private static final Set<String> FALLBACK_LOGGED = ConcurrentHashMap.newKeySet();

  private XetUploadSession session;
  /** The file the worker is adding (one at a time), for the session's progress callbacks. */
  private volatile @Nullable UploadItem current;
  private volatile long reported;
  private final ProgressSink progress;
  private final AtomicInteger files = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong deduplicated = new AtomicLong();
  private final AtomicLong fresh = new AtomicLong();
  private final AtomicLong xorbBytes = new AtomicLong();
  private final AtomicInteger xorbs = new AtomicInteger();
  private final AtomicInteger shards = new AtomicInteger();
  /** Files up to this size are read, chunked and hashed (and their dedupe queries sent) ahead of their turn. */
  private static final long PREPARE_MAX = 1 << 20;
  /** Small files prepared ahead at most (bounds the memory they hold: at most 16 MiB). */
  private final Semaphore preparing = new Semaphore(16);
  /** Small files queued and not prepared yet, in submission order: prepared as earlier ones are added. */
  private final java.util.Queue<UploadItem> waiting = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final Map<UploadItem, CompletableFuture<XetUploadSession.Prepared>> prepared = new ConcurrentHashMap<>();
  /** The configuration's executor: small files are prepared ahead on it, several at once. */
  private @Nullable Executor preparers;
  /** A lock, not a monitor: a flush uploads (no blocking I/O under synchronized). */
  private final ReentrantLock flushLock = new ReentrantLock();

  private XetUploads(ProgressSink progress) {
    this.progress = progress;
  }

  /** Session progress of the current file: reported as hashing progress (bytes read and chunked). */
  private void onProgress(String name, long bytesRead, long bytesDeduplicated, long bytesNew) {
    UploadItem item = current;
    if (item == null || bytesRead <= reported) return;
    progress.hashed(item, bytesRead, reported);
    reported = bytesRead;
  }

  /**
   * Opens the Xet path for an upload (cancelling {@code stop} cancels its xorb uploads in flight and fails the
   * session), or returns null when it is off ({@code HF_HUB_DISABLE_XET}, the config's
   * switch) or the Hub does not offer it for this repo (its token route answers 401 or 404): the upload then
   * goes through Git LFS, and the reason is logged once.
   */
  static @Nullable XetUploads open(HubApi api, RepoId repo, UploadOptions opt, ProgressSink progress,
      CancellationToken stop) {
    HfConfig config = api.config;
    if (config.disableXet()) return null;
    HubXetTokens route = HubXetTokens.write(api, repo, opt.revision(), opt.createPr());
    XetToken first;
    try {
      first = route.token(false);
    } catch (HfHttpException e) {
      if (e.statusCode() != 401 && e.statusCode() != 404) throw e;
      String key = config.endpoint() + " " + repo.toPrefixedString();
      if (FALLBACK_LOGGED.add(key)) {
        LOG.warn("The Hub offers no Xet storage for {} (its xet-write-token route answered HTTP {}); uploading"
            + " through Git LFS", repo.toPrefixedString(), e.statusCode());
      }
      return null;
    }
    XetTokenProvider tokens = new XetTokenProvider() {
      private volatile @Nullable XetToken seed = first;

      @Override
      public XetToken token(boolean forceRefresh) {
        XetToken s = seed;
        seed = null;
        return s != null && !forceRefresh ? s : route.token(true);
      }
    };
    CasClient cas = new CasClient(config, tokens);
    Path record = config.hfHome().resolve("xet").resolve("hf4j-stored-xorbs");
    XetUploads uploads = new XetUploads(progress);
    uploads.preparers = config.executor();
    uploads.session = new XetUploadSession(cas, XetUploadSession.Options.defaults()
        .withUploadedXorbDir(record).withProgress(uploads::onProgress).withExecutor(config.executor())
        .withCancellationToken(stop));
    return uploads;
  }

  /**
   * Called as a file is queued: a small file is read, chunked and hashed, and its global dedupe queries sent, on
   * the configuration's executor while the files before it go through the session; {@link #add} then only
   * registers it. At most 16 are prepared ahead; the window moves on as files are added. Files still enter the
   * session one at a time in submission order, so xorbs are packed the same way in every run.
   */
  void prefetch(UploadItem item) {
    if (preparers == null || item.size > PREPARE_MAX) return;
    waiting.add(item);
    pump();
  }

  /** Starts preparing the next waiting small files, as many as the window allows. */
  private void pump() {
    Executor exec = preparers;
    while (exec != null && !waiting.isEmpty() && preparing.tryAcquire()) {
      UploadItem item = waiting.poll();
      if (item == null) {
        preparing.release();
        return;
      }
      try {
        prepared.put(item, CompletableFuture.supplyAsync(() -> {
          byte[] content;
          try {
            byte[] held = item.memory();
            content = held != null ? held : java.nio.file.Files.readAllBytes(item.file);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return session.prepare(item.path, content);
        }, exec));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        preparing.release();
        return;
      }
    }
  }

  /**
   * Chunks and deduplicates an item's content into xorbs (uploaded as they fill up, several at once, while the next
   * files are chunked; {@link #flush} waits for them); sets its sha256 and reports what was deduplicated. Files go
   * through the session one at a time (each uses every core to chunk and hash), in the order they were submitted
   * (the upload's serial Xet lane): a re-run packs the same xorbs, which the session then recognizes as stored.
   */
  void add(UploadItem item) {
    XetUploadSession.XetFileResult r;
    current = item;
    reported = 0;
    waiting.remove(item); // its turn came before it was prepared: done here instead
    CompletableFuture<XetUploadSession.Prepared> ahead = prepared.remove(item);
    XetUploadSession.Prepared p = null;
    if (ahead != null) {
      try {
        // Not started yet (the executor is busy): do it here rather than wait behind other work on that executor.
        if (!ahead.cancel(false)) p = ahead.join();
      } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
        p = null; // read again below, where a failure is reported the usual way
      } finally {
        preparing.release();
        pump(); // the next small file is prepared while this one is added
      }
    }
    try {
      if (p != null) {
        r = session.add(p);
      } else if (item.file != null) {
        r = session.add(item.file);
      } else {
        try (InputStream in = new ByteArrayInputStream(item.bytes == null ? new byte[0] : item.bytes)) {
          r = session.add(in, item.size);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    } finally {
      current = null;
    }
    if (r.size() != item.size) {
      throw new io.hf4j.core.HfIoException(item.source() + " changed while it was uploaded",
          new IOException("read " + r.size() + " bytes, expected " + item.size));
    }
    item.sha256 = r.sha256Hex();
    item.viaXet = true;
    files.incrementAndGet();
    bytes.addAndGet(r.size());
    deduplicated.addAndGet(r.bytesDeduplicated());
    fresh.addAndGet(r.bytesNew());
    if (reported < r.size()) progress.hashed(item, r.size(), reported);
    progress.emit(new UploadEvent.XetFileStored(item.path, r.size(), r.bytesDeduplicated(), r.bytesNew()));
  }

  /** Uploads the pending xorbs and one shard registering every file added so far; a no-op when none is pending. */
  void flush() {
    flushLock.lock();
    try {
      XetUploadSession.XetUploadSummary s = session.flush();
      if (s.shardBytesSent() > 0) shards.incrementAndGet();
      xorbs.addAndGet(s.xorbsUploaded());
      xorbBytes.addAndGet(s.bytesSent());
      progress.bytesUploaded.addAndGet(s.bytesSent() + s.shardBytesSent());
    } finally {
      flushLock.unlock();
    }
  }

  /** Ends the session: uploads still in flight (after a failure) are cancelled and waited for. */
  void close() {
    waiting.clear();
    for (CompletableFuture<XetUploadSession.Prepared> f : prepared.values()) {
      // not started: never will; running: waited for, so that no dedupe query is sent after the upload returns
      if (!f.cancel(false)) {
        try {
          f.join();
        } catch (RuntimeException e) {
          // its file is not uploaded any more
        }
      }
    }
    prepared.clear();
    session.close();
  }

  /** The totals of this upload's Xet transfer. */
  UploadEvent.XetSummary summary() {
    return new UploadEvent.XetSummary(files.get(), bytes.get(), deduplicated.get(), fresh.get(), xorbBytes.get(),
        xorbs.get(), shards.get());
  }
}
