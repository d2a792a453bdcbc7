package io.hf4j.core;

/**
 * A blocking call (a wait, an upload, a log stream) was interrupted. The thread's interrupt flag is set
 * again before this is thrown, so callers can tell a cancelled wait from a failure.
 */
public class HfInterruptedException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for an interrupted wait.
   *
   * @param message what was interrupted
   * @param cause the interruption
   */
  public HfInterruptedException(String message, InterruptedException cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do next
   */
  public HfInterruptedException(String message) {
    super(message);
  }
}
