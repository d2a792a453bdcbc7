package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Options of {@link HubClient#uploadFile}. Immutable; {@link #builder()}, {@link #defaults()}. Python:
 * the keyword arguments of {@code HfApi.upload_file}.
 */
public final class UploadFileParams extends UploadParams {
  private final @Nullable String commitMessage;

  private UploadFileParams(Builder b) {
    super(b);
    this.commitMessage = b.commitMessage;
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
   * Every default: branch {@code main}, message {@code Upload <path> with huggingface_hub}.
   *
   * @return the defaults
   */
  public static UploadFileParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    copyInto(b);
    b.commitMessage = commitMessage;
    return b;
  }

  /**
   * The commit title, or null for the default.
   *
   * @return the commit title, or null for the default
   */
  public @Nullable String commitMessage() {
    return commitMessage;
  }

  UploadOptions optionsFor(String pathInRepo) {
    return toOptions(commitMessage != null ? commitMessage : "Upload " + pathInRepo + " with huggingface_hub");
  }

  /** Builds {@link UploadFileParams}. */
  public static final class Builder extends UploadBuilder<Builder> {
    private @Nullable String commitMessage;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The commit title (default {@code Upload <pathInRepo> with huggingface_hub}, as Python).
     *
     * @param commitMessage the commit title
     * @return this builder
     */
    public Builder commitMessage(String commitMessage) {
      this.commitMessage = HfValidation.nonBlank(commitMessage, "commitMessage");
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public UploadFileParams build() {
      return new UploadFileParams(this);
    }
  }
}
