package io.hf4j.hub;

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
public final class SnapshotDownloadParams extends DownloadParamsBase {
  private static final SnapshotDownloadParams DEFAULTS = new Builder().build();

  private final List<String> allowPatterns;
  private final List<String> ignorePatterns;
  private final int concurrency;

  private SnapshotDownloadParams(Builder b) {
    super(b);
    this.allowPatterns = List.copyOf(b.allowPatterns);
    this.ignorePatterns = List.copyOf(b.ignorePatterns);
    this.concurrency = b.concurrency;
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
    copyInto(b);
    b.allowPatterns = new ArrayList<>(allowPatterns);
    b.ignorePatterns = new ArrayList<>(ignorePatterns);
    b.concurrency = concurrency;
    return b;
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

  @Override
  public String toString() {
    return "SnapshotDownloadParams{" + describeShared() + ", allowPatterns=" + allowPatterns + ", ignorePatterns=" + ignorePatterns + ", concurrency=" + concurrency + "}";
  }

  /** Builds {@link SnapshotDownloadParams}. */
  public static final class Builder extends DownloadBuilder<Builder> {
    private List<String> allowPatterns = new ArrayList<>();
    private List<String> ignorePatterns = new ArrayList<>();
    private int concurrency = 8;

    Builder() {}

    @Override
    Builder self() {
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
     * Builds the params.
     *
     * @return the params
     * @throws HfValidationException if {@code forceDownload} and {@code localFilesOnly} are both set
     */
    public SnapshotDownloadParams build() {
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
