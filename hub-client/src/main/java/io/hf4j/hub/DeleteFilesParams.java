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

  public static Builder builder() {
    return new Builder();
  }

  /** A commit on a model repo's {@code main} with the default message. */
  public static DeleteFilesParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.commitMessage = commitMessage;
    b.commitDescription = commitDescription;
    b.createPr = createPr;
    b.parentCommit = parentCommit;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public @Nullable String commitMessage() {
    return commitMessage;
  }

  public String commitDescription() {
    return commitDescription;
  }

  public boolean createPr() {
    return createPr;
  }

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

    /** The branch to commit to (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** The commit title (default: the Python client's {@code Delete ... with huggingface_hub}). */
    public Builder commitMessage(String commitMessage) {
      this.commitMessage = HfValidation.nonBlank(commitMessage, "commitMessage");
      return this;
    }

    /** The commit description. */
    public Builder commitDescription(String commitDescription) {
      this.commitDescription = Objects.requireNonNull(commitDescription, "commitDescription == null");
      return this;
    }

    /** Open a pull request with the deletion instead of committing to the branch. */
    public Builder createPr(boolean createPr) {
      this.createPr = createPr;
      return this;
    }

    /** Fail unless the branch head is this commit. */
    public Builder parentCommit(String parentCommit) {
      this.parentCommit = HfValidation.nonBlank(parentCommit, "parentCommit");
      return this;
    }

    public DeleteFilesParams build() {
      return new DeleteFilesParams(this);
    }
  }
}
