package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What the server answered to a finished upload.
 *
 * @param key the key written, relative to the configured folder if any
 * @param eTag the entity tag without quotes: the MD5 of the content for a single upload, {@code
 *     <md5>-<parts>} for a multipart upload
 * @param partCount the number of parts, 0 for a single request
 */
public record PutObjectResult(String key, @Nullable String eTag, int partCount) {
  /**
   * Creates the record, checking its components.
   *
   * @param key the key written, relative to the configured folder if any
   * @param eTag the entity tag without quotes: the MD5 of the content for a single upload, {@code <md5>-<parts>} for a multipart upload
   * @param partCount the number of parts, 0 for a single request
   */
  public PutObjectResult {
    Objects.requireNonNull(key, "key == null");
  }
}
