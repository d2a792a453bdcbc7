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
 */
public record SpaceVariable(String key, String value, @Nullable String description, @Nullable Instant updatedAt) {
  public SpaceVariable {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
  }
}
