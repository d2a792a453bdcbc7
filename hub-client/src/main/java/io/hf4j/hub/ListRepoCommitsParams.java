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

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The {@code main} branch, not formatted.
   *
   * @return the defaults
   */
  public static ListRepoCommitsParams defaults() {
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
    b.formatted = formatted;
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
   * Whether HTML-formatted titles and messages are asked for.
   *
   * @return whether HTML-formatted titles and messages are asked for
   */
  public boolean formatted() {
    return formatted;
  }

  /** Builds {@link ListRepoCommitsParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean formatted = false;

    private Builder() {}

    /**
     * A branch, tag or commit sha (default: {@code main}).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * Also ask for the titles and messages formatted as HTML.
     *
     * @param formatted the formatted
     * @return this builder
     */
    public Builder formatted(boolean formatted) {
      this.formatted = formatted;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public ListRepoCommitsParams build() {
      return new ListRepoCommitsParams(this);
    }
  }
}
