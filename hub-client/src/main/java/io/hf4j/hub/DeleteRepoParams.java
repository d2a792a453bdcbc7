package io.hf4j.hub;

import java.util.Objects;

/** Options of {@link HubClient#deleteRepo}. Python: the keyword arguments of {@code HfApi.delete_repo}. */
public final class DeleteRepoParams {
  private final boolean missingOk;

  private DeleteRepoParams(Builder b) {
    this.missingOk = b.missingOk;
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
   * A missing repo is an error.
   *
   * @return the defaults
   */
  public static DeleteRepoParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().missingOk(missingOk);
  }

  /**
   * Whether a missing repo is success.
   *
   * @return whether a missing repo is success
   */
  public boolean missingOk() {
    return missingOk;
  }

  /** Builds {@link DeleteRepoParams}. */
  public static final class Builder {
    private boolean missingOk;

    private Builder() {}

    /**
     * Return quietly when the repo does not exist (default false).
     *
     * @param missingOk the missing ok
     * @return this builder
     */
    public Builder missingOk(boolean missingOk) {
      this.missingOk = missingOk;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public DeleteRepoParams build() {
      return new DeleteRepoParams(this);
    }
  }
}
