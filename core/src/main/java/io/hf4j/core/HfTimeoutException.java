package io.hf4j.core;

import java.time.Duration;

/** A wait (for a job, a Space, a commit) gave up because its deadline passed before the awaited state. */
public class HfTimeoutException extends HfException {
  private static final long serialVersionUID = 1L;
  private final Duration timeout;

  public HfTimeoutException(String message, Duration timeout) {
    super(message);
    this.timeout = timeout;
  }

  /** The deadline that passed. */
  public Duration timeout() {
    return timeout;
  }
}
