package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The revision (branch, tag, commit or {@code refs/pr/N}) does not exist ({@code X-Error-Code: RevisionNotFound}). */
public class RevisionNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public RevisionNotFoundException(HttpFailure failure) {
    super(failure, "Check the branch, tag or commit id; branches are case-sensitive");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected RevisionNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
