package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The server refused the request as malformed (400). */
public class BadRequestException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(HttpFailure failure) {
    super(failure, null);
  }

  protected BadRequestException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
