package io.hf4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A transport or local I/O failure (connection reset, timeout, unreadable file) that retries did not overcome. */
public class HfIoException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with the I/O failure behind it.
   *
   * @param message what went wrong and, where possible, what to do next
   * @param cause the underlying I/O failure
   */
  public HfIoException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * Creates the exception from an unchecked I/O failure; its cause is the wrapped {@link IOException}.
   *
   * @param message what went wrong and, where possible, what to do next
   * @param cause the unchecked I/O failure
   */
  public HfIoException(String message, UncheckedIOException cause) {
    super(message, cause.getCause());
  }

  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
