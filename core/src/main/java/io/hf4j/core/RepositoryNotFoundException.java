package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The repository does not exist, or is private and the token cannot see it ({@code X-Error-Code: RepoNotFound}). */
public class RepositoryNotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public RepositoryNotFoundException(HttpFailure failure) {
    super(failure, "Check the repo id and the repo type (model, dataset or space); a private repo also answers this way to a token that cannot see it. Create the repo first if it should exist");
  }

  protected RepositoryNotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
