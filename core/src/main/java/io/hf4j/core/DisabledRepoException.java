package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** Access to this repository is disabled. */
public class DisabledRepoException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public DisabledRepoException(HttpFailure failure) {
    super(failure, "The repo has been disabled by its owner or by Hugging Face");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected DisabledRepoException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
