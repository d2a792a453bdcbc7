package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of a whole-repo download ({@code snapshotDownload}). Immutable; every option has the Python
 * client's default.
 *
 * <pre>{@code
 * Path weights = hub.snapshotDownload(RepoId.of("acme/model"), SnapshotDownloadParams.builder()
 *     .allowPatterns("*.json", "*.safetensors")
 *     .ignorePatterns("onnx/")
 *     .maxWorkers(16)
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
  private final int maxWorkers;
  private final @Nullable DownloadProgressListener progressListener;

  private SnapshotDownloadParams(Builder b) {
    this.revision = b.revision;
    this.cacheDir = b.cacheDir;
    this.localDir = b.localDir;
    this.forceDownload = b.forceDownload;
    this.localFilesOnly = b.localFilesOnly;
    this.allowPatterns = List.copyOf(b.allowPatterns);
    this.ignorePatterns = List.copyOf(b.ignorePatterns);
    this.maxWorkers = b.maxWorkers;
    this.progressListener = b.progressListener;
  }

  /** Every default: a model, branch {@code main}, all files, 8 workers, the configured cache. */
  public static SnapshotDownloadParams defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.cacheDir = cacheDir;
    b.localDir = localDir;
    b.forceDownload = forceDownload;
    b.localFilesOnly = localFilesOnly;
    b.allowPatterns = new ArrayList<>(allowPatterns);
    b.ignorePatterns = new ArrayList<>(ignorePatterns);
    b.maxWorkers = maxWorkers;
    b.progressListener = progressListener;
    return b;
  }

  /** A branch, tag, {@code refs/pr/N} or commit sha; {@code main} by default. */
  public String revision() {
    return revision;
  }

  /** The cache folder; the configuration's {@code hubCache()} when absent. */
  public Optional<Path> cacheDir() {
    return Optional.ofNullable(cacheDir);
  }

  /** A plain folder to download into instead of the cache. */
  public Optional<Path> localDir() {
    return Optional.ofNullable(localDir);
  }

  public boolean forceDownload() {
    return forceDownload;
  }

  public boolean localFilesOnly() {
    return localFilesOnly;
  }

  /** Globs a file must match (any of) to be downloaded; empty means every file. */
  public List<String> allowPatterns() {
    return allowPatterns;
  }

  /** Globs excluding files; a pattern ending in {@code /} excludes a folder. */
  public List<String> ignorePatterns() {
    return ignorePatterns;
  }

  /** The most files downloaded at once; 8 by default. */
  public int maxWorkers() {
    return maxWorkers;
  }

  public Optional<DownloadProgressListener> progressListener() {
    return Optional.ofNullable(progressListener);
  }

  @Override
  public String toString() {
    return "SnapshotDownloadParams{revision=" + revision + ", cacheDir=" + cacheDir
        + ", localDir=" + localDir + ", forceDownload=" + forceDownload + ", localFilesOnly=" + localFilesOnly
        + ", allowPatterns=" + allowPatterns + ", ignorePatterns=" + ignorePatterns + ", maxWorkers=" + maxWorkers + "}";
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
    private int maxWorkers = 8;
    private @Nullable DownloadProgressListener progressListener;

    Builder() {}

    /** @throws HfValidationException if blank */
    public Builder revision(String revision) {
      Objects.requireNonNull(revision, "revision == null");
      if (revision.isBlank()) throw new HfValidationException("revision must not be blank");
      this.revision = revision;
      return this;
    }

    public Builder cacheDir(Path cacheDir) {
      this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir == null");
      return this;
    }

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

    /** Replaces the allow globs (Python {@code fnmatch}: {@code *} also crosses {@code /}). */
    public Builder allowPatterns(String... patterns) {
      return allowPatterns(List.of(patterns));
    }

    public Builder allowPatterns(Collection<String> patterns) {
      this.allowPatterns = copy(patterns, "allowPatterns");
      return this;
    }

    /** Replaces the ignore globs; a pattern ending in {@code /} ignores a whole folder. */
    public Builder ignorePatterns(String... patterns) {
      return ignorePatterns(List.of(patterns));
    }

    public Builder ignorePatterns(Collection<String> patterns) {
      this.ignorePatterns = copy(patterns, "ignorePatterns");
      return this;
    }

    /** @throws HfValidationException if below 1 */
    public Builder maxWorkers(int maxWorkers) {
      if (maxWorkers < 1) throw new HfValidationException("maxWorkers must be >= 1 but was " + maxWorkers);
      this.maxWorkers = maxWorkers;
      return this;
    }

    /** Called from the worker threads, so it must be thread-safe and fast. */
    public Builder progressListener(DownloadProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** @throws HfValidationException if {@code forceDownload} and {@code localFilesOnly} are both set */
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
