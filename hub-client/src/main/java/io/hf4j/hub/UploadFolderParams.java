package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link HubClient#uploadFolder}. Immutable; {@link #builder()}, {@link #defaults()}.
 * Python: the keyword arguments of {@code HfApi.upload_folder}.
 *
 * <p>Patterns use the Python client's {@code fnmatch} rules: {@code *} also crosses {@code /}, a
 * pattern ending with {@code /} matches everything below that folder. The default ignores ({@code
 * .git/}, {@code .cache/huggingface/}) always apply, in addition to {@link Builder#ignorePatterns}.
 */
public final class UploadFolderParams {
  /** Always ignored, whatever the caller passes (Python: {@code DEFAULT_IGNORE_PATTERNS}). */
  public static final List<String> DEFAULT_IGNORE_PATTERNS = List.of(
      ".git", ".git/*", "*/.git", "**/.git/**",
      ".cache/huggingface", ".cache/huggingface/*", "*/.cache/huggingface", "**/.cache/huggingface/**");

  private final @Nullable String revision;
  private final String pathInRepo;
  private final @Nullable String commitMessage;
  private final String commitDescription;
  private final boolean createPr;
  private final @Nullable String parentCommit;
  private final List<String> allowPatterns;
  private final List<String> ignorePatterns;
  private final List<String> deletePatterns;
  private final int concurrency;
  private final boolean verifyLfs;
  private final UploadListener listener;
  private final @Nullable CancellationToken cancellationToken;
  private final UploadTuning tuning;
  private final boolean multiCommit;

  private UploadFolderParams(Builder b) {
    this.multiCommit = b.multiCommit;
    this.revision = b.revision;
    this.pathInRepo = b.pathInRepo;
    this.commitMessage = b.commitMessage;
    this.commitDescription = b.commitDescription;
    this.createPr = b.createPr;
    this.parentCommit = b.parentCommit;
    this.allowPatterns = List.copyOf(b.allowPatterns);
    this.ignorePatterns = List.copyOf(b.ignorePatterns);
    this.deletePatterns = List.copyOf(b.deletePatterns);
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
   * Every default: the repo root, branch {@code main}, every file but the default ignores.
   *
   * @return the defaults
   */
  public static UploadFolderParams defaults() {
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
    b.pathInRepo = pathInRepo;
    b.commitMessage = commitMessage;
    b.commitDescription = commitDescription;
    b.createPr = createPr;
    b.parentCommit = parentCommit;
    b.allowPatterns = new ArrayList<>(allowPatterns);
    b.ignorePatterns = new ArrayList<>(ignorePatterns);
    b.deletePatterns = new ArrayList<>(deletePatterns);
    b.concurrency = concurrency;
    b.verifyLfs = verifyLfs;
    b.listener = listener;
    b.cancellationToken = cancellationToken;
    b.tuning = tuning;
    b.multiCommit = multiCommit;
    return b;
  }

  /**
   * Whether a large folder may be committed in several commits (see {@link Builder#multiCommit}).
   *
   * @return whether a large folder may be committed in several commits (see {
   */
  public boolean multiCommit() {
    return multiCommit;
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
   * The folder in the repo receiving the files; empty for the root.
   *
   * @return the folder in the repo receiving the files; empty for the root
   */
  public String pathInRepo() {
    return pathInRepo;
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

  /**
   * Globs a file must match.
   *
   * @return globs a file must match
   */
  public List<String> allowPatterns() {
    return allowPatterns;
  }

  /**
   * The caller's ignore patterns (the defaults are added when uploading).
   *
   * @return globs excluding files
   */
  public List<String> ignorePatterns() {
    return ignorePatterns;
  }

  /**
   * Globs of remote files to delete.
   *
   * @return globs of remote files to delete
   */
  public List<String> deletePatterns() {
    return deletePatterns;
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

  UploadOptions toOptions() {
    String message = commitMessage != null ? commitMessage : "Upload folder using huggingface_hub";
    return new UploadOptions(revision == null ? "main" : revision, createPr, message, commitDescription,
        parentCommit, concurrency, verifyLfs, listener, cancellationToken, tuning);
  }

  /** Builds {@link UploadFolderParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private String pathInRepo = "";
    private @Nullable String commitMessage;
    private String commitDescription = "";
    private boolean createPr;
    private @Nullable String parentCommit;
    private List<String> allowPatterns = new ArrayList<>();
    private List<String> ignorePatterns = new ArrayList<>();
    private List<String> deletePatterns = new ArrayList<>();
    private int concurrency = UploadDefaults.NUM_THREADS;
    private boolean verifyLfs;
    private UploadListener listener = UploadListener.logging();
    private @Nullable CancellationToken cancellationToken;
    private UploadTuning tuning = UploadTuning.DEFAULTS;
    private boolean multiCommit;

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
     * The folder in the repo receiving the files (default: the root).
     *
     * @param pathInRepo the path in the repo
     * @return this builder
     */
    public Builder pathInRepo(String pathInRepo) {
      String prefix = RepoPaths.folderPrefix(pathInRepo);
      this.pathInRepo = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
      return this;
    }

    /**
     * The commit title (default {@code Upload folder using huggingface_hub}, as Python).
     *
     * @param commitMessage the commit title
     * @return this builder
     */
    public Builder commitMessage(String commitMessage) {
      this.commitMessage = HfValidation.nonBlank(commitMessage, "commitMessage");
      return this;
    }

    /**
     * Sets {@code commitDescription}.
     *
     * @param commitDescription the description
     * @return this builder
     */
    public Builder commitDescription(String commitDescription) {
      this.commitDescription = Objects.requireNonNull(commitDescription, "commitDescription == null");
      return this;
    }

    /**
     * Open a pull request; a large folder's later commits go to that pull request.
     *
     * @param createPr true to open a pull request
     * @return this builder
     */
    public Builder createPr(boolean createPr) {
      this.createPr = createPr;
      return this;
    }

    /**
     * The commit the branch must still point to when the (first) commit is made.
     *
     * @param parentCommit the expected head commit sha
     * @return this builder
     */
    public Builder parentCommit(String parentCommit) {
      this.parentCommit = RepoPaths.parentCommit(Objects.requireNonNull(parentCommit, "parentCommit == null"));
      return this;
    }

    /**
     * Only files matching at least one of these globs are uploaded.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder allowPatterns(Collection<String> patterns) {
      this.allowPatterns = copy(patterns, "allowPatterns");
      return this;
    }

    /**
     * Sets {@code allowPatterns}.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder allowPatterns(String... patterns) {
      return allowPatterns(List.of(patterns));
    }

    /**
     * Files matching any of these globs are not uploaded (added to the default ignores).
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder ignorePatterns(Collection<String> patterns) {
      this.ignorePatterns = copy(patterns, "ignorePatterns");
      return this;
    }

    /**
     * Sets {@code ignorePatterns}.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder ignorePatterns(String... patterns) {
      return ignorePatterns(List.of(patterns));
    }

    /**
     * Remote files under {@link #pathInRepo} matching any of these globs (relative to it) are deleted in
     * the commit (the last one of a multi-commit upload), except {@code .gitattributes} and files being uploaded. {@code "*"} mirrors the
     * folder.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder deletePatterns(Collection<String> patterns) {
      this.deletePatterns = copy(patterns, "deletePatterns");
      return this;
    }

    /**
     * Sets {@code deletePatterns}.
     *
     * @param patterns the globs
     * @return this builder
     */
    public Builder deletePatterns(String... patterns) {
      return deletePatterns(List.of(patterns));
    }

    /**
     * Allow several commits (default false: the whole folder is one commit, as Python's {@code
     * upload_folder}, so a reader sees the repo before or after, never between). When true, a large
     * folder is committed in parts of adaptive size, each while the next uploads; deletions ride the
     * last part, so old files stay until every new file is in, and {@link UploadEvent.Committed#intermediate}
     * tells when the repo is between states.
     *
     * @param multiCommit the multi commit
     * @return this builder
     */
    public Builder multiCommit(boolean multiCommit) {
      this.multiCommit = multiCommit;
      return this;
    }

    /**
     * LFS transfers (files and parts) in flight at once (default 8).
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
     * Sets {@code listener}.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(UploadListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Sets {@code cancellationToken}.
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
    public UploadFolderParams build() {
      return new UploadFolderParams(this);
    }

    private static List<String> copy(Collection<String> patterns, String name) {
      Objects.requireNonNull(patterns, name + " == null");
      List<String> out = new ArrayList<>();
      for (String p : patterns) out.add(Objects.requireNonNull(p, name + " element == null"));
      return out;
    }
  }
}
