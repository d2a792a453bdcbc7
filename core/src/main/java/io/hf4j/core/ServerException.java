package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The server failed (5xx) and retries did not overcome it. */
public class ServerException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public ServerException(HttpFailure failure) {
    super(failure, "The server failed; it was retried as configured. Try again later and quote the request id if it persists");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected ServerException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
