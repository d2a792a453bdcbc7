package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * The name of a secret set on a Space. The Hub never returns a secret's value; only its name, description and
 * last update can be listed.
 *
 * @param key the secret's name
 * @param description its description, if one was set
 * @param updatedAt when it was last changed, when reported
 * @param raw the entry's JSON object as the server sent it (empty when there was none)
 */
public record SpaceSecret(String key, @Nullable String description, @Nullable Instant updatedAt, java.util.Map<String, Object> raw) {
  /**
   * Checks that key and raw object are present.
   *
   * @param key the secret's name
   * @param description its description, or null if none was set
   * @param updatedAt when it was last changed, or null when not reported
   * @param raw the entry's JSON object as the server sent it (empty when there was none)
   */
  public SpaceSecret {
    Objects.requireNonNull(key, "key == null");
    raw = java.util.Collections.unmodifiableMap(raw);
  }
}
