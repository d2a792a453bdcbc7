package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of deleting many objects. Deleting a key that does not exist counts as deleted, as in S3.
 *
 * @param deleted the keys deleted, in the order given
 * @param errors the keys the server refused to delete, with its reasons
 */
public record DeleteObjectsResult(List<String> deleted, List<DeleteError> errors) {
  /**
   * Creates the record, checking its components.
   *
   * @param deleted the keys deleted, in the order given
   * @param errors the keys the server refused to delete, with its reasons
   */
  public DeleteObjectsResult {
    deleted = List.copyOf(deleted);
    errors = List.copyOf(errors);
  }

  /** {@return whether every key was deleted} */
  public boolean isComplete() {
    return errors.isEmpty();
  }

  /**
   * One key the server did not delete.
   *
   * @param key the key, relative to the configured folder if any
   * @param code the S3 error code, for example {@code AccessDenied}
   * @param message the server's message
   */
  public record DeleteError(String key, @Nullable String code, @Nullable String message) {
    /**
     * Creates the record, checking its components.
     *
     * @param key the key, relative to the configured folder if any
     * @param code the S3 error code, for example {@code AccessDenied}
     * @param message the server's message
     */
    public DeleteError {
      Objects.requireNonNull(key, "key == null");
    }
  }
}
