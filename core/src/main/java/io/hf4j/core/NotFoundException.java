package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** A 404 that names no more precise cause. */
public class NotFoundException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(HttpFailure failure) {
    super(failure, null);
  }

  protected NotFoundException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
