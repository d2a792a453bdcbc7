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

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo, from {@code main}; an existing branch is an error. */
  public static CreateBranchParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.existOk = existOk;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public boolean existOk() {
    return existOk;
  }

  /** Builds {@link CreateBranchParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean existOk = false;

    private Builder() {}

    /** The revision to start from (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** Succeed when the branch exists already. */
    public Builder existOk(boolean existOk) {
      this.existOk = existOk;
      return this;
    }

    public CreateBranchParams build() {
      return new CreateBranchParams(this);
    }
  }
}
