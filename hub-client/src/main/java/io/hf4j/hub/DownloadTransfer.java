package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one file into an {@code .incomplete} file and renames it into place once its size matches, and
 * its checksum, computed while streaming, when one is known: the sha256 of LFS files, the git blob id of
 * regular files listed by the tree endpoint. A connection cut or timeout mid-body resumes
 * with {@code Range: bytes=<received>-} after a one-second wait, up to five consecutive failures without
 * progress, as the Python client does; an {@code .incomplete} file left by an earlier run is resumed the
 * same way. A server that ignores the Range and answers 200 restarts the file from zero.
 */
final class DownloadTransfer {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  static final int MAX_FAILURES_WITHOUT_PROGRESS = 5;
  private static final Duration RESUME_WAIT = Duration.ofSeconds(1);
  private static final int CHUNK = 64 * 1024;
  /** Suffix of a partial file kept after a failed attempt for the next one to resume. */
  static final String RESUME_SUFFIX = ".resume.incomplete";

  private final DownloadHttp http;
  private final DownloadProgress progress;
  private final CancellationToken cancel;
  private final BooleanSupplier cancelled;

  DownloadTransfer(DownloadHttp http, DownloadProgress progress, CancellationToken cancel) {
    this.http = http;
    this.progress = progress;
    this.cancel = cancel;
    this.cancelled = cancel::isCancelled;
  }

  /**
   * Downloads {@code url} to {@code destination} through {@code incomplete} (same folder, so the final
   * rename is atomic). The caller holds the lock of the destination.
   *
   * @param path the file's path in the repo, for messages and progress
   */
  void download(HttpUrl url, Path resumable, Path destination, FileMetadata meta, String path,
      @Nullable String gitBlobSha1) {
    Path incomplete = claim(resumable);
    try {
      transfer(url, incomplete, destination, meta, path, gitBlobSha1);
    } catch (DownloadCancelledException e) {
      // A cancelled download leaves nothing behind: the next call starts this file over.
      deleteQuietly(incomplete);
      throw e;
    } catch (RuntimeException | Error e) {
      park(incomplete, resumable);
      throw e;
    }
  }

