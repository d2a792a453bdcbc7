package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What {@link HubClient#updateRepoSettings} changes; unset settings stay as they are. Python: the keyword
 * arguments of {@code HfApi.update_repo_settings}.
 */
public final class RepoSettingsParams {
  private final @Nullable String visibility;
  private final @Nullable Object gated;
  private final @Nullable Boolean discussionsDisabled;

  private RepoSettingsParams(Builder b) {
    this.visibility = b.visibility;
    this.gated = b.gated;
    this.discussionsDisabled = b.discussionsDisabled;
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
   * {@code public}, {@code private} or (Spaces) {@code protected}; null when unchanged.
   *
   * @return {
   */
  public @Nullable String visibility() {
    return visibility;
  }

  /**
   * {@code "auto"}, {@code "manual"} or {@code Boolean.FALSE}; null when unchanged.
   *
   * @return {
   */
  public @Nullable Object gated() {
    return gated;
  }

  /**
   * Whether discussions are turned off; null when unchanged.
   *
   * @return whether discussions are turned off; null when unchanged
   */
  public @Nullable Boolean discussionsDisabled() {
    return discussionsDisabled;
  }

  /** Builds {@link RepoSettingsParams}. */
  public static final class Builder {
    private @Nullable String visibility;
    private @Nullable Object gated;
    private @Nullable Boolean discussionsDisabled;

    private Builder() {}

    /**
     * Makes the repo private (true) or public (false). Python: {@code private}.
     *
     * @param privateRepo true for private
     * @return this builder
     */
    public Builder privateRepo(boolean privateRepo) {
      this.visibility = privateRepo ? "private" : "public";
      return this;
    }

    /**
     * {@code public}, {@code private}, or {@code protected} for Spaces.
     *
     * @param visibility the visibility
     * @return this builder
     */
    public Builder visibility(String visibility) {
      if (!"public".equals(visibility) && !"private".equals(visibility) && !"protected".equals(visibility)) {
        throw new HfValidationException("visibility must be public, private or protected, not '" + visibility + "'");
      }
      this.visibility = visibility;
      return this;
    }

    /**
     * Gates the repo: {@code auto} (requests approved automatically) or {@code manual}.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder gated(String mode) {
      if (!"auto".equals(mode) && !"manual".equals(mode)) {
        throw new HfValidationException("gated must be 'auto' or 'manual' (or use notGated()), not '" + mode + "'");
      }
      this.gated = mode;
      return this;
    }

    /**
     * Removes the gate. Python: {@code gated=False}.
     *
     * @return this builder
     */
    public Builder notGated() {
      this.gated = Boolean.FALSE;
      return this;
    }

    /**
     * Turns discussions and pull requests off (true) or on (false).
     *
     * @param disabled the disabled
     * @return this builder
     */
    public Builder discussionsDisabled(boolean disabled) {
      this.discussionsDisabled = disabled;
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     * @throws HfValidationException when nothing is set
     */
    public RepoSettingsParams build() {
      if (visibility == null && gated == null && discussionsDisabled == null) {
        throw new HfValidationException("At least one setting must be updated: visibility, gated or discussionsDisabled");
      }
      return new RepoSettingsParams(this);
    }
  }
}
