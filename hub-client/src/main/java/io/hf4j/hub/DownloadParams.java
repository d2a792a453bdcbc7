package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a single-file download ({@code hfHubDownload}). Immutable; every option has the Python
 * client's default.
 *
 * <pre>{@code
 * Path config = hub.hfHubDownload(RepoId.of("acme/model"), "config.json", DownloadParams.builder()
 *     .revision("v1.0")
 *     .build());
 * }</pre>
 */
public final class DownloadParams {
  private static final DownloadParams DEFAULTS = new Builder().build();

  private final String revision;
  private final @Nullable String subfolder;
  private final @Nullable Path cacheDir;
  private final @Nullable Path localDir;
  private final boolean forceDownload;
  private final boolean localFilesOnly;
  private final @Nullable DownloadProgressListener progressListener;

  private DownloadParams(Builder b) {
    this.revision = b.revision;
    this.subfolder = b.subfolder;
    this.cacheDir = b.cacheDir;
    this.localDir = b.localDir;
    this.forceDownload = b.forceDownload;
    this.localFilesOnly = b.localFilesOnly;
    this.progressListener = b.progressListener;
  }

  /** Every default: a model, branch {@code main}, the configured cache. */
  public static DownloadParams defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.subfolder = subfolder;
    b.cacheDir = cacheDir;
    b.localDir = localDir;
    b.forceDownload = forceDownload;
    b.localFilesOnly = localFilesOnly;
    b.progressListener = progressListener;
    return b;
  }

  /** A branch, tag, {@code refs/pr/N} or commit sha; {@code main} by default. */
  public String revision() {
    return revision;
  }

  /** A folder inside the repo that the filename is relative to. */
  public Optional<String> subfolder() {
    return Optional.ofNullable(subfolder);
  }

  /** The cache folder; the configuration's {@code hubCache()} ({@code HF_HUB_CACHE}) when absent. */
  public Optional<Path> cacheDir() {
    return Optional.ofNullable(cacheDir);
  }

  /** A plain folder to download into instead of the cache. */
  public Optional<Path> localDir() {
    return Optional.ofNullable(localDir);
  }

  /** Whether to download again even when the file is cached. */
  public boolean forceDownload() {
    return forceDownload;
  }

  /** Whether to answer from the cache only, never contacting the Hub. */
  public boolean localFilesOnly() {
    return localFilesOnly;
  }

  /** The listener told about bytes received and files completed. */
  public Optional<DownloadProgressListener> progressListener() {
    return Optional.ofNullable(progressListener);
  }

  @Override
  public String toString() {
    return "DownloadParams{revision=" + revision + ", subfolder=" + subfolder
        + ", cacheDir=" + cacheDir + ", localDir=" + localDir + ", forceDownload=" + forceDownload
        + ", localFilesOnly=" + localFilesOnly + "}";
  }

  /** Builds {@link DownloadParams}. */
  public static final class Builder {
    private String revision = "main";
    private @Nullable String subfolder;
    private @Nullable Path cacheDir;
    private @Nullable Path localDir;
    private boolean forceDownload;
    private boolean localFilesOnly;
    private @Nullable DownloadProgressListener progressListener;

    Builder() {}

    /**
     * A branch, tag, {@code refs/pr/N} or 40-hex commit sha.
     *
     * @throws HfValidationException if blank
     */
    public Builder revision(String revision) {
      Objects.requireNonNull(revision, "revision == null");
      if (revision.isBlank()) throw new HfValidationException("revision must not be blank");
      this.revision = revision;
      return this;
    }

    /** A folder inside the repo; {@code hfHubDownload(id, "f.bin")} with subfolder {@code "a/b"} fetches {@code a/b/f.bin}. An empty string means none. */
    public Builder subfolder(String subfolder) {
      Objects.requireNonNull(subfolder, "subfolder == null");
      this.subfolder = subfolder.isEmpty() ? null : subfolder;
      return this;
    }

    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir == null");
      return this;
    }

    /**
     * Download into this folder, each file at its repo path, instead of into the cache. Metadata goes
     * to {@code localDir/.cache/huggingface/download/} as the Python client writes it.
     */
    public Builder localDir(Path localDir) {
      this.localDir = Objects.requireNonNull(localDir, "localDir == null");
      return this;
    }

    public Builder forceDownload(boolean forceDownload) {
      this.forceDownload = forceDownload;
      return this;
    }

    public Builder localFilesOnly(boolean localFilesOnly) {
      this.localFilesOnly = localFilesOnly;
      return this;
    }

    public Builder progressListener(DownloadProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * @throws HfValidationException if {@code forceDownload} and {@code localFilesOnly} are both set
     */
    public DownloadParams build() {
      if (forceDownload && localFilesOnly) {
        throw new HfValidationException("forceDownload and localFilesOnly cannot both be set");
      }
      return new DownloadParams(this);
    }
  }
}
