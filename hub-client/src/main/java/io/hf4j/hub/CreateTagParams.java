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

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo's {@code main}, no message; an existing tag is an error. */
  public static CreateTagParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.tagMessage = tagMessage;
    b.existOk = existOk;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public @Nullable String tagMessage() {
    return tagMessage;
  }

  public boolean existOk() {
    return existOk;
  }

  /** Builds {@link CreateTagParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private @Nullable String tagMessage;
    private boolean existOk = false;

    private Builder() {}

    /** The revision to tag (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** The tag's message (an annotated tag). */
    public Builder tagMessage(String tagMessage) {
      this.tagMessage = Objects.requireNonNull(tagMessage, "tagMessage == null");
      return this;
    }

    /** Succeed when the tag exists already. */
    public Builder existOk(boolean existOk) {
      this.existOk = existOk;
      return this;
    }

    public CreateTagParams build() {
      return new CreateTagParams(this);
    }
  }
}