  /**
   * A partial file no other writer uses: {@code <stem>.<random>.incomplete} next to {@code resumable}, as the
   * Python client names its own. A partial file an earlier failed attempt parked at {@code resumable} is taken
   * over by an atomic rename, so two writers can never both resume it; neither client ever writes into a partial
   * file it did not create.
   */
  static Path claim(Path resumable) {
    String name = resumable.getFileName().toString();
    String stem = name.endsWith(RESUME_SUFFIX) ? name.substring(0, name.length() - RESUME_SUFFIX.length()) : name;
    Path unique = resumable.resolveSibling(stem + "." + CacheLayout.shortRandom() + ".incomplete");
    try {
      Files.createDirectories(unique.getParent());
      Files.move(resumable, unique, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      // nothing to resume
    } catch (IOException e) {
      LOG.debug("cannot take over {}: {}", resumable, e.toString());
    }
    return unique;
  }

  /** After a failure: keeps a non-empty partial file at {@code resumable} for the next attempt, else deletes it. */
  private static void park(Path incomplete, Path resumable) {
    try {
      if (Files.exists(incomplete) && Files.size(incomplete) > 0) {
        CacheLayout.moveReplacing(incomplete, resumable);
        return;
      }
    } catch (IOException e) {
      LOG.debug("cannot keep {} for a later resume: {}", incomplete, e.toString());
    }
    deleteQuietly(incomplete);
  }

  private void transfer(HttpUrl url, Path incomplete, Path destination, FileMetadata meta, String path,
      @Nullable String gitBlobSha1) {
    long expected = meta.size();
    Checksum checksum = meta.isLfs() ? Checksum.sha256(meta.etag())
        : gitBlobSha1 != null ? Checksum.gitBlob(gitBlobSha1, expected)
        : CacheLayout.isCommitHash(meta.etag()) ? Checksum.gitBlob(meta.etag(), expected) : null;
    long have = 0;
    try {
      Files.createDirectories(incomplete.getParent());
      if (Files.exists(incomplete)) {
        have = Files.size(incomplete);
        if (have > expected) {
          LOG.debug("discarding {}: larger than the expected {} bytes", incomplete, expected);
          truncate(incomplete);
          have = 0;
        } else if (have > 0) {
          LOG.info("Resuming download of '{}' from byte {} of {}", path, have, expected);
          if (checksum != null) digestExisting(incomplete, checksum.digest);
        }
      } else {
        Files.createFile(incomplete);
      }
    } catch (IOException e) {
      throw new HfIoException("Cannot prepare " + incomplete, e);
    }

    int failures = 0;
    // Failures are forgiven only when a byte arrives beyond the furthest point reached so far, so a server
    // that ignores Range and cuts every body cannot keep the loop going forever.
    long furthest = have;
    while (have < expected) {
      checkCancelled(path);
      IOException failure;
      Call call = http.newGet(url, have);
      // Cancelling closes the call in flight, so a transfer blocked on the network stops at once.
      Runnable unhook = cancel.onCancel(call::cancel);
      try (Response response = http.execute(call)) {
        if (have > 0 && response.code() != 206) {
          // The server ignored the Range (a proxy, or compression): this body is the whole file.
          LOG.debug("GET {} answered {} to a Range request; restarting from zero", path, response.code());
          have = restart(incomplete, checksum);
        } else if (have > 0 && !contentRangeStartsAt(response, have)) {
          LOG.debug("GET {} answered Content-Range '{}' to a request from byte {}; restarting from zero", path,
              response.header("Content-Range"), have);
          have = restart(incomplete, checksum);
          if (++failures > MAX_FAILURES_WITHOUT_PROGRESS) {
            throw new HfIoException("Download of '" + path + "' failed: the server keeps answering the wrong range",
                new IOException("bad Content-Range"));
          }
          continue;
        }
        failure = stream(response, incomplete, have, expected, checksum, path);
        have = Files.size(incomplete);
        if (have > furthest) {
          furthest = have;
          failures = 0;
        }
      } catch (HfHttpException e) {
        if (e.statusCode() != 416 || have == 0) throw e;
        // Range not satisfiable: the partial file does not belong to this content.
        LOG.debug("GET {} answered 416 to a request from byte {}; restarting from zero", path, have);
        have = restartQuietly(incomplete, checksum);
        if (++failures > MAX_FAILURES_WITHOUT_PROGRESS) throw e;
        continue;
      } catch (HfIoException e) {
        checkCancelled(path);
        // A first request that cannot connect fails at once (the core client retried it already); a
        // resume after a cut body keeps trying while the failure budget lasts.
        if (failures == 0 || e.getCause() instanceof InterruptedIOException) throw e;
        failure = e.getCause();
      } catch (IOException e) {
        throw new HfIoException("Cannot write " + incomplete, e);
      } finally {
        unhook.run();
      }
      checkCancelled(path);
      if (failure == null && have < expected) {
        failure = new IOException("the body ended after " + have + " of " + expected + " bytes");
      }
      if (failure != null) {
        if (++failures > MAX_FAILURES_WITHOUT_PROGRESS) {
          throw new HfIoException("Download of '" + path + "' failed after " + have + " of " + expected
              + " bytes; the partial file is kept and the next attempt resumes it: "
              + failure.getMessage(), failure);
        }
        LOG.warn("Error while downloading '{}' ({}); resuming from byte {}", path, failure.toString(), have);
        sleep(path);
      }
    }

    if (have != expected) {
      deleteQuietly(incomplete);
      throw new DownloadIntegrityException("Consistency check failed: file should be of size " + expected + " but has size "
          + have + " (" + path + "). This is usually due to network issues while downloading the file. Retry with forceDownload.",
          path);
    }
    if (checksum != null) {
      String actual = HexFormat.of().formatHex(checksum.digest.digest());
      if (!actual.equals(checksum.expected)) {
        deleteQuietly(incomplete);
        throw new DownloadIntegrityException("Consistency check failed: '" + path + "' should have " + checksum.name + " "
            + checksum.expected + " but has " + actual + ". The download was discarded; retry it.", path);
      }
    }
    try {
      CacheLayout.moveReplacing(incomplete, destination);
    } catch (IOException e) {
      throw new HfIoException("Cannot move " + incomplete + " to " + destination, e);
    }
  }

  /**
   * Appends the body to the file. Returns the network failure that cut it short (to resume from), or
   * null when the body was read to its end; throws for a local write failure, which is not retried.
   */
  private @Nullable IOException stream(Response response, Path incomplete, long have, long expected,
      @Nullable Checksum checksum, String path) throws IOException {
    BufferedSource source = response.body().source();
    byte[] buf = new byte[CHUNK];
    long done = have;
    try (FileChannel out = FileChannel.open(incomplete, StandardOpenOption.WRITE)) {
      out.truncate(have);
      out.position(have);
      while (true) {
        if (cancelled.getAsBoolean()) throw new DownloadCancelledException(path);
        int n;
        try {
          n = source.read(buf);
        } catch (IOException e) {
          return e;
        }
        if (n < 0) return null;
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) out.write(bb);
        if (checksum != null) checksum.digest.update(buf, 0, n);
        done += n;
        progress.transferred(path, done, expected);
        if (done > expected) {
          return null;
        }
      }
    }
  }

