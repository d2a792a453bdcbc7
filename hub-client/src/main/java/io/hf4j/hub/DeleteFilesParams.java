package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#deleteFile}, {@link HubClient#deleteFiles} and {@link HubClient#deleteFolder}: the commit they make. Python: their keyword arguments. */
public final class DeleteFilesParams extends CommitParams {
  private final @Nullable String commitMessage;

  private DeleteFilesParams(Builder b) {
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
   * A commit on {@code main} with the default message.
   *
   * @return the defaults
   */
  public static DeleteFilesParams defaults() {
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

  /** Builds {@link DeleteFilesParams}. */
  public static final class Builder extends CommitBuilder<Builder> {
    private @Nullable String commitMessage;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The commit title (default: the Python client's {@code Delete ... with huggingface_hub}).
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
    public DeleteFilesParams build() {
      return new DeleteFilesParams(this);
    }
  }
}
