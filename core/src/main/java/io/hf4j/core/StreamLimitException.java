package io.hf4j.core;

import java.io.IOException;

/**
 * A server broke a limit hf4j puts on what it reads from a stream, for example a server-sent-events line
 * longer than the bound (a {@code data:} line that never ends). Not retried: the same server would send the
 * same thing again.
 */
public class StreamLimitException extends HfIoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with the I/O failure behind it.
   *
   * @param message what went wrong and, where possible, what to do next
   * @param cause the underlying I/O failure
   */
  public StreamLimitException(String message, IOException cause) {
    super(message, cause);
  }
}
