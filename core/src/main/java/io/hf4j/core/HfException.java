package io.hf4j.core;

/**
 * Root of every exception hf4j throws. All hf4j exceptions are unchecked.
 *
 * <p>Messages never contain tokens or secrets; they name what went wrong and, where possible, what to
 * do next. Control characters (from a server's answer, say) are escaped, so a message is safe to print
 * on a terminal.
 */
public class HfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do next
   */
  public HfException(String message) {
    super(io.hf4j.core.internal.Sanitize.message(message));
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and, where possible, what to do next
   * @param cause the underlying failure
   */
  public HfException(String message, Throwable cause) {
    super(io.hf4j.core.internal.Sanitize.message(message), cause);
  }
}
