package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** A precondition failed (412), for example a commit whose {@code parentCommit} is no longer the branch head. */
public class PreconditionFailedException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public PreconditionFailedException(HttpFailure failure) {
    super(failure, "The branch moved since parentCommit was read: fetch the new head and retry the commit on top of it");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected PreconditionFailedException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
