package io.hf4j.r2;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.HttpFailure;

/**
 * The server computed another request signature (S3 {@code SignatureDoesNotMatch}): the secret access
 * key does not belong to the access key id, or a presigned URL was altered.
 */
public class SignatureDoesNotMatchException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public SignatureDoesNotMatchException(HttpFailure failure) {
    super(failure, "Check that R2_SECRET_ACCESS_KEY belongs to R2_ACCESS_KEY_ID (an API token's secret is the"
        + " SHA-256 of its value), and that a presigned URL is used unchanged with the headers it was signed with");
  }
}
