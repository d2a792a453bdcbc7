package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceHardware;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Options of {@link SpacesClient#duplicateSpace}. Everything is optional; an option left unset is not sent and
 * the Hub applies its default (same name in the caller's namespace, the source's visibility, cpu-basic).
 * Secrets are never copied from the source: pass the ones the copy needs.
 *
 * <pre>{@code
 * DuplicateSpaceParams params = DuplicateSpaceParams.builder()
 *     .toId(RepoId.space("me/my-copy")).privateRepo(true).hardware(SpaceHardware.T4_SMALL)
 *     .addSecret("OPENAI_API_KEY", key, "used by the chat endpoint")
 *     .addVariable("MODEL_ID", "acme/model")
 *     .build();
 * }</pre>
 */
public final class DuplicateSpaceParams {
  /**
   * A secret or a variable to set on the copy.
   *
   * @param key its name
   * @param value its value (for a secret: never logged, never shown by {@link #toString()})
   * @param description an optional description
   */
  public record Entry(String key, String value, @Nullable String description) {
    /**
     * Checks that the key is a valid name and the value is present.
     *
     * @param key its name
     * @param value its value
     * @param description an optional description, or null
     */
    public Entry {
      SpacesClient.checkKey(key);
      Objects.requireNonNull(value, "value == null");
    }

    /** Shows the key and description only: the value may be a secret. */
    @Override
    public String toString() {
      return "Entry[key=" + key + (description == null ? "" : ", description=" + description) + "]";
    }
  }

  private final @Nullable RepoId toId;
  private final @Nullable Boolean privateRepo;
  private final @Nullable SpaceHardware hardware;
  private final @Nullable Integer sleepTimeSeconds;
  private final List<Entry> secrets;
  private final List<Entry> variables;
  private final boolean existOk;

  private DuplicateSpaceParams(Builder b) {
    this.toId = b.toId;
    this.privateRepo = b.privateRepo;
    this.hardware = b.hardware;
    this.sleepTimeSeconds = b.sleepTimeSeconds;
    this.secrets = List.copyOf(b.secrets);
    this.variables = List.copyOf(b.variables);
    this.existOk = b.existOk;
  }

  /**
   * A builder with every default: same name, in the caller's namespace.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Duplicate with every default: same name, in the caller's namespace.
   *
   * @return the default parameters
   */
  public static DuplicateSpaceParams defaults() {
    return builder().build();
  }

  /**
   * The id of the copy.
   *
   * @return the id, or {@code null} to reuse the source's name in the caller's namespace
   */
  public @Nullable RepoId toId() {
    return toId;
  }

  /**
   * Whether the copy is private.
   *
   * @return {@code true} or {@code false}, or {@code null} for the source's visibility
   */
  public @Nullable Boolean privateRepo() {
    return privateRepo;
  }

  /**
   * The hardware the copy runs on.
   *
   * @return the flavor, or {@code null} for the server's default
   */
  public @Nullable SpaceHardware hardware() {
    return hardware;
  }

  /**
   * Seconds without traffic before the copy sleeps.
   *
   * @return the sleep time, or {@code null} for the server's default
   */
  public @Nullable Integer sleepTimeSeconds() {
    return sleepTimeSeconds;
  }

  /**
   * The secrets to set on the copy.
   *
   * @return the secrets, possibly empty
   */
  public List<Entry> secrets() {
    return secrets;
  }

  /**
   * The variables to set on the copy.
   *
   * @return the variables, possibly empty
   */
  public List<Entry> variables() {
    return variables;
  }

  /**
   * Whether an existing target Space is returned instead of failing with 409.
   *
   * @return {@code true} if an existing Space is accepted
   */
  public boolean existOk() {
    return existOk;
  }

  /**
   * A builder holding these parameters.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.toId = toId;
    b.privateRepo = privateRepo;
    b.hardware = hardware;
    b.sleepTimeSeconds = sleepTimeSeconds;
    b.secrets.addAll(secrets);
    b.variables.addAll(variables);
    b.existOk = existOk;
    return b;
  }

  @Override
  public String toString() {
    List<String> secretNames = new ArrayList<>();
    for (Entry e : secrets) secretNames.add(e.key());
    return "DuplicateSpaceParams{toId=" + toId + ", privateRepo=" + privateRepo + ", hardware=" + hardware
        + ", sleepTimeSeconds=" + sleepTimeSeconds + ", secrets=" + secretNames
        + ", variables=" + variables + ", existOk=" + existOk + "}";
  }

  /** Builds {@link DuplicateSpaceParams}. */
  public static final class Builder {
    private @Nullable RepoId toId;
    private @Nullable Boolean privateRepo;
    private @Nullable SpaceHardware hardware;
    private @Nullable Integer sleepTimeSeconds;
    private final List<Entry> secrets = new ArrayList<>();
    private final List<Entry> variables = new ArrayList<>();
    private boolean existOk;

    private Builder() {}

    /**
     * The id of the copy. A bare name is put in the caller's namespace; unset, the source's name is reused in
     * the caller's namespace (found with {@code /api/whoami-v2}).
     *
     * @param toId the copy's id
     * @return this builder
     */
    public Builder toId(RepoId toId) {
      this.toId = Objects.requireNonNull(toId, "toId == null");
      return this;
    }

    /**
     * Whether the copy is private (sent as {@code "visibility": "private"|"public"}).
     *
     * @param privateRepo {@code true} for a private copy
     * @return this builder
     */
    public Builder privateRepo(boolean privateRepo) {
      this.privateRepo = privateRepo;
      return this;
    }

    /**
     * The hardware the copy runs on.
     *
     * @param hardware the flavor
     * @return this builder
     */
    public Builder hardware(SpaceHardware hardware) {
      this.hardware = Objects.requireNonNull(hardware, "hardware == null");
      return this;
    }

    /**
     * Seconds without traffic before the copy sleeps; -1 for never. Only upgraded hardware accepts it.
     *
     * @param sleepTimeSeconds the sleep time in seconds, or -1 for never
     * @return this builder
     */
    public Builder sleepTimeSeconds(int sleepTimeSeconds) {
      SpacesClient.checkSleepTime(sleepTimeSeconds);
      this.sleepTimeSeconds = sleepTimeSeconds;
      return this;
    }

    /**
     * Adds a secret to set on the copy.
     *
     * @param key the secret's name
     * @param value its value
     * @return this builder
     */
    public Builder addSecret(String key, String value) {
      return addSecret(key, value, null);
    }

    /**
     * Adds a secret with a description to set on the copy.
     *
     * @param key the secret's name
     * @param value its value
     * @param description a description shown on the Hub, or null
     * @return this builder
     */
    public Builder addSecret(String key, String value, @Nullable String description) {
      secrets.add(new Entry(key, value, description));
      return this;
    }

    /**
     * Adds a variable to set on the copy.
     *
     * @param key the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder addVariable(String key, String value) {
      return addVariable(key, value, null);
    }

    /**
     * Adds a variable with a description to set on the copy.
     *
     * @param key the variable's name
     * @param value its value
     * @param description a description shown on the Hub, or null
     * @return this builder
     */
    public Builder addVariable(String key, String value, @Nullable String description) {
      variables.add(new Entry(key, value, description));
      return this;
    }

    /**
     * Return the existing Space instead of failing when the target already exists (409).
     *
     * @param existOk {@code true} to accept an existing Space
     * @return this builder
     */
    public Builder existOk(boolean existOk) {
      this.existOk = existOk;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the parameters
     */
    public DuplicateSpaceParams build() {
      return new DuplicateSpaceParams(this);
    }
  }
}
