package io.hf4j.r2;

import io.hf4j.core.HttpFailure;
import io.hf4j.core.NotFoundException;

/** The multipart upload does not exist: it was completed, aborted or expired (S3 {@code NoSuchUpload}). */
public class NoSuchUploadException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public NoSuchUploadException(HttpFailure failure) {
    super(failure, "The upload was completed, aborted or expired; start a new one");
  }
}
