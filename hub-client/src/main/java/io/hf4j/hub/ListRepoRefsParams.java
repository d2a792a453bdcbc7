package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#listRepoRefs}. Python: the keyword arguments of {@code HfApi.list_repo_refs}. */
public final class ListRepoRefsParams {
  private final boolean includePullRequests;

  private ListRepoRefsParams(Builder b) {
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
    b.includePullRequests = includePullRequests;
    return b;
  }

  public boolean includePullRequests() {
    return includePullRequests;
  }

  /** Builds {@link ListRepoRefsParams}. */
  public static final class Builder {
    private boolean includePullRequests = false;

    private Builder() {}

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
