package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The server refused the request as malformed (400). */
public class BadRequestException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public BadRequestException(HttpFailure failure) {
    super(failure, null);
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected BadRequestException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
