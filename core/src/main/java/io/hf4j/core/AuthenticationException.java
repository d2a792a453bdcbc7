package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The request was not authenticated (401): no token, or an invalid one. */
public class AuthenticationException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public AuthenticationException(HttpFailure failure) {
    super(failure, "The token is missing, invalid or expired: set HF_TOKEN or pass a token, and check it with whoami");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected AuthenticationException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
