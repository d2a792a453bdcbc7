package io.hf4j.core;

/** Bad input detected before anything was sent: a malformed repo id, an out-of-range option, a bad path. */
public class HfValidationException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do next
   */
  public HfValidationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong and, where possible, what to do next
   * @param cause the underlying failure
   */
  public HfValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
