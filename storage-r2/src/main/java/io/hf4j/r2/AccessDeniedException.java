package io.hf4j.r2;

import io.hf4j.core.HttpFailure;
import io.hf4j.core.PermissionDeniedException;

/**
 * The credentials are valid but not allowed to do this, or a presigned URL has expired (S3 {@code
 * AccessDenied}). An R2 API token has one of four permission levels (Admin read and write, Admin read,
 * Object read and write, Object read), optionally limited to some buckets.
 */
public class AccessDeniedException extends PermissionDeniedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public AccessDeniedException(HttpFailure failure) {
    super(failure, "Check that the R2 API token has Object Read & Write (or Admin) permission on this bucket,"
        + " and that a presigned URL has not expired");
  }
}
