package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The job or scheduled job does not exist in that namespace. */
public class JobNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public JobNotFoundException(HttpFailure failure) {
    super(failure, "Check the job id and its namespace");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected JobNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
