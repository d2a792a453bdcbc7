package io.hf4j.hub;

import io.hf4j.core.RepoType;
import java.util.Objects;

/** Options of {@link HubClient#deleteRepo}. Python: the keyword arguments of {@code HfApi.delete_repo}. */
public final class DeleteRepoParams {
  private final RepoType repoType;
  private final boolean missingOk;

  private DeleteRepoParams(Builder b) {
    this.repoType = b.repoType;
    this.missingOk = b.missingOk;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo; a missing repo is an error. */
  public static DeleteRepoParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    return new Builder().repoType(repoType).missingOk(missingOk);
  }

  public RepoType repoType() {
    return repoType;
  }

  public boolean missingOk() {
    return missingOk;
  }

  /** Builds {@link DeleteRepoParams}. */
  public static final class Builder {
    private RepoType repoType = RepoType.MODEL;
    private boolean missingOk;

    private Builder() {}

    public Builder repoType(RepoType repoType) {
      this.repoType = Objects.requireNonNull(repoType, "repoType == null");
      return this;
    }

    /** Return quietly when the repo does not exist (default false). */
    public Builder missingOk(boolean missingOk) {
      this.missingOk = missingOk;
      return this;
    }

    public DeleteRepoParams build() {
      return new DeleteRepoParams(this);
    }
  }
}
