package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link HubClient#repoInfo} and its typed variants. Python: the keyword arguments of
 * {@code HfApi.repo_info} / {@code model_info}.
 */
public final class RepoInfoParams {
  private final @Nullable String revision;
  private final List<String> expand;
  private final boolean filesMetadata;
  private final boolean securityStatus;

  private RepoInfoParams(Builder b) {
    this.revision = b.revision;
    this.expand = List.copyOf(b.expand);
    this.filesMetadata = b.filesMetadata;
    this.securityStatus = b.securityStatus;
    if (!expand.isEmpty() && (filesMetadata || securityStatus)) {
      throw new HfValidationException("expand cannot be combined with filesMetadata or securityStatus (Hub rule)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static RepoInfoParams defaults() {
    return builder().build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.revision = revision;
    b.expand = expand;
    b.filesMetadata = filesMetadata;
    b.securityStatus = securityStatus;
    return b;
  }

  public @Nullable String revision() {
    return revision;
  }

  public List<String> expand() {
    return expand;
  }

  public boolean filesMetadata() {
    return filesMetadata;
  }

  public boolean securityStatus() {
    return securityStatus;
  }

  /** Builds {@link RepoInfoParams}. */
  public static final class Builder {
    private @Nullable String revision;
    private List<String> expand = List.of();
    private boolean filesMetadata;
    private boolean securityStatus;

    private Builder() {}

    /** A branch, tag or commit sha (default: the default branch). */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /** Only these properties (plus the id) are returned, e.g. {@code sha}, {@code downloads}. */
    public Builder expand(Collection<String> properties) {
      Objects.requireNonNull(properties, "properties == null");
      this.expand = List.copyOf(properties);
      return this;
    }

    /** Include each file's size, blob id and LFS info in {@code siblings} (Python: {@code files_metadata}). */
    public Builder filesMetadata(boolean filesMetadata) {
      this.filesMetadata = filesMetadata;
      return this;
    }

    /** Include the security scan status (models). */
    public Builder securityStatus(boolean securityStatus) {
      this.securityStatus = securityStatus;
      return this;
    }

    public RepoInfoParams build() {
      return new RepoInfoParams(this);
    }
  }
}
