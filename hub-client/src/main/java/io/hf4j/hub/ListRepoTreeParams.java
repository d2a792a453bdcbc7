package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#listRepoTree}. Python: the keyword arguments of {@code HfApi.list_repo_tree}. */
public final class ListRepoTreeParams {
  private final @Nullable String revision;
  private final String pathInRepo;
  private final boolean recursive;
  private final boolean expand;

  private ListRepoTreeParams(Builder b) {
    this.revision = b.revision;
    this.pathInRepo = b.pathInRepo;
    this.recursive = b.recursive;
    this.expand = b.expand;
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
   * The root of the default branch, not recursive.
   *
   * @return the defaults
   */
  public static ListRepoTreeParams defaults() {
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
    b.recursive = recursive;
    b.expand = expand;
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
   * The folder to list; empty for the root.
   *
   * @return the folder to list; empty for the root
   */
  public String pathInRepo() {
    return pathInRepo;
  }

  /**
   * Whether sub-folders are listed.
   *
   * @return whether sub-folders are listed
   */
  public boolean recursive() {
    return recursive;
  }

  /**
   * The extra fields asked for.
   *
   * @return the extra fields asked for
   */
  public boolean expand() {
    return expand;
  }

  /** Builds {@link ListRepoTreeParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private String pathInRepo = "";
    private boolean recursive;
    private boolean expand;

    private Builder() {}

    /**
     * Sets {@code revision}.
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * The folder to list (default: the root).
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
     * List the whole subtree (default: one level).
     *
     * @param recursive the recursive
     * @return this builder
     */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /**
     * Add each entry's last commit and security status (slower on the server).
     *
     * @param expand the fields to ask for
     * @return this builder
     */
    public Builder expand(boolean expand) {
      this.expand = expand;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public ListRepoTreeParams build() {
      return new ListRepoTreeParams(this);
    }
  }
}
