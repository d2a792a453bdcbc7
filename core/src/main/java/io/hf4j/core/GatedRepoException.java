package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The repository is gated and this token has not been granted access ({@code X-Error-Code: GatedRepo}). */
public class GatedRepoException extends RepositoryNotFoundException {
  private static final long serialVersionUID = 1L;

  public GatedRepoException(HttpFailure failure) {
    super(failure, "The repo is gated: request access on its page with the account that owns the token");
  }

  protected GatedRepoException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
