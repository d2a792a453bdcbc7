package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfIoException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The local half of a folder upload, started before the upload is called: on a thread of its own, the folder is
 * listed and filtered exactly as {@link HubClient#uploadFolder(io.hf4j.core.RepoId, Path, UploadFolderParams)}
 * lists it, then, for an upload through Git LFS, the sha256 of its large files (10 MB or more, the files the Hub
 * stores in LFS) is computed one file after the other, in the folder's order. Whatever the caller does meanwhile
 * (building its client, reading its configuration) overlaps with that work; the command-line tool starts one as
 * soon as it has parsed its arguments. Hand it to {@link HubClient#uploadFolder(io.hf4j.core.RepoId,
 * PreparedFolder, UploadFolderParams)}, which takes what is ready and computes the rest itself: a file whose hash
 * has not started here when the upload needs it is hashed by the upload (on all cores), one being hashed here is
 * waited for.
 *
 * <p>Nothing is sent before the upload is called, and a failure of the listing (a missing folder, a symbolic link
 * loop, an unreadable file) is thrown by the upload, as the same exception. The listing is a snapshot: a file added
 * afterwards is not uploaded; one that changes size fails the upload, as it would during an upload. An upload that
 * fails (the repo did not exist, say) can be called again with the same preparation: hashes already computed are
 * used again. Closing stops the work still running here (within 16 MiB of hashing) and waits for it; so does
 * cancelling the {@link UploadFolderParams#cancellationToken() cancellation token} of the parameters it was
 * started with. Close it once the upload is done. On the Xet path (the default) only the listing is done ahead:
 * the sha256 is computed in the same pass as the Xet chunks.
 */
public final class PreparedFolder implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** Files whose preupload sample (512 bytes) is read ahead: at most 1 MiB of samples. */
  static final int SAMPLES_AHEAD = 2048;

  private final Path folder;
  private final UploadFolderParams params;
  private final boolean gitLfs;
  private final CompletableFuture<List<UploadItem>> listing = new CompletableFuture<>();
  /** The large files' hashes, by file, in the folder's order; filled before {@link #listing} completes. */
  private final Map<Path, Hash> hashes = new LinkedHashMap<>();
  private final CallTracker tracker = new CallTracker();
  private final @Nullable Runnable unhook;
  private final Thread thread;

  private PreparedFolder(Path folder, UploadFolderParams params, boolean gitLfs) {
    this.folder = folder;
    this.params = params;
    this.gitLfs = gitLfs;
    CancellationToken token = params.cancellationToken();
    this.unhook = token == null ? null
        : token.onCancel(() -> tracker.fail(new CancelledException("Upload cancelled; re-run it to resume")));
    this.thread = new Thread(this::run, "hf4j-prepare-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
  }

  /**
   * Starts listing {@code folder} (and, when {@code gitLfs}, hashing its large files) on a new thread, and returns
   * at once.
   *
   * @param folder the local folder
   * @param params the options of the upload to come: its {@link UploadFolderParams#pathInRepo() pathInRepo},
   *     {@link UploadFolderParams#allowPatterns() allowPatterns} and {@link UploadFolderParams#ignorePatterns()
   *     ignorePatterns} choose the files, and its cancellation token also stops this work
   * @param gitLfs whether the upload will go through Git LFS ({@code HfConfig#disableXet()}, the Hub having no Xet
   *     storage): its large files are then hashed ahead; an upload through Xet does not use these hashes
   * @return the preparation, under way
   */
  public static PreparedFolder start(Path folder, UploadFolderParams params, boolean gitLfs) {
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(params, "params == null");
    PreparedFolder p = new PreparedFolder(folder, params, gitLfs);
    p.thread.start();
    return p;
  }

  /**
   * The folder being prepared.
   *
   * @return the folder being prepared
   */
  public Path folder() {
    return folder;
  }

  /**
   * The options it was started with.
   *
   * @return the options it was started with
   */
  public UploadFolderParams params() {
    return params;
  }

  private void run() {
    List<UploadItem> items;
    try {
      items = FolderScanner.scan(folder, params);
    } catch (Throwable t) {
      listing.completeExceptionally(t);
      return;
    }
    // The preupload samples of the first files (what the upload's first requests carry), read here rather than on
    // the calling thread; a file that cannot be read is left for the upload to report.
    for (int i = 0; i < Math.min(items.size(), SAMPLES_AHEAD) && !tracker.aborted(); i++) {
      UploadItem item = items.get(i);
      try {
        item.readSample = item.sample();
      } catch (IOException | RuntimeException e) {
        // the upload reads it again and fails as it would have
      }
    }
    List<Map.Entry<UploadItem, Hash>> large = new ArrayList<>();
    synchronized (hashes) {
      if (gitLfs) {
        for (UploadItem i : items) {
          if (i.size < Uploader.EARLY_SHA256_MIN) continue;
          Hash h = new Hash();
          hashes.put(i.file, h);
          large.add(Map.entry(i, h));
        }
      }
    }
    listing.complete(items);
    for (Map.Entry<UploadItem, Hash> e : large) {
      Hash h = e.getValue();
      if (tracker.aborted()) break;
      if (!h.state.compareAndSet(Hash.QUEUED, Hash.RUNNING)) continue;
      try {
        h.sha256.complete(Hashing.sha256(e.getKey(), done -> { }, tracker));
      } catch (IOException ex) {
        h.sha256.completeExceptionally(new HfIoException("Cannot read " + e.getKey().source() + ": " + ex.getMessage(), ex));
      } catch (Throwable t) {
        h.sha256.completeExceptionally(t);
      }
    }
  }

  /**
   * The listed files, fresh items for one upload (an upload writes what it learns into its items); waits for the
   * listing, and throws what the listing threw.
   */
  List<UploadItem> items() {
    List<UploadItem> listed;
    try {
      listed = listing.join();
    } catch (CompletionException e) {
      Throwable c = e.getCause() != null ? e.getCause() : e;
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new HfException("Cannot list " + folder + ": " + c, c);
    }
    List<UploadItem> out = new ArrayList<>(listed.size());
    for (UploadItem i : listed) {
      UploadItem copy = UploadItem.ofFile(i.path, Objects.requireNonNull(i.file), i.size);
      copy.readSample = i.readSample;
      out.add(copy);
    }
    return out;
  }

  /** Whether this preparation's thread still runs. */
  boolean running() {
    return thread.isAlive();
  }

  /** Whether the large files are hashed here (the upload then queues no early hash of its own). */
  boolean hashesLfs() {
    return gitLfs;
  }

  /**
   * The sha256 of {@code file} as this preparation has it: a future completing with it when it is hashed or being
   * hashed here; null when the caller is to hash it (it had not started here, and now never will, or hashing it
   * here failed: the caller's own attempt reports the failure). Also the way to say a file's hash is not needed.
   */
  @Nullable CompletableFuture<String> claimHash(Path file) {
    Hash h;
    synchronized (hashes) {
      h = hashes.get(file);
    }
    if (h == null || h.state.compareAndSet(Hash.QUEUED, Hash.TAKEN)) return null;
    CompletableFuture<String> f = h.sha256;
    if (h.state.get() == Hash.RUNNING) {
      return f.isCompletedExceptionally() ? null : f;
    }
    // Taken by an earlier upload of this preparation: ready if that upload hashed it, else the caller hashes it.
    return f.isDone() && !f.isCompletedExceptionally() ? f : null;
  }

  /** Keeps a hash the upload computed itself, for a later upload of this preparation. */
  void recordHash(Path file, String sha256) {
    Hash h;
    synchronized (hashes) {
      h = hashes.get(file);
    }
    if (h != null) h.sha256.complete(sha256);
  }

  /**
   * Stops what still runs here (a hash stops within 16 MiB) and waits for it. Idempotent; an upload given this
   * preparation afterwards computes every hash itself.
   *
   * @throws HfInterruptedException if interrupted while waiting (the work still stops)
   */
  @Override
  public void close() {
    if (unhook != null) unhook.run();
    tracker.fail(new CancelledException("The prepared folder was closed"));
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HfInterruptedException("Interrupted while stopping the preparation of " + folder, e);
    }
  }

  /**
   * A large file's sha256. Its state moves once: from {@code QUEUED} to {@code RUNNING} (hashed here) or to
   * {@code TAKEN} (the upload claimed it first: it hashes the file itself, or does not need the hash).
   */
  private static final class Hash {
    static final int QUEUED = 0;
    static final int RUNNING = 1;
    static final int TAKEN = 2;
    final AtomicInteger state = new AtomicInteger(QUEUED);
    final CompletableFuture<String> sha256 = new CompletableFuture<>();
  }
}
