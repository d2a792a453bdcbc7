package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of a whole-repo download ({@link HubClient#snapshotDownload(io.hf4j.core.RepoId,
 * SnapshotDownloadParams)}). Immutable; every option has the Python client's default. The repo type comes
 * from the {@link io.hf4j.core.RepoId}.
 *
 * <pre>{@code
 * Path weights = hub.snapshotDownload(RepoId.of("acme/model"), SnapshotDownloadParams.builder()
 *     .allowPatterns("*.json", "*.safetensors")
 *     .ignorePatterns("onnx/")
 *     .concurrency(16)
 *     .listener(event -> {
 *       if (event instanceof DownloadEvent.FileCompleted f) System.out.println(f.path());
 *     })
 *     .build());
 * }</pre>
 */
public final class SnapshotDownloadParams {
  private static final SnapshotDownloadParams DEFAULTS = new Builder().build();

  private final String revision;
  private final @Nullable Path cacheDir;
  private final @Nullable Path localDir;
  private final boolean forceDownload;
  private final boolean localFilesOnly;
  private final List<String> allowPatterns;
  private final List<String> ignorePatterns;
  private final int concurrency;
  private final @Nullable DownloadListener listener;
  private final @Nullable CancellationToken cancellationToken;

  private SnapshotDownloadParams(Builder b) {
    this.revision = b.revision;
    this.cacheDir = b.cacheDir;
    this.localDir = b.localDir;
    this.forceDownload = b.forceDownload;
    this.localFilesOnly = b.localFilesOnly;
    this.allowPatterns = List.copyOf(b.allowPatterns);
    this.ignorePatterns = List.copyOf(b.ignorePatterns);
    this.concurrency = b.concurrency;
    this.listener = b.listener;
    this.cancellationToken = b.cancellationToken;
  }

  /**
   * The empty instance: branch {@code main}, every file, 8 files at once, the configured cache.
   *
   * @return the defaults
   */
  public static SnapshotDownloadParams defaults() {
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
    b.cacheDir = cacheDir;
    b.localDir = localDir;
    b.forceDownload = forceDownload;
    b.localFilesOnly = localFilesOnly;
    b.allowPatterns = new ArrayList<>(allowPatterns);
    b.ignorePatterns = new ArrayList<>(ignorePatterns);
    b.concurrency = concurrency;
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
   * The cache folder.
   *
   * @return the folder, or null for the configuration's {@code hubCache()}
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
   * Whether to download again even the files that are cached.
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
   * Globs a file must match (any of) to be downloaded.
   *
   * @return the globs; empty means every file
   */
  public List<String> allowPatterns() {
    return allowPatterns;
  }

  /**
   * Globs excluding files; a pattern ending in {@code /} excludes a folder.
   *
   * @return the globs
   */
  public List<String> ignorePatterns() {
    return ignorePatterns;
  }

  /**
   * The most files downloaded at once.
   *
   * @return the concurrency; 8 by default
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * The listener told about the plan, bytes received and each file completed.
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
    return "SnapshotDownloadParams{revision=" + revision + ", cacheDir=" + cacheDir
        + ", localDir=" + localDir + ", forceDownload=" + forceDownload + ", localFilesOnly=" + localFilesOnly
        + ", allowPatterns=" + allowPatterns + ", ignorePatterns=" + ignorePatterns + ", concurrency=" + concurrency + "}";
  }

  /** Builds {@link SnapshotDownloadParams}. */
  public static final class Builder {
    private String revision = "main";
    private @Nullable Path cacheDir;
    private @Nullable Path localDir;
    private boolean forceDownload;
    private boolean localFilesOnly;
    private List<String> allowPatterns = new ArrayList<>();
    private List<String> ignorePatterns = new ArrayList<>();
    private int concurrency = 8;
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
     * Download into this folder, each file at its repo path, instead of into the cache.
     *
     * @param localDir the folder
     * @return this builder
     */
    public Builder localDir(Path localDir) {
      this.localDir = Objects.requireNonNull(localDir, "localDir == null");
      return this;
    }

    /**
     * Download again even the files that are cached (default false).
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
     * Replaces the allow globs (Python {@code fnmatch}: {@code *} also crosses {@code /}).
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder allowPatterns(String... patterns) {
      return allowPatterns(List.of(patterns));
    }

    /**
     * Replaces the allow globs.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder allowPatterns(Collection<String> patterns) {
      this.allowPatterns = copy(patterns, "allowPatterns");
      return this;
    }

    /**
     * Replaces the ignore globs; a pattern ending in {@code /} ignores a whole folder.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder ignorePatterns(String... patterns) {
      return ignorePatterns(List.of(patterns));
    }

    /**
     * Replaces the ignore globs.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder ignorePatterns(Collection<String> patterns) {
      this.ignorePatterns = copy(patterns, "ignorePatterns");
      return this;
    }

    /**
     * The most files downloaded at once (default 8).
     *
     * @param concurrency at least 1
     * @return this builder
     * @throws HfValidationException if below 1
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) throw new HfValidationException("concurrency must be >= 1 but was " + concurrency);
      this.concurrency = concurrency;
      return this;
    }

    /**
     * The listener told about the download; called from the worker threads, so it must be thread-safe and
     * fast. An exception it throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DownloadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * A token that cancels the download: the transfers in flight are closed, the call throws {@link
     * io.hf4j.core.CancelledException}, files already complete stay in the cache, and no partial file is
     * left (a later call completes the snapshot).
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
    public SnapshotDownloadParams build() {
      if (forceDownload && localFilesOnly) {
        throw new HfValidationException("forceDownload and localFilesOnly cannot both be set");
      }
      return new SnapshotDownloadParams(this);
    }

    private static List<String> copy(Collection<String> patterns, String name) {
      Objects.requireNonNull(patterns, name + " == null");
      List<String> out = new ArrayList<>(patterns.size());
      for (String p : patterns) out.add(Objects.requireNonNull(p, name + " contains null"));
      return out;
    }
  }
}
