package io.hf4j.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits. Retries, rate-limit pacing and polling loops all wait through this, so tests inject one that
 * records the waits and returns at once.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @param duration how long to wait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Blocks for {@code duration} or until {@code stop} turns true, whichever comes first. The default
   * checks {@code stop} once and then sleeps the whole duration; {@link #system()} wakes up to check it
   * several times a second.
   *
   * @param duration the longest wait
   * @param stop checked during the wait; true ends it early
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  default void sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
    if (!stop.getAsBoolean()) sleep(duration);
  }

  /** {@return the real sleeper: {@link Thread#sleep}, checking a stop condition every 250 ms} */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}

/** {@link Sleeper#system()}. */
final class SystemSleeper implements Sleeper {
  static final SystemSleeper INSTANCE = new SystemSleeper();
  private static final long SLICE_NANOS = 250_000_000L;

  private SystemSleeper() {}

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    long nanos = duration.toNanos();
    if (nanos > 0) Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
  }

  @Override
  public void sleep(Duration duration, BooleanSupplier stop) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!stop.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return;
      long nanos = Math.min(left, SLICE_NANOS);
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
  }

  @Override
  public String toString() {
    return "Sleeper.system()";
  }
}
