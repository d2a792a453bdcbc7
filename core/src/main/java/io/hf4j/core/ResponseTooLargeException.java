package io.hf4j.core;

import java.io.IOException;

/**
 * An answer that should be a small JSON document went on past hf4j's bound (tens of MiB): a broken or
 * hostile server. Reading stopped there; the call is not retried.
 */
public class ResponseTooLargeException extends HfIoException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  public ResponseTooLargeException(String message, long limit, IOException cause) {
    super(message, cause);
    this.limit = limit;
  }

  /** The bound, in bytes. */
  public long limit() {
    return limit;
  }
}
