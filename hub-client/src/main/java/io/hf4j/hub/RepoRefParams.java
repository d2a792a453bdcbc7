package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Which revision a lookup reads: the options of {@link HubClient#listRepoFiles}, {@link
 * HubClient#fileExists} and {@link HubClient#repoExists} (the repo type comes from the {@link
 * io.hf4j.core.RepoId}). Python: their {@code revision} keyword argument.
 */
public final class RepoRefParams {
  private final @Nullable String revision;

  private RepoRefParams(Builder b) {
    this.revision = b.revision;
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
   * The default branch.
   *
   * @return the defaults
   */
  public static RepoRefParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    return b;
  }

  /**
   * The revision, or null for {@code main}.
   *
   * @return the revision, or null for {@code main}
   */
  public @Nullable String revision() {
    return revision;
  }

  /** Builds {@link RepoRefParams}. */
  public static final class Builder {
    private @Nullable String revision;

    private Builder() {}

    /**
     * A branch, tag or commit sha (default: {@code main}).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public RepoRefParams build() {
      return new RepoRefParams(this);
    }
  }
}
