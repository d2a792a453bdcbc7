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

  public static Builder builder() {
    return new Builder();
  }

  /** The root of a model repo's default branch, not recursive. */
  public static ListRepoTreeParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.pathInRepo = pathInRepo;
    b.recursive = recursive;
    b.expand = expand;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  /** The folder to list; empty for the root. */
  public String pathInRepo() {
    return pathInRepo;
  }

  public boolean recursive() {
    return recursive;
  }

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

    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** The folder to list (default: the root). */
    public Builder pathInRepo(String pathInRepo) {
      String prefix = RepoPaths.folderPrefix(pathInRepo);
      this.pathInRepo = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
      return this;
    }

    /** List the whole subtree (default: one level). */
    public Builder recursive(boolean recursive) {
      this.recursive = recursive;
      return this;
    }

    /** Add each entry's last commit and security status (slower on the server). */
    public Builder expand(boolean expand) {
      this.expand = expand;
      return this;
    }

    public ListRepoTreeParams build() {
      return new ListRepoTreeParams(this);
    }
  }
}
