package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * What the server answered to a copy.
 *
 * @param key the destination key, relative to the configured folder if any
 * @param eTag the entity tag of the new object, without quotes
 * @param lastModified when the copy was written
 */
public record CopyObjectResult(String key, @Nullable String eTag, @Nullable Instant lastModified) {
  /**
   * Creates the record, checking its components.
   *
   * @param key the destination key, relative to the configured folder if any
   * @param eTag the entity tag of the new object, without quotes
   * @param lastModified when the copy was written
   */
  public CopyObjectResult {
    Objects.requireNonNull(key, "key == null");
  }
}
