package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#createBranch}. Python: the keyword arguments of {@code HfApi.create_branch}. */
public final class CreateBranchParams {
  private final @Nullable String revision;
  private final boolean existOk;

  private CreateBranchParams(Builder b) {
    this.revision = b.revision;
    this.existOk = b.existOk;
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
   * From {@code main}; an existing branch is an error.
   *
   * @return the defaults
   */
  public static CreateBranchParams defaults() {
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
    b.existOk = existOk;
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

  /**
   * Whether an existing one counts as success.
   *
   * @return whether an existing one counts as success
   */
  public boolean existOk() {
    return existOk;
  }

  /** Builds {@link CreateBranchParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean existOk = false;

    private Builder() {}

    /**
     * The revision to start from (default: {@code main}).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * Succeed when the branch exists already.
     *
     * @param existOk true to succeed when it exists already
     * @return this builder
     */
    public Builder existOk(boolean existOk) {
      this.existOk = existOk;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public CreateBranchParams build() {
      return new CreateBranchParams(this);
    }
  }
}
