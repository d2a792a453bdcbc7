package io.hf4j.xet;

import io.hf4j.core.HfException;

/** A Xet storage failure: the base of this module's typed errors. */
public class XetException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message naming what went wrong.
   *
   * @param message what went wrong
   */
  public XetException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public XetException(String message, Throwable cause) {
    super(message, cause);
  }
}
