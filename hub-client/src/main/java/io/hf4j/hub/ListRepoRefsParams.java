package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.util.Objects;

/** Options of {@link HubClient#listRepoRefs}. Python: the keyword arguments of {@code HfApi.list_repo_refs}. */
public final class ListRepoRefsParams {
  private final RepoType repoType;
  private final boolean includePullRequests;

  private ListRepoRefsParams(Builder b) {
    this.repoType = b.repoType;
    this.includePullRequests = b.includePullRequests;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo, without pull requests. */
  public static ListRepoRefsParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.repoType = repoType;
    b.includePullRequests = includePullRequests;
    return b;
  }

  public RepoType repoType() {
    return repoType;
  }

  public boolean includePullRequests() {
    return includePullRequests;
  }

  /** Builds {@link ListRepoRefsParams}. */
  public static final class Builder {
    private RepoType repoType = RepoType.MODEL;
    private boolean includePullRequests = false;

    private Builder() {}

    /** The repo type (default: model). */
    public Builder repoType(RepoType repoType) {
      this.repoType = Objects.requireNonNull(repoType, "repoType == null");
      return this;
    }

    /** Also list the {@code refs/pr/N} references. */
    public Builder includePullRequests(boolean includePullRequests) {
      this.includePullRequests = includePullRequests;
      return this;
    }

    public ListRepoRefsParams build() {
      return new ListRepoRefsParams(this);
    }
  }
}
