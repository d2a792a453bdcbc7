package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A multipart upload that was started and neither completed nor aborted.
 *
 * @param key the key, relative to the configured folder if any
 * @param uploadId the server's id of the upload
 * @param initiated when it was started
 */
public record MultipartUpload(String key, String uploadId, @Nullable Instant initiated) {
  /**
   * Creates the record, checking its components.
   *
   * @param key the key, relative to the configured folder if any
   * @param uploadId the server's id of the upload
   * @param initiated when it was started
   */
  public MultipartUpload {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(uploadId, "uploadId == null");
  }
}
