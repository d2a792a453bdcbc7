package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * An object as a listing shows it.
 *
 * @param key the key, relative to the configured folder ({@code R2_FOLDER}) if any
 * @param size the size in bytes
 * @param eTag the entity tag without quotes; {@code <md5>-<parts>} for multipart objects
 * @param lastModified when the object was last written
 * @param storageClass {@code STANDARD} or {@code STANDARD_IA} on R2
 */
public record R2Object(
    String key, long size, @Nullable String eTag, @Nullable Instant lastModified, @Nullable String storageClass) {
  /**
   * Creates the record, checking its components.
   *
   * @param key the key, relative to the configured folder ({@code R2_FOLDER}) if any
   * @param size the size in bytes
   * @param eTag the entity tag without quotes; {@code <md5>-<parts>} for multipart objects
   * @param lastModified when the object was last written
   * @param storageClass {@code STANDARD} or {@code STANDARD_IA} on R2
   */
  public R2Object {
    Objects.requireNonNull(key, "key == null");
  }
}
