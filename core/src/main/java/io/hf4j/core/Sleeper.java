package io.hf4j.core;

import java.time.Duration;

/**
 * Waits. Retries, rate-limit pacing and polling loops all wait through this, so tests inject one that
 * records the waits and returns at once.
 */
@FunctionalInterface
public interface Sleeper {
  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** The real sleeper: {@link Thread#sleep}. */
  static Sleeper system() {
    return duration -> {
      long nanos = duration.toNanos();
      if (nanos > 0) Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    };
  }
}
