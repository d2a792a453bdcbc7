package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What every call that makes a commit shares: the branch, the description, pull request or not, and the parent
 * commit the branch must still point to. Package-private: users see these getters and setters on
 * {@link DeleteFilesParams}, {@link CreateCommitParams}, {@link UploadFileParams} and {@link UploadFolderParams}.
 */
abstract class CommitParams {
  private final @Nullable String revision;
  private final String commitDescription;
  private final boolean createPr;
  private final @Nullable String parentCommit;

  CommitParams(CommitBuilder<?> b) {
    this.revision = b.revision;
    this.commitDescription = b.commitDescription;
    this.createPr = b.createPr;
    this.parentCommit = b.parentCommit;
  }

  /** Copies the shared options into a builder (for {@code toBuilder()}). */
  void copyInto(CommitBuilder<?> b) {
    b.revision = revision;
    b.commitDescription = commitDescription;
    b.createPr = createPr;
    b.parentCommit = parentCommit;
  }

  /** The branch the commit goes to: the revision, or {@code main}. */
  final String branch() {
    return revision == null ? "main" : revision;
  }

  /**
   * The branch to commit to (with {@link #createPr()} the pull request's base); null means {@code main}.
   *
   * @return the revision, or null for {@code main}
   */
  public final @Nullable String revision() {
    return revision;
  }

  /**
   * The commit's description (empty by default).
   *
   * @return the commit's description
   */
  public final String commitDescription() {
    return commitDescription;
  }

  /**
   * Whether the commit opens a pull request instead of moving the branch.
   *
   * @return whether the commit opens a pull request
   */
  public final boolean createPr() {
    return createPr;
  }

  /**
   * The commit the branch must still point to, or null for no check.
   *
   * @return the expected head commit sha, or null
   */
  public final @Nullable String parentCommit() {
    return parentCommit;
  }

  /**
   * The setters of {@link CommitParams}, returning the concrete builder.
   *
   * @param <B> the concrete builder
   */
  abstract static class CommitBuilder<B extends CommitBuilder<B>> {
    @Nullable String revision;
    String commitDescription = "";
    boolean createPr;
    @Nullable String parentCommit;

    CommitBuilder() {}

    abstract B self();

    /**
     * The branch to commit to (default {@code main}); with {@link #createPr} the pull request's base.
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public final B revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return self();
    }

    /**
     * The commit description (default empty).
     *
     * @param commitDescription the description
     * @return this builder
     */
    public final B commitDescription(String commitDescription) {
      this.commitDescription = Objects.requireNonNull(commitDescription, "commitDescription == null");
      return self();
    }

    /**
     * Open a pull request with the commit instead of committing to the branch (default false).
     *
     * @param createPr true to open a pull request
     * @return this builder
     */
    public final B createPr(boolean createPr) {
      this.createPr = createPr;
      return self();
    }

    /**
     * The commit the branch must still point to; the Hub refuses the commit with 412 ({@link
     * io.hf4j.core.PreconditionFailedException}) otherwise.
     *
     * @param parentCommit the expected head commit sha (5 to 40 hexadecimal characters)
     * @return this builder
     */
    public final B parentCommit(String parentCommit) {
      this.parentCommit = RepoPaths.parentCommit(Objects.requireNonNull(parentCommit, "parentCommit == null"));
      return self();
    }
  }
}
