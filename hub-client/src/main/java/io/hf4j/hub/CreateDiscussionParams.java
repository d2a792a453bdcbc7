package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#createDiscussion} and {@link HubClient#createPullRequest}. Python: their keyword arguments. */
public final class CreateDiscussionParams {
  private final @Nullable String description;

  private CreateDiscussionParams(Builder b) {
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
    b.description = description;
    return b;
  }

  public @Nullable String description() {
    return description;
  }

  /** Builds {@link CreateDiscussionParams}. */
  public static final class Builder {
    private @Nullable String description;

    private Builder() {}

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
