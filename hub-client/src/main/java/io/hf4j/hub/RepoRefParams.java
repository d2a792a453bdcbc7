package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.util.Objects;

/**
 * Which repo type and revision a lookup reads: the options of {@link HubClient#listRepoFiles}, {@link
 * HubClient#fileExists} and {@link HubClient#repoExists}. Python: their {@code repo_type} and {@code
 * revision} keyword arguments.
 */
public final class RepoRefParams {
  private final RepoType repoType;
  private final @Nullable String revision;

  private RepoRefParams(Builder b) {
    this.repoType = b.repoType;
    this.revision = b.revision;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo at its default branch. */
  public static RepoRefParams defaults() {
    return builder().build();
  }

  /** Shorthand for {@code builder().repoType(repoType).build()}. */
  public static RepoRefParams of(RepoType repoType) {
    return builder().repoType(repoType).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.repoType = repoType;
    b.revision = revision;
    return b;
  }

  public RepoType repoType() {
    return repoType;
  }

  public @Nullable String revision() {
    return revision;
  }

  /** Builds {@link RepoRefParams}. */
  public static final class Builder {
    private RepoType repoType = RepoType.MODEL;
    private @Nullable String revision;

    private Builder() {}

    public Builder repoType(RepoType repoType) {
      this.repoType = Objects.requireNonNull(repoType, "repoType == null");
      return this;
    }

    /** A branch, tag or commit sha (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    public RepoRefParams build() {
      return new RepoRefParams(this);
    }
  }
}
