package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#deleteFile}, {@link HubClient#deleteFiles} and {@link HubClient#deleteFolder}: the commit they make. Python: their keyword arguments. */
public final class DeleteFilesParams {
  private final @Nullable String revision;
  private final @Nullable String commitMessage;
  private final String commitDescription;
  private final boolean createPr;
  private final @Nullable String parentCommit;

  private DeleteFilesParams(Builder b) {
    this.revision = b.revision;
    this.commitMessage = b.commitMessage;
    this.commitDescription = b.commitDescription;
    this.createPr = b.createPr;
    this.parentCommit = b.parentCommit;
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
    b.revision = revision;
    b.commitMessage = commitMessage;
    b.commitDescription = commitDescription;
    b.createPr = createPr;
    b.parentCommit = parentCommit;
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
   * The commit title, or null for the default.
   *
   * @return the commit title, or null for the default
   */
  public @Nullable String commitMessage() {
    return commitMessage;
  }

  /**
   * The commit's description.
   *
   * @return the commit's description
   */
  public String commitDescription() {
    return commitDescription;
  }

  /**
   * Whether the commit opens a pull request.
   *
   * @return whether the commit opens a pull request
   */
  public boolean createPr() {
    return createPr;
  }

  /**
   * The commit sha the branch head must be, or null.
   *
   * @return the commit sha the branch head must be, or null
   */
  public @Nullable String parentCommit() {
    return parentCommit;
  }

  /** Builds {@link DeleteFilesParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private @Nullable String commitMessage;
    private String commitDescription = "";
    private boolean createPr = false;
    private @Nullable String parentCommit;

    private Builder() {}

    /**
     * The branch to commit to (default: {@code main}).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
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
     * The commit description.
     *
     * @param commitDescription the description
     * @return this builder
     */
    public Builder commitDescription(String commitDescription) {
      this.commitDescription = Objects.requireNonNull(commitDescription, "commitDescription == null");
      return this;
    }

    /**
     * Open a pull request with the deletion instead of committing to the branch.
     *
     * @param createPr true to open a pull request
     * @return this builder
     */
    public Builder createPr(boolean createPr) {
      this.createPr = createPr;
      return this;
    }

    /**
     * Fail unless the branch head is this commit.
     *
     * @param parentCommit the expected head commit sha
     * @return this builder
     */
    public Builder parentCommit(String parentCommit) {
      this.parentCommit = HfValidation.nonBlank(parentCommit, "parentCommit");
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
