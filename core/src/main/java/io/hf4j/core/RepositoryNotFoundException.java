package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The repository does not exist, or is private and the token cannot see it ({@code X-Error-Code: RepoNotFound}). */
public class RepositoryNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public RepositoryNotFoundException(HttpFailure failure) {
    super(failure, "Check the repo id and the repo type (model, dataset or space); a private repo also answers this way to a token that cannot see it. Create the repo first if it should exist");
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected RepositoryNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
