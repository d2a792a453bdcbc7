package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** Options of {@link HubClient#getPathsInfo}. Python: the keyword arguments of {@code HfApi.get_paths_info}. */
public final class GetPathsInfoParams {
  private final @Nullable String revision;
  private final boolean expand;

  private GetPathsInfoParams(Builder b) {
    this.revision = b.revision;
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
   * The {@code main} branch, not expanded.
   *
   * @return the defaults
   */
  public static GetPathsInfoParams defaults() {
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
   * The extra fields asked for.
   *
   * @return the extra fields asked for
   */
  public boolean expand() {
    return expand;
  }

  /** Builds {@link GetPathsInfoParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean expand = false;

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
     * Add each entry's last commit and security status.
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
    public GetPathsInfoParams build() {
      return new GetPathsInfoParams(this);
    }
  }
}
