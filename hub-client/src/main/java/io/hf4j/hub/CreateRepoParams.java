package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import io.hf4j.core.SpaceHardware;
import io.hf4j.core.SpaceSdk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link HubClient#createRepo}. Immutable; {@link #builder()}, {@link #defaults()}. Python:
 * the keyword arguments of {@code HfApi.create_repo}. {@link #toString()} never shows secret values.
 *
 * <pre>{@code
 * CreateRepoParams params = CreateRepoParams.builder()
 *     .spaceSdk(SpaceSdk.DOCKER).spaceHardware(SpaceHardware.CPU_BASIC)
 *     .addSpaceSecret("API_KEY", apiKey).privateRepo(true).existOk(true).build();
 * }</pre>
 */
public final class CreateRepoParams {
  private final @Nullable Boolean privateRepo;
  private final @Nullable String visibility;
  private final boolean existOk;
  private final @Nullable SpaceSdk spaceSdk;
  private final @Nullable SpaceHardware spaceHardware;
  private final @Nullable Integer spaceSleepTime;
  private final List<SpaceKeyValue> spaceSecrets;
  private final List<SpaceKeyValue> spaceVariables;

  private CreateRepoParams(Builder b) {
    this.privateRepo = b.privateRepo;
    this.visibility = b.visibility;
    this.existOk = b.existOk;
    this.spaceSdk = b.spaceSdk;
    this.spaceHardware = b.spaceHardware;
    this.spaceSleepTime = b.spaceSleepTime;
    this.spaceSecrets = List.copyOf(b.spaceSecrets);
    this.spaceVariables = List.copyOf(b.spaceVariables);
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
   * The namespace's default visibility; an existing repo is an error.
   *
   * @return the defaults
   */
  public static CreateRepoParams defaults() {
    return builder().build();
  }

  /**
   * A builder holding these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.privateRepo = privateRepo;
    b.visibility = visibility;
    b.existOk = existOk;
    b.spaceSdk = spaceSdk;
    b.spaceHardware = spaceHardware;
    b.spaceSleepTime = spaceSleepTime;
    b.spaceSecrets = new ArrayList<>(spaceSecrets);
    b.spaceVariables = new ArrayList<>(spaceVariables);
    return b;
  }

  /**
   * Whether the repo is private; null leaves the namespace default.
   *
   * @return whether the repo is private; null leaves the namespace default
   */
  public @Nullable Boolean privateRepo() {
    return privateRepo;
  }

  /**
   * {@code public}, {@code private} or {@code protected} (Spaces); null when unset.
   *
   * @return {
   */
  public @Nullable String visibility() {
    return visibility;
  }

  /**
   * Whether an existing one counts as success.
   *
   * @return whether an existing one counts as success
   */
  public boolean existOk() {
    return existOk;
  }

  /**
   * The space sdk.
   *
   * @return the space sdk
   */
  public @Nullable SpaceSdk spaceSdk() {
    return spaceSdk;
  }

  /**
   * The space hardware.
   *
   * @return the space hardware
   */
  public @Nullable SpaceHardware spaceHardware() {
    return spaceHardware;
  }


  /**
   * Seconds of inactivity before the Space sleeps; -1 means never.
   *
   * @return seconds of inactivity before the Space sleeps; -1 means never
   */
  public @Nullable Integer spaceSleepTime() {
    return spaceSleepTime;
  }

  /**
   * The secrets' keys (values are not exposed).
   *
   * @return the secrets' keys (values are not exposed)
   */
  public List<String> spaceSecretKeys() {
    return spaceSecrets.stream().map(SpaceKeyValue::key).toList();
  }

  List<SpaceKeyValue> spaceSecrets() {
    return spaceSecrets;
  }

  List<SpaceKeyValue> spaceVariables() {
    return spaceVariables;
  }

  /** The effective visibility sent to the Hub, or null. */
  @Nullable String effectiveVisibility() {
    if (visibility != null) return visibility;
    if (privateRepo != null) return privateRepo ? "private" : "public";
    return null;
  }

  @Override
  public String toString() {
    return "CreateRepoParams{visibility=" + effectiveVisibility() + ", existOk=" + existOk
        + ", spaceSdk=" + spaceSdk + ", spaceHardware=" + spaceHardware + ", spaceSecrets=" + spaceSecretKeys()
        + " (values hidden), spaceVariables=" + spaceVariables.size() + "}";
  }

  /** A Space secret or variable. */
  record SpaceKeyValue(String key, String value, @Nullable String description) {
    @Override
    public String toString() {
      return key + "=****";
    }
  }

  /** Builds {@link CreateRepoParams}. */
  public static final class Builder {
    private @Nullable Boolean privateRepo;
    private @Nullable String visibility;
    private boolean existOk;
    private @Nullable SpaceSdk spaceSdk;
    private @Nullable SpaceHardware spaceHardware;
    private @Nullable Integer spaceSleepTime;
    private List<SpaceKeyValue> spaceSecrets = new ArrayList<>();
    private List<SpaceKeyValue> spaceVariables = new ArrayList<>();

    private Builder() {}

    /**
     * Private or public; unset leaves the namespace's default. Python: {@code private}.
     *
     * @param privateRepo true for private
     * @return this builder
     */
    public Builder privateRepo(boolean privateRepo) {
      this.privateRepo = privateRepo;
      return this;
    }

    /**
     * {@code public}, {@code private}, or {@code protected} (Spaces only); wins over {@link #privateRepo}.
     *
     * @param visibility the visibility
     * @return this builder
     */
    public Builder visibility(String visibility) {
      Objects.requireNonNull(visibility, "visibility == null");
      if (!visibility.equals("public") && !visibility.equals("private") && !visibility.equals("protected")) {
        throw new HfValidationException("visibility must be public, private or protected but was '" + visibility + "'");
      }
      this.visibility = visibility;
      return this;
    }

    /**
     * Treat an existing repo as success and return its URL (default false).
     *
     * @param existOk true to succeed when it exists already
     * @return this builder
     */
    public Builder existOk(boolean existOk) {
      this.existOk = existOk;
      return this;
    }

    /**
     * The Space SDK, e.g. {@link SpaceSdk#DOCKER}. Required for Spaces.
     *
     * @param spaceSdk the space sdk
     * @return this builder
     */
    public Builder spaceSdk(SpaceSdk spaceSdk) {
      this.spaceSdk = Objects.requireNonNull(spaceSdk, "spaceSdk == null");
      return this;
    }

    /**
     * Sets {@code spaceHardware}.
     *
     * @param spaceHardware the space hardware
     * @return this builder
     */
    public Builder spaceHardware(SpaceHardware spaceHardware) {
      this.spaceHardware = Objects.requireNonNull(spaceHardware, "spaceHardware == null");
      return this;
    }

    /**
     * Seconds of inactivity before the Space sleeps; -1 for never (upgraded hardware only).
     *
     * @param seconds seconds
     * @return this builder
     */
    public Builder spaceSleepTime(int seconds) {
      if (seconds < -1) throw new HfValidationException("spaceSleepTime must be -1 or >= 0 but was " + seconds);
      this.spaceSleepTime = seconds;
      return this;
    }

    /**
     * Sets {@code addSpaceSecret}.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder addSpaceSecret(String key, String value) {
      return addSpaceSecret(key, value, null);
    }

    /**
     * A secret environment variable of the Space; its value is never logged.
     *
     * @param key the key
     * @param value the value
     * @param description the description
     * @return this builder
     */
    public Builder addSpaceSecret(String key, String value, @Nullable String description) {
      spaceSecrets.add(new SpaceKeyValue(HfValidation.nonBlank(key, "key"), Objects.requireNonNull(value, "value == null"),
          description));
      return this;
    }

    /**
     * Sets {@code addSpaceVariable}.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder addSpaceVariable(String key, String value) {
      return addSpaceVariable(key, value, null);
    }

    /**
     * A public environment variable of the Space.
     *
     * @param key the key
     * @param value the value
     * @param description the description
     * @return this builder
     */
    public Builder addSpaceVariable(String key, String value, @Nullable String description) {
      spaceVariables.add(new SpaceKeyValue(HfValidation.nonBlank(key, "key"),
          Objects.requireNonNull(value, "value == null"), description));
      return this;
    }

    /**
     * Builds the params.
     *
     * @return the params
     */
    public CreateRepoParams build() {
      return new CreateRepoParams(this);
    }
  }
}
