package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** Access to this repository is disabled. */
public class DisabledRepoException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public DisabledRepoException(HttpFailure failure) {
    super(failure, "The repo has been disabled by its owner or by Hugging Face");
  }

  protected DisabledRepoException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
