package io.hf4j.core;

import java.time.Duration;

/** A wait (for a job, a Space, a commit) gave up because its deadline passed before the awaited state. */
public class HfTimeoutException extends HfException {
  private static final long serialVersionUID = 1L;
  /** The deadline that passed. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param message what was waited for and in which state it was left
   * @param timeout the deadline that passed
   */
  public HfTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /** {@return the deadline that passed} */
  public Duration timeout() {
    return timeout;
  }
}
