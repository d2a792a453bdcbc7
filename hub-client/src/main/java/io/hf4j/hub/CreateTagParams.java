package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#createTag}. Python: the keyword arguments of {@code HfApi.create_tag}. */
public final class CreateTagParams {
  private final @Nullable String revision;
  private final @Nullable String tagMessage;
  private final boolean existOk;

  private CreateTagParams(Builder b) {
    this.revision = b.revision;
    this.tagMessage = b.tagMessage;
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
   * The {@code main} branch, no message; an existing tag is an error.
   *
   * @return the defaults
   */
  public static CreateTagParams defaults() {
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
    b.tagMessage = tagMessage;
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
   * The tag message.
   *
   * @return the tag message
   */
  public @Nullable String tagMessage() {
    return tagMessage;
  }

  /**
   * Whether an existing one counts as success.
   *
   * @return whether an existing one counts as success
   */
  public boolean existOk() {
    return existOk;
  }

  /** Builds {@link CreateTagParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private @Nullable String tagMessage;
    private boolean existOk = false;

    private Builder() {}

    /**
     * The revision to tag (default: {@code main}).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * The tag's message (an annotated tag).
     *
     * @param tagMessage the tag message
     * @return this builder
     */
    public Builder tagMessage(String tagMessage) {
      this.tagMessage = Objects.requireNonNull(tagMessage, "tagMessage == null");
      return this;
    }

    /**
     * Succeed when the tag exists already.
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
    public CreateTagParams build() {
      return new CreateTagParams(this);
    }
  }
}
