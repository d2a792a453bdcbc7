package io.hf4j.core;

/**
 * A blocking call (a wait, an upload, a log stream) was interrupted. The thread's interrupt flag is set
 * again before this is thrown, so callers can tell a cancelled wait from a failure.
 */
public class HfInterruptedException extends HfException {
  private static final long serialVersionUID = 1L;

  public HfInterruptedException(String message, InterruptedException cause) {
    super(message, cause);
  }

  public HfInterruptedException(String message) {
    super(message);
  }
}
