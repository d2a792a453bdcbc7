package io.hf4j.core;

import java.io.IOException;

/**
 * A server broke a limit hf4j puts on what it reads from a stream, for example a server-sent-events line
 * longer than the bound (a {@code data:} line that never ends). Not retried: the same server would send the
 * same thing again.
 */
public class StreamLimitException extends HfIoException {
  private static final long serialVersionUID = 1L;

  public StreamLimitException(String message, IOException cause) {
    super(message, cause);
  }
}
