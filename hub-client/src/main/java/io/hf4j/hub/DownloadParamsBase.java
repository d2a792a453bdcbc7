package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a single-file and a snapshot download share: the revision, where the files go, the cache policy, the
 * listener and the cancellation token. Package-private: users see these getters and setters on
 * {@link DownloadParams} and {@link SnapshotDownloadParams}.
 */
abstract class DownloadParamsBase {
  private final String revision;
  private final @Nullable Path cacheDir;
  private final @Nullable Path localDir;
  private final boolean forceDownload;
  private final boolean localFilesOnly;
  private final @Nullable DownloadListener listener;
  private final @Nullable CancellationToken cancellationToken;

  DownloadParamsBase(DownloadBuilder<?> b) {
    if (b.forceDownload && b.localFilesOnly) {
      throw new HfValidationException("forceDownload and localFilesOnly cannot both be set");
    }
    this.revision = b.revision;
    this.cacheDir = b.cacheDir;
    this.localDir = b.localDir;
    this.forceDownload = b.forceDownload;
    this.localFilesOnly = b.localFilesOnly;
    this.listener = b.listener;
    this.cancellationToken = b.cancellationToken;
  }

  /** Copies the shared options into a builder (for {@code toBuilder()}). */
  final void copyInto(DownloadBuilder<?> b) {
    b.revision = revision;
    b.cacheDir = cacheDir;
    b.localDir = localDir;
    b.forceDownload = forceDownload;
    b.localFilesOnly = localFilesOnly;
    b.listener = listener;
    b.cancellationToken = cancellationToken;
  }

  /** The shared options as {@code name=value} pairs, for {@code toString()} (no listener or token). */
  final String describeShared() {
    return "revision=" + revision + ", cacheDir=" + cacheDir + ", localDir=" + localDir + ", forceDownload="
        + forceDownload + ", localFilesOnly=" + localFilesOnly;
  }

  /**
   * The revision: a branch, tag, {@code refs/pr/N} or commit sha (default {@code main}).
   *
   * @return the revision
   */
  public final String revision() {
    return revision;
  }

  /**
   * The cache folder, or null for the configuration's {@code hubCache()}.
   *
   * @return the cache folder, or null
   */
  public final @Nullable Path cacheDir() {
    return cacheDir;
  }

  /**
   * The folder the files go to at their repo paths instead of the cache, or null for the cache.
   *
   * @return the local folder, or null
   */
  public final @Nullable Path localDir() {
    return localDir;
  }

  /**
   * Whether cached files are downloaded again.
   *
   * @return whether cached files are downloaded again
   */
  public final boolean forceDownload() {
    return forceDownload;
  }

  /**
   * Whether the call answers from the cache only, never contacting the Hub.
   *
   * @return whether only the cache is used
   */
  public final boolean localFilesOnly() {
    return localFilesOnly;
  }

  /**
   * The listener told about the download, or null for none.
   *
   * @return the listener, or null
   */
  public final @Nullable DownloadListener listener() {
    return listener;
  }

  /**
   * The token that cancels the download, or null.
   *
   * @return the token, or null
   */
  public final @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  /**
   * The setters of {@link DownloadParamsBase}, returning the concrete builder.
   *
   * @param <B> the concrete builder
   */
  abstract static class DownloadBuilder<B extends DownloadBuilder<B>> {
    String revision = "main";
    @Nullable Path cacheDir;
    @Nullable Path localDir;
    boolean forceDownload;
    boolean localFilesOnly;
    @Nullable DownloadListener listener;
    @Nullable CancellationToken cancellationToken;

    DownloadBuilder() {}

    abstract B self();

    /**
     * A branch, tag, {@code refs/pr/N} or 40-hex commit sha (default {@code main}).
     *
     * @param revision the revision
     * @return this builder
     * @throws HfValidationException if blank
     */
    public final B revision(String revision) {
      Objects.requireNonNull(revision, "revision == null");
      if (revision.isBlank()) throw new HfValidationException("revision must not be blank");
      this.revision = revision;
      return self();
    }

    /**
     * The cache folder (default: the configuration's {@code hubCache()}).
     *
     * @param cacheDir the folder
     * @return this builder
     */
    public final B cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir == null");
      return self();
    }

    /**
     * Download into this folder, each file at its repo path, instead of into the cache. Metadata goes
     * to {@code localDir/.cache/huggingface/download/} as the Python client writes it.
     *
     * @param localDir the folder
     * @return this builder
     */
    public final B localDir(Path localDir) {
      this.localDir = Objects.requireNonNull(localDir, "localDir == null");
      return self();
    }

    /**
     * Download again even the files that are cached (default false). Cannot be combined with
     * {@link #localFilesOnly}.
     *
     * @param forceDownload true to download again
     * @return this builder
     */
    public final B forceDownload(boolean forceDownload) {
      this.forceDownload = forceDownload;
      return self();
    }

    /**
     * Answer from the cache only, never contacting the Hub (default false). Cannot be combined with
     * {@link #forceDownload}.
     *
     * @param localFilesOnly true for cache only
     * @return this builder
     */
    public final B localFilesOnly(boolean localFilesOnly) {
      this.localFilesOnly = localFilesOnly;
      return self();
    }

    /**
     * The listener told about bytes received and files completed. A snapshot calls it from its worker threads,
     * so it must be thread-safe, and fast; an exception it throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public final B listener(DownloadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return self();
    }

    /**
     * A token that cancels the download: the transfers in flight are closed, the call throws {@link
     * io.hf4j.core.CancelledException}, files already complete stay in the cache, and no partial file is
     * left in the cache or the local folder (a later call completes the download).
     *
     * @param token the token
     * @return this builder
     */
    public final B cancellationToken(CancellationToken token) {
      this.cancellationToken = Objects.requireNonNull(token, "token == null");
      return self();
    }
  }
}
