package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A public variable of a Space. Variables are readable by anyone who can see the Space and are copied when it
 * is duplicated; put credentials in secrets instead. Python: {@code SpaceVariable}.
 *
 * @param key the variable's name
 * @param value its value
 * @param description its description, if one was set
 * @param updatedAt when it was last changed (absent on old entries)
 * @param raw the entry's JSON object as the server sent it (empty when there was none)
 */
public record SpaceVariable(String key, String value, @Nullable String description, @Nullable Instant updatedAt, java.util.Map<String, Object> raw) {
  /**
   * Checks that key, value and raw object are present.
   *
   * @param key the variable's name
   * @param value its value
   * @param description its description, or null if none was set
   * @param updatedAt when it was last changed, or null (absent on old entries)
   * @param raw the entry's JSON object as the server sent it (empty when there was none)
   */
  public SpaceVariable {
    Objects.requireNonNull(key, "key == null");
    raw = java.util.Collections.unmodifiableMap(raw);
    Objects.requireNonNull(value, "value == null");
  }
}
