package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#listRepoRefs}. Python: the keyword arguments of {@code HfApi.list_repo_refs}. */
public final class ListRepoRefsParams {
  private final boolean includePullRequests;

  private ListRepoRefsParams(Builder b) {
    this.includePullRequests = b.includePullRequests;
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
   * Without pull requests.
   *
   * @return the defaults
   */
  public static ListRepoRefsParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.includePullRequests = includePullRequests;
    return b;
  }

  /**
   * Whether pull requests are listed.
   *
   * @return whether pull requests are listed
   */
  public boolean includePullRequests() {
    return includePullRequests;
  }

  /** Builds {@link ListRepoRefsParams}. */
  public static final class Builder {
    private boolean includePullRequests = false;

    private Builder() {}

    /**
     * Also list the {@code refs/pr/N} references.
     *
     * @param includePullRequests the include pull requests
     * @return this builder
     */
    public Builder includePullRequests(boolean includePullRequests) {
      this.includePullRequests = includePullRequests;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public ListRepoRefsParams build() {
      return new ListRepoRefsParams(this);
    }
  }
}
