package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#getRepoDiscussions}. Python: the keyword arguments of {@code HfApi.get_repo_discussions}. */
public final class GetRepoDiscussionsParams {
  private final @Nullable String author;
  private final @Nullable String discussionType;
  private final @Nullable String discussionStatus;

  private GetRepoDiscussionsParams(Builder b) {
    this.author = b.author;
    this.discussionType = b.discussionType;
    this.discussionStatus = b.discussionStatus;
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
   * Every discussion and pull request.
   *
   * @return the defaults
   */
  public static GetRepoDiscussionsParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.author = author;
    b.discussionType = discussionType;
    b.discussionStatus = discussionStatus;
    return b;
  }

  /**
   * The author filter, or null.
   *
   * @return the author filter, or null
   */
  public @Nullable String author() {
    return author;
  }

  /**
   * The discussion type.
   *
   * @return the discussion type
   */
  public @Nullable String discussionType() {
    return discussionType;
  }

  /**
   * The discussion status.
   *
   * @return the discussion status
   */
  public @Nullable String discussionStatus() {
    return discussionStatus;
  }

  /** Builds {@link GetRepoDiscussionsParams}. */
  public static final class Builder {
    private @Nullable String author;
    private @Nullable String discussionType;
    private @Nullable String discussionStatus;

    private Builder() {}

    /**
     * Only discussions opened by this user.
     *
     * @param author the author
     * @return this builder
     */
    public Builder author(String author) {
      this.author = HfValidation.nonBlank(author, "author");
      return this;
    }

    /**
     * {@code all}, {@code discussion} or {@code pull_request}.
     *
     * @param discussionType the discussion type
     * @return this builder
     */
    public Builder discussionType(String discussionType) {
      this.discussionType = oneOf(discussionType, "discussionType", "all", "discussion", "pull_request");
      return this;
    }

    /**
     * {@code all}, {@code open} or {@code closed}.
     *
     * @param discussionStatus the discussion status
     * @return this builder
     */
    public Builder discussionStatus(String discussionStatus) {
      this.discussionStatus = oneOf(discussionStatus, "discussionStatus", "all", "open", "closed");
      return this;
    }

    private static String oneOf(String value, String name, String... allowed) {
      for (String a : allowed) if (a.equals(value)) return value;
      throw new HfValidationException(name + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public GetRepoDiscussionsParams build() {
      return new GetRepoDiscussionsParams(this);
    }
  }
}
