package io.hf4j.core;

/** Bad input detected before anything was sent: a malformed repo id, an out-of-range option, a bad path. */
public class HfValidationException extends HfException {
  private static final long serialVersionUID = 1L;

  public HfValidationException(String message) {
    super(message);
  }

  public HfValidationException(String message, Throwable cause) {
    super(message, cause);
  }
}
