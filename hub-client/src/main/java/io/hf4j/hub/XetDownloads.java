package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.xet.CasClient;
import io.hf4j.xet.XetDownloader;
import io.hf4j.xet.XetHash;
import io.hf4j.xet.XetIntegrityException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Xet branch of downloads: a file the Hub announced with a Xet hash is rebuilt from the reconstruction API
 * (only the xorb ranges it names are fetched, every chunk is verified, the result checked against the Xet hash
 * and the sha256 etag) into the {@code .incomplete} file, then moved into place; on any failure the partial file
 * is deleted, so nothing half-written is left in the cache. Python: {@code xet_get} in {@code file_download.py}.
 */
final class XetDownloads {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.hf4j.hub");
  private static final long REPORT_STEP = 1 << 20;

  private final HubApi api;
  /** One CAS client (and token) per read-token route, shared by the files of a snapshot. */
  private final Map<String, CasClient> clients = new ConcurrentHashMap<>();

  XetDownloads(HubApi api) {
    this.api = api;
  }

  /** {@code hash} when it is a Xet hash (64 hex digits), else null. */
  static @Nullable String validHash(@Nullable String hash) {
    if (hash == null) return null;
    String h = hash.strip();
    return XetHash.isValid(h) ? h : null;
  }

  /** Attempts per file: a transfer failure (a cut body, a corrupt range) restarts the file from its reconstruction. */
  private static final int ATTEMPTS = 3;

  void download(RepoId repo, FileMetadata meta, String path, Path incomplete, Path destination,
      DownloadProgress progress, java.util.function.BooleanSupplier cancelled) {
    for (int attempt = 1; ; attempt++) {
      if (cancelled.getAsBoolean()) throw new DownloadTransfer.DownloadCancelledException(path);
      try {
        downloadOnce(repo, meta, path, incomplete, destination, progress, cancelled);
        return;
      } catch (HfIoException | XetIntegrityException e) {
        if (attempt >= ATTEMPTS || e.getCause() instanceof java.io.InterruptedIOException) throw e;
        LOG.warn("Xet download of '{}' failed ({}); restarting it (attempt {} of {})", path, e.getMessage(),
            attempt + 1, ATTEMPTS);
      }
    }
  }

  private void downloadOnce(RepoId repo, FileMetadata meta, String path, Path incomplete,
      Path destination, DownloadProgress progress, java.util.function.BooleanSupplier cancelled) {
    HubXetTokens tokens = HubXetTokens.read(api, repo, meta.commitHash());
    CasClient cas = clients.computeIfAbsent(tokens.toString(), k -> new CasClient(api.config, tokens));
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    boolean done = false;
    try {
      try {
        Files.createDirectories(incomplete.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new HfIoException("Cannot create the folder of " + incomplete, e);
      }
      try (OutputStream out = new Counting(new DigestOutputStream(new BufferedOutputStream(
          Files.newOutputStream(incomplete), 1 << 16), sha256), path, meta.size(), progress, cancelled)) {
        new XetDownloader(cas, api.config.executor()).download(XetHash.parse(meta.xetHash()), meta.size(), out);
      } catch (IOException e) {
        throw new HfIoException("Cannot write " + incomplete, e);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (!actual.equals(meta.etag())) {
        throw new XetIntegrityException("'" + path + "' rebuilt from Xet storage has sha256 " + actual + ", but the Hub"
            + " says " + meta.etag() + "; the download was discarded");
      }
      try {
        CacheLayout.moveReplacing(incomplete, destination);
      } catch (IOException e) {
        throw new HfIoException("Cannot move " + incomplete + " to " + destination, e);
      }
      done = true;
    } finally {
      if (!done) {
        try {
          Files.deleteIfExists(incomplete);
        } catch (IOException ignored) {
          // best effort: the failure being thrown matters more
        }
      }
    }
  }

  /** Reports bytes written, every MiB and at the end. */
  private static final class Counting extends FilterOutputStream {
    private final String path;
    private final long total;
    private final DownloadProgress progress;
    private final java.util.function.BooleanSupplier cancelled;
    private long written;

    Counting(OutputStream out, String path, long total, DownloadProgress progress,
        java.util.function.BooleanSupplier cancelled) {
      super(out);
      this.path = path;
      this.total = total;
      this.progress = progress;
      this.cancelled = cancelled;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      // A cancelled download stops at its next write; the partial file is deleted by downloadOnce.
      if (cancelled.getAsBoolean()) throw new DownloadTransfer.DownloadCancelledException(path);
      out.write(b, off, len);
      long before = written;
      written += len;
      if (written == total || written / REPORT_STEP != before / REPORT_STEP) {
        progress.transferred(path, written, total);
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }
  }
}
