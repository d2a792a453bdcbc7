package io.hf4j.r2;

import io.hf4j.core.HttpFailure;
import io.hf4j.core.NotFoundException;

/** The bucket has no object under this key (S3 {@code NoSuchKey}; also any 404 of a HEAD, which has no body). */
public class NoSuchKeyException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public NoSuchKeyException(HttpFailure failure) {
    super(failure, "Check the key; keys are relative to R2_FOLDER when one is configured");
  }
}