  private void checkCancelled(String path) {
    if (cancelled.getAsBoolean()) throw new DownloadCancelledException(path);
  }

  private void sleep(String path) {
    try {
      http.config().sleeper().sleep(RESUME_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HfIoException("Interrupted while resuming the download of '" + path + "'", new InterruptedIOException());
    }
  }

  private static boolean contentRangeStartsAt(Response response, long from) {
    String range = response.header("Content-Range");
    if (range == null) return true;
    // bytes <first>-<last>/<total>
    String r = range.strip();
    if (!r.startsWith("bytes ")) return false;
    int dash = r.indexOf('-');
    if (dash < 0) return false;
    try {
      return Long.parseLong(r.substring(6, dash).strip()) == from;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void digestExisting(Path file, MessageDigest digest) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[CHUNK];
      int n;
      while ((n = in.read(buf)) >= 0) digest.update(buf, 0, n);
    }
  }

  private static long restart(Path file, @Nullable Checksum digest) throws IOException {
    truncate(file);
    if (digest != null) digest.reset();
    return 0;
  }

  private static long restartQuietly(Path file, @Nullable Checksum digest) {
    try {
      return restart(file, digest);
    } catch (IOException e) {
      throw new HfIoException("Cannot truncate " + file, e);
    }
  }

  private static void truncate(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(0);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", file, e.toString());
    }
  }

  /** A digest computed while streaming, checked before the file is renamed into place. */
  private static final class Checksum {
    final String name;
    final String expected;
    final MessageDigest digest;
    private final byte[] prefix;

    private Checksum(String name, String algorithm, String expected, byte[] prefix) {
      this.name = name;
      this.expected = expected;
      this.prefix = prefix;
      try {
        this.digest = MessageDigest.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      reset();
    }

    /** LFS and Xet files: the etag is the sha256 of the content. */
    static Checksum sha256(String expected) {
      return new Checksum("sha256", "SHA-256", expected, new byte[0]);
    }

    /** Regular files listed by the tree endpoint: git's blob id, sha1 of {@code "blob <size>\0" + content}. */
    static Checksum gitBlob(String expected, long size) {
      return new Checksum("git blob id", "SHA-1", expected, ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    void reset() {
      digest.reset();
      digest.update(prefix);
    }
  }

  /** Thrown inside a transfer when its download was cancelled; the downloader turns it into a CancelledException. */
  static final class DownloadCancelledException extends HfException {
    private static final long serialVersionUID = 1L;

    DownloadCancelledException(String path) {
      super("Download of '" + path + "' cancelled");
    }
  }
}
