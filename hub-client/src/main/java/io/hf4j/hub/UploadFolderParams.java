package io.hf4j.hub;

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
public final class UploadFolderParams extends UploadParams {
  /** Always ignored, whatever the caller passes (Python: {@code DEFAULT_IGNORE_PATTERNS}). */
  public static final List<String> DEFAULT_IGNORE_PATTERNS = List.of(
      ".git", ".git/*", "*/.git", "**/.git/**",
      ".cache/huggingface", ".cache/huggingface/*", "*/.cache/huggingface", "**/.cache/huggingface/**");

  private final String pathInRepo;
  private final @Nullable String commitMessage;
  private final List<String> allowPatterns;
  private final List<String> ignorePatterns;
  private final List<String> deletePatterns;
  private final boolean multiCommit;

  private UploadFolderParams(Builder b) {
    super(b);
    this.multiCommit = b.multiCommit;
    this.pathInRepo = b.pathInRepo;
    this.commitMessage = b.commitMessage;
    this.allowPatterns = List.copyOf(b.allowPatterns);
    this.ignorePatterns = List.copyOf(b.ignorePatterns);
    this.deletePatterns = List.copyOf(b.deletePatterns);
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
    copyInto(b);
    b.pathInRepo = pathInRepo;
    b.commitMessage = commitMessage;
    b.allowPatterns = new ArrayList<>(allowPatterns);
    b.ignorePatterns = new ArrayList<>(ignorePatterns);
    b.deletePatterns = new ArrayList<>(deletePatterns);
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

  UploadOptions toOptions() {
    return toOptions(commitMessage != null ? commitMessage : "Upload folder using huggingface_hub");
  }

  /** Builds {@link UploadFolderParams}. */
  public static final class Builder extends UploadBuilder<Builder> {
    private String pathInRepo = "";
    private @Nullable String commitMessage;
    private List<String> allowPatterns = new ArrayList<>();
    private List<String> ignorePatterns = new ArrayList<>();
    private List<String> deletePatterns = new ArrayList<>();
    private boolean multiCommit;

    private Builder() {}

    @Override
    Builder self() {
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
     * With {@link #createPr} the later commits go to the pull request the first one opened; {@link #parentCommit}
     * is checked on the first commit.
     *
     * @param multiCommit the multi commit
     * @return this builder
     */
    public Builder multiCommit(boolean multiCommit) {
      this.multiCommit = multiCommit;
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
