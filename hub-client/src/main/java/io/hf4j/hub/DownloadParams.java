package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a single-file download ({@link HubClient#hfHubDownload(io.hf4j.core.RepoId, String, DownloadParams)}).
 * Immutable; every option has the Python client's default. The repo type comes from the {@link
 * io.hf4j.core.RepoId}.
 *
 * <pre>{@code
 * Path config = hub.hfHubDownload(RepoId.of("acme/model"), "config.json", DownloadParams.builder()
 *     .revision("v1.0")
 *     .cancellationToken(token)
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
  private final @Nullable DownloadListener listener;
  private final @Nullable CancellationToken cancellationToken;

  private DownloadParams(Builder b) {
    this.revision = b.revision;
    this.subfolder = b.subfolder;
    this.cacheDir = b.cacheDir;
    this.localDir = b.localDir;
    this.forceDownload = b.forceDownload;
    this.localFilesOnly = b.localFilesOnly;
    this.listener = b.listener;
    this.cancellationToken = b.cancellationToken;
  }

  /**
   * The empty instance: branch {@code main}, the configured cache, no listener.
   *
   * @return the defaults
   */
  public static DownloadParams defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.subfolder = subfolder;
    b.cacheDir = cacheDir;
    b.localDir = localDir;
    b.forceDownload = forceDownload;
    b.localFilesOnly = localFilesOnly;
    b.listener = listener;
    b.cancellationToken = cancellationToken;
    return b;
  }

  /**
   * The revision read.
   *
   * @return a branch, tag, {@code refs/pr/N} or commit sha; {@code main} by default
   */
  public String revision() {
    return revision;
  }

  /**
   * A folder inside the repo that the filename is relative to.
   *
   * @return the folder, or null for none
   */
  public @Nullable String subfolder() {
    return subfolder;
  }

  /**
   * The cache folder.
   *
   * @return the folder, or null for the configuration's {@code hubCache()} ({@code HF_HUB_CACHE})
   */
  public @Nullable Path cacheDir() {
    return cacheDir;
  }

  /**
   * A plain folder to download into instead of the cache.
   *
   * @return the folder, or null to download into the cache
   */
  public @Nullable Path localDir() {
    return localDir;
  }

  /**
   * Whether to download again even when the file is cached.
   *
   * @return true to download again
   */
  public boolean forceDownload() {
    return forceDownload;
  }

  /**
   * Whether to answer from the cache only, never contacting the Hub.
   *
   * @return true for cache only
   */
  public boolean localFilesOnly() {
    return localFilesOnly;
  }

  /**
   * The listener told about bytes received and the file completed.
   *
   * @return the listener, or null for none
   */
  public @Nullable DownloadListener listener() {
    return listener;
  }

  /**
   * The token that cancels the download.
   *
   * @return the token, or null when only an interrupt cancels
   */
  public @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
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
    private @Nullable DownloadListener listener;
    private @Nullable CancellationToken cancellationToken;

    Builder() {}

    /**
     * A branch, tag, {@code refs/pr/N} or 40-hex commit sha.
     *
     * @param revision the revision
     * @return this builder
     * @throws HfValidationException if blank
     */
    public Builder revision(String revision) {
      Objects.requireNonNull(revision, "revision == null");
      if (revision.isBlank()) throw new HfValidationException("revision must not be blank");
      this.revision = revision;
      return this;
    }

    /**
     * A folder inside the repo: {@code hfHubDownload(id, "f.bin")} with subfolder {@code "a/b"} fetches
     * {@code a/b/f.bin}.
     *
     * @param subfolder the folder; an empty string means none
     * @return this builder
     */
    public Builder subfolder(String subfolder) {
      Objects.requireNonNull(subfolder, "subfolder == null");
      this.subfolder = subfolder.isEmpty() ? null : subfolder;
      return this;
    }

    /**
     * The cache folder (default: the configuration's {@code hubCache()}).
     *
     * @param cacheDir the folder
     * @return this builder
     */
    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir == null");
      return this;
    }

    /**
     * Download into this folder, each file at its repo path, instead of into the cache. Metadata goes
     * to {@code localDir/.cache/huggingface/download/} as the Python client writes it.
     *
     * @param localDir the folder
     * @return this builder
     */
    public Builder localDir(Path localDir) {
      this.localDir = Objects.requireNonNull(localDir, "localDir == null");
      return this;
    }

    /**
     * Download again even when the file is cached (default false).
     *
     * @param forceDownload true to download again
     * @return this builder
     */
    public Builder forceDownload(boolean forceDownload) {
      this.forceDownload = forceDownload;
      return this;
    }

    /**
     * Answer from the cache only, never contacting the Hub (default false).
     *
     * @param localFilesOnly true for cache only
     * @return this builder
     */
    public Builder localFilesOnly(boolean localFilesOnly) {
      this.localFilesOnly = localFilesOnly;
      return this;
    }

    /**
     * The listener told about bytes received and the file completed; it must be fast, and an exception it
     * throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DownloadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * A token that cancels the download: the transfer in flight is closed, the call throws {@link
     * io.hf4j.core.CancelledException}, and no partial file is left in the cache or the local folder (a
     * later call downloads it again).
     *
     * @param token the token
     * @return this builder
     */
    public Builder cancellationToken(CancellationToken token) {
      this.cancellationToken = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
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
