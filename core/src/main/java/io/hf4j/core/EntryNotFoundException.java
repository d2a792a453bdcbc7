package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The file or folder does not exist at that revision ({@code X-Error-Code: EntryNotFound}). */
public class EntryNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public EntryNotFoundException(HttpFailure failure) {
    super(failure, "Check the file path inside the repo and the revision");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected EntryNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
