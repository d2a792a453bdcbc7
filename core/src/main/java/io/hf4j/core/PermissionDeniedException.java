package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/**
 * The token is valid but not allowed to do this (403). Typical causes: a read token used to write, or a
 * fine-grained token whose scopes do not include this repo, namespace or action.
 */
public class PermissionDeniedException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public PermissionDeniedException(HttpFailure failure) {
    super(
        failure,
        "Make sure your token has the correct permissions: a read token cannot write, and a fine-grained"
            + " token needs the scope for this repo or namespace (write access to contents, or the Jobs /"
            + " Spaces permission). Check the token at https://huggingface.co/settings/tokens");
  }

  /**
   * For services other than the Hub (R2), whose permission model needs another hint.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected PermissionDeniedException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
