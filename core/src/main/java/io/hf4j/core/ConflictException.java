package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The request conflicts with the current state (409), for example a repo that already exists. */
public class ConflictException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public ConflictException(HttpFailure failure) {
    super(failure, null);
  }

  protected ConflictException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
