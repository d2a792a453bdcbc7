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

  /**
   * A builder with every default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The empty instance: every option at its default.
   *
   * @return the defaults
   */
  public static RepoInfoParams defaults() {
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
    b.filesMetadata = filesMetadata;
    b.securityStatus = securityStatus;
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
  public List<String> expand() {
    return expand;
  }

  /**
   * Whether file metadata is asked for.
   *
   * @return whether file metadata is asked for
   */
  public boolean filesMetadata() {
    return filesMetadata;
  }

  /**
   * Whether the security scan status is asked for.
   *
   * @return whether the security scan status is asked for
   */
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

    /**
     * A branch, tag or commit sha (default: the default branch).
     *
     * @param revision a branch, tag or commit sha
     * @return this builder
     */
    public Builder revision(String revision) {
      this.revision = HfValidation.revision(revision);
      return this;
    }

    /**
     * Only these properties (plus the id) are returned, e.g. {@code sha}, {@code downloads}.
     *
     * @param properties the properties
     * @return this builder
     */
    public Builder expand(Collection<String> properties) {
      Objects.requireNonNull(properties, "properties == null");
      this.expand = List.copyOf(properties);
      return this;
    }

    /**
     * Include each file's size, blob id and LFS info in {@code siblings} (Python: {@code files_metadata}).
     *
     * @param filesMetadata the files metadata
     * @return this builder
     */
    public Builder filesMetadata(boolean filesMetadata) {
      this.filesMetadata = filesMetadata;
      return this;
    }

    /**
     * Include the security scan status (models).
     *
     * @param securityStatus the security status
     * @return this builder
     */
    public Builder securityStatus(boolean securityStatus) {
      this.securityStatus = securityStatus;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public RepoInfoParams build() {
      return new RepoInfoParams(this);
    }
  }
}
