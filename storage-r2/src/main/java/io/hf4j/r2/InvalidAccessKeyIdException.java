package io.hf4j.r2;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.HttpFailure;

/** The access key id is unknown to the server (S3 {@code InvalidAccessKeyId}). */
public class InvalidAccessKeyIdException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public InvalidAccessKeyIdException(HttpFailure failure) {
    super(failure, "Check R2_ACCESS_KEY_ID: use the Access Key ID of an R2 API token of this account");
  }
}
