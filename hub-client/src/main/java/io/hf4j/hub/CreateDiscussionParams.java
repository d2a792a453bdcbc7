package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.util.Objects;

/** Options of {@link HubClient#createDiscussion} and {@link HubClient#createPullRequest}. Python: their keyword arguments. */
public final class CreateDiscussionParams {
  private final RepoType repoType;
  private final @Nullable String description;

  private CreateDiscussionParams(Builder b) {
    this.repoType = b.repoType;
    this.description = b.description;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo, the default description. */
  public static CreateDiscussionParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.repoType = repoType;
    b.description = description;
    return b;
  }

  public RepoType repoType() {
    return repoType;
  }

  public @Nullable String description() {
    return description;
  }

  /** Builds {@link CreateDiscussionParams}. */
  public static final class Builder {
    private RepoType repoType = RepoType.MODEL;
    private @Nullable String description;

    private Builder() {}

    /** The repo type (default: model). */
    public Builder repoType(RepoType repoType) {
      this.repoType = Objects.requireNonNull(repoType, "repoType == null");
      return this;
    }

    /** The first comment (default: the Python client's text). */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    public CreateDiscussionParams build() {
      return new CreateDiscussionParams(this);
    }
  }
}
