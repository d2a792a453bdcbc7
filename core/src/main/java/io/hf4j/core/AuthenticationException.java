package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The request was not authenticated (401): no token, or an invalid one. */
public class AuthenticationException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(HttpFailure failure) {
    super(failure, "The token is missing, invalid or expired: set HF_TOKEN or pass a token, and check it with whoami");
  }

  protected AuthenticationException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
