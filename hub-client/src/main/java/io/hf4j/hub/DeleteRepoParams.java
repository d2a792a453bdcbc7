package io.hf4j.hub;

import java.util.Objects;

/** Options of {@link HubClient#deleteRepo}. Python: the keyword arguments of {@code HfApi.delete_repo}. */
public final class DeleteRepoParams {
  private final boolean missingOk;

  private DeleteRepoParams(Builder b) {
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
    return new Builder().missingOk(missingOk);
  }

  public boolean missingOk() {
    return missingOk;
  }

  /** Builds {@link DeleteRepoParams}. */
  public static final class Builder {
    private boolean missingOk;

    private Builder() {}

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
