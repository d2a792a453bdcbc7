package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#listRepoCommits}. Python: the keyword arguments of {@code HfApi.list_repo_commits}. */
public final class ListRepoCommitsParams {
  private final @Nullable String revision;
  private final boolean formatted;

  private ListRepoCommitsParams(Builder b) {
    this.revision = b.revision;
    this.formatted = b.formatted;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo's {@code main}, not formatted. */
  public static ListRepoCommitsParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.formatted = formatted;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public boolean formatted() {
    return formatted;
  }

  /** Builds {@link ListRepoCommitsParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean formatted = false;

    private Builder() {}

    /** A branch, tag or commit sha (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** Also ask for the titles and messages formatted as HTML. */
    public Builder formatted(boolean formatted) {
      this.formatted = formatted;
      return this;
    }

    public ListRepoCommitsParams build() {
      return new ListRepoCommitsParams(this);
    }
  }
}
