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

  public static Builder builder() {
    return new Builder();
  }

  /** A model repo's {@code main}, not expanded. */
  public static GetPathsInfoParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.expand = expand;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public boolean expand() {
    return expand;
  }

  /** Builds {@link GetPathsInfoParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private boolean expand = false;

    private Builder() {}

    /** A branch, tag or commit sha (default: {@code main}). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** Add each entry's last commit and security status. */
    public Builder expand(boolean expand) {
      this.expand = expand;
      return this;
    }

    public GetPathsInfoParams build() {
      return new GetPathsInfoParams(this);
    }
  }
}
