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

  /** One flavor of {@code GET /api/spaces/hardware}. */
  public record HardwareInfo(@Nullable String name, @Nullable String prettyName, @Nullable String cpu, @Nullable String ram,
      @Nullable String ephemeralStorage, io.hf4j.spaces.SpaceHardwareInfo.@Nullable Accelerator accelerator,
      @Nullable Long unitCostMicroUSD, @Nullable Double unitCostUSD, @Nullable String unitLabel) {}

  /**
   * Decodes a parsed JSON object (from a {@code Map<String, Object>} answer) into a wire record.
   *
   * @throws io.hf4j.core.HfException naming {@code what} when it does not fit
   */
  public static <T> T decode(java.util.Map<String, Object> json, Class<T> type, String what) {
    try {
      T value = io.hf4j.core.internal.Json.moshi().adapter(type).fromJsonValue(json);
      if (value == null) throw new io.hf4j.core.HfException("Unexpected JSON from the Spaces API: no " + what);
      return value;
    } catch (com.squareup.moshi.JsonDataException | IllegalArgumentException e) {
      throw new io.hf4j.core.HfException("Unexpected JSON from the Spaces API in the " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@code {"flavor", "sleepTimeSeconds"?}}. */
  public record Hardware(SpaceHardware flavor, @Nullable Integer sleepTimeSeconds) {}

  /** {@code {"seconds"}}. */
  public record SleepTime(int seconds) {}
}
