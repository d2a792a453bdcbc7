package io.hf4j.core;

import org.jspecify.annotations.Nullable;

/** The server failed (5xx) and retries did not overcome it. */
public class ServerException extends HfHttpException {
  private static final long serialVersionUID = 1L;

  public ServerException(HttpFailure failure) {
    super(failure, "The server failed; it was retried as configured. Try again later and quote the request id if it persists");
  }

  protected ServerException(HttpFailure failure, @Nullable String hint) {
    super(failure, hint);
  }
}
