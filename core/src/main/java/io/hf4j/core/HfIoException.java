package io.hf4j.core;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A transport or local I/O failure (connection reset, timeout, unreadable file) that retries did not overcome. */
public class HfIoException extends HfException {
  private static final long serialVersionUID = 1L;

  public HfIoException(String message, IOException cause) {
    super(message, cause);
  }

  public HfIoException(String message, UncheckedIOException cause) {
    super(message, cause.getCause());
  }

  @Override
  public synchronized IOException getCause() {
    return (IOException) super.getCause();
  }
}
