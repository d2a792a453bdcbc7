package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#createDiscussion} and {@link HubClient#createPullRequest}. Python: their keyword arguments. */
public final class CreateDiscussionParams {
  private final @Nullable String description;

  private CreateDiscussionParams(Builder b) {
    this.description = b.description;
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
   * The default description.
   *
   * @return the defaults
   */
  public static CreateDiscussionParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.description = description;
    return b;
  }

  /**
   * The description.
   *
   * @return the description
   */
  public @Nullable String description() {
    return description;
  }

  /** Builds {@link CreateDiscussionParams}. */
  public static final class Builder {
    private @Nullable String description;

    private Builder() {}

    /**
     * The first comment (default: the Python client's text).
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description == null");
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public CreateDiscussionParams build() {
      return new CreateDiscussionParams(this);
    }
  }
}
