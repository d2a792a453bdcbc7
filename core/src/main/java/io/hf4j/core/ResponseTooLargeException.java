package io.hf4j.core;

import java.io.IOException;

/**
 * An answer that should be a small JSON document went on past hf4j's bound (tens of MiB): a broken or
 * hostile server. Reading stopped there; the call is not retried.
 */
public class ResponseTooLargeException extends HfIoException {
  private static final long serialVersionUID = 1L;
  /** The bound that was passed, in bytes. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param limit the bound that was passed, in bytes
   * @param cause the I/O failure that stopped the read
   */
  public ResponseTooLargeException(String message, long limit, IOException cause) {
    super(message, cause);
    this.limit = limit;
  }

  /** {@return the bound, in bytes} */
  public long limit() {
    return limit;
  }
}
