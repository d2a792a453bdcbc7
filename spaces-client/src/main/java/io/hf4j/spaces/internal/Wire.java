package io.hf4j.spaces.internal;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.SpaceHardware;
import java.time.Instant;

/** Request and response bodies of the Spaces API, as the wire spells them. Not API. */
public final class Wire {
  private Wire() {}

  /** {@code {"key", "value", "description"?}} for secrets and variables. */
  public record KeyValue(String key, String value, @Nullable String description) {}

  /** {@code {"key"}} for deleting a secret or a variable. */
  public record Key(String key) {}

  /** One entry of the variables map. */
  public record Variable(@Nullable String value, @Nullable String description, @Nullable Instant updatedAt) {}

  /** One entry of the secrets map. */
  public record Secret(@Nullable String description, @Nullable Instant updatedAt) {}

  /** {@code {"flavor", "sleepTimeSeconds"?}}. */
  public record Hardware(SpaceHardware flavor, @Nullable Integer sleepTimeSeconds) {}

  /** {@code {"seconds"}}. */
  public record SleepTime(int seconds) {}
}
