package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** An error status with no more specific type. */
public class UnexpectedStatusException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public UnexpectedStatusException(HttpFailure failure) {
    super(failure, null);
  }

  protected UnexpectedStatusException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
