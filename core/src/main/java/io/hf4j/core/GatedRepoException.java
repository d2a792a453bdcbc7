package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The repository is gated and this token has not been granted access ({@code X-Error-Code: GatedRepo}). */
public class GatedRepoException extends RepositoryNotFoundException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public GatedRepoException(HttpFailure failure) {
    super(failure, "The repo is gated: request access on its page with the account that owns the token");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected GatedRepoException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
