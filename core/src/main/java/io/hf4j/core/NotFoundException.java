package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** A 404 that names no more precise cause. */
public class NotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public NotFoundException(HttpFailure failure) {
    super(failure, null);
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected NotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
