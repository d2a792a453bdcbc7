package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Options of {@link HubClient#createCommit}. Immutable; {@link #builder()}, {@link #defaults()}.
 * Python: the keyword arguments of {@code HfApi.create_commit}.
 */
public final class CreateCommitParams {
  private final @Nullable String revision;
  private final String commitDescription;
  private final boolean createPr;
  private final @Nullable String parentCommit;
  private final int concurrency;
  private final boolean verifyLfs;
  private final UploadListener listener;
  private final @Nullable CancellationToken cancellationToken;
  private final UploadTuning tuning;

  private CreateCommitParams(Builder b) {
    this.revision = b.revision;
    this.commitDescription = b.commitDescription;
    this.createPr = b.createPr;
    this.parentCommit = b.parentCommit;
    this.concurrency = b.concurrency;
    this.verifyLfs = b.verifyLfs;
    this.listener = b.listener;
    this.cancellationToken = b.cancellationToken;
    this.tuning = b.tuning;
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
   * Every default: branch {@code main}, no pull request.
   *
   * @return the defaults
   */
  public static CreateCommitParams defaults() {
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
    b.commitDescription = commitDescription;
    b.createPr = createPr;
    b.parentCommit = parentCommit;
    b.concurrency = concurrency;
    b.verifyLfs = verifyLfs;
    b.listener = listener;
    b.cancellationToken = cancellationToken;
    b.tuning = tuning;
    return b;
  }

  /**
   * The branch to commit to; null means {@code main}.
   *
   * @return the revision, or null for {@code main}
   */
  public @Nullable String revision() {
    return revision;
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

  /**
   * The most transfers at once.
   *
   * @return the most transfers at once
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * Whether the LFS {@code verify} action is called after each transfer.
   *
   * @return whether the LFS {
   */
  public boolean verifyLfs() {
    return verifyLfs;
  }

  /**
   * The listener told about progress.
   *
   * @return the listener told about progress
   */
  public UploadListener listener() {
    return listener;
  }

  /**
   * The token that cancels the call, or null.
   *
   * @return the token that cancels the call, or null
   */
  public @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  UploadOptions toOptions(String commitMessage) {
    return new UploadOptions(revision == null ? "main" : revision, createPr, commitMessage, commitDescription,
        parentCommit, concurrency, verifyLfs, listener, cancellationToken, tuning);
  }

  /** Builds {@link CreateCommitParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private String commitDescription = "";
    private boolean createPr;
    private @Nullable String parentCommit;
    private int concurrency = UploadDefaults.NUM_THREADS;
    private boolean verifyLfs;
    private UploadListener listener = UploadListener.logging();
    private @Nullable CancellationToken cancellationToken;
    private UploadTuning tuning = UploadTuning.DEFAULTS;

    private Builder() {}

    /**
     * The branch to commit to (default {@code main}); with {@link #createPr} the pull request's base.
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * The commit description (default empty).
     *
     * @param commitDescription the description
     * @return this builder
     */
    public Builder commitDescription(String commitDescription) {
      this.commitDescription = Objects.requireNonNull(commitDescription, "commitDescription == null");
      return this;
    }

    /**
     * Open a pull request with the commit instead of committing to the branch.
     *
     * @param createPr true to open a pull request
     * @return this builder
     */
    public Builder createPr(boolean createPr) {
      this.createPr = createPr;
      return this;
    }

    /**
     * The commit the branch must still point to; the Hub refuses the commit with 412 ({@link
     * io.hf4j.core.PreconditionFailedException}) otherwise.
     *
     * @param parentCommit the expected head commit sha
     * @return this builder
     */
    public Builder parentCommit(String parentCommit) {
      this.parentCommit = RepoPaths.parentCommit(Objects.requireNonNull(parentCommit, "parentCommit == null"));
      return this;
    }

    /**
     * LFS transfers (files and parts) in flight at once (default 8). Python: {@code num_threads}.
     *
     * @param concurrency at least 1
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = HfValidation.positive(concurrency, "concurrency");
      return this;
    }

    /**
     * Also call the LFS {@code verify} action after each transfer (default false). The Python client does;
     * the JavaScript client does not, and the Hub accepts both. Off by default because it costs one Hub API
     * request per LFS file against the rate limit (1000 per 5 minutes for free accounts), while the commit
     * itself refuses a file whose content is missing.
     *
     * @param verifyLfs the verify lfs
     * @return this builder
     */
    public Builder verifyLfs(boolean verifyLfs) {
      this.verifyLfs = verifyLfs;
      return this;
    }

    /**
     * Receives progress events (default: {@link UploadListener#logging()}).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(UploadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * A token that cancels the upload.
     *
     * @param token the token
     * @return this builder
     */
    public Builder cancellationToken(CancellationToken token) {
      this.cancellationToken = Objects.requireNonNull(token, "token == null");
      return this;
    }

    Builder tuning(UploadTuning tuning) {
      this.tuning = Objects.requireNonNull(tuning, "tuning == null");
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public CreateCommitParams build() {
      return new CreateCommitParams(this);
    }
  }
}
