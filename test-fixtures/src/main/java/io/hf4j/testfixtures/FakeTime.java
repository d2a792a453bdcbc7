package io.hf4j.testfixtures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A clock that moves only when a test (or a sleep) moves it, and a sleep that records each wait, moves the clock
 * by it and returns at once. Pass it to {@code HfConfig.Builder.clock(time)} and {@code .sleeper(time::sleep)}
 * (this module sits below core, so it does not implement core's {@code Sleeper} itself). Thread-safe.
 */
public final class FakeTime extends Clock {
  /** Where a {@link #FakeTime()} starts. */
  public static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();
  private volatile Consumer<Duration> onSleep = d -> {};

  /**
   * A clock at {@code start}.
   *
   * @param start the first instant
   */
  public FakeTime(Instant start) {
    this.now = start;
  }

  /** A clock at {@link #START}. */
  public FakeTime() {
    this(START);
  }

  /**
   * Records {@code duration}, moves the clock by it, runs the {@link #onSleep} hook and returns.
   *
   * @param duration the wait asked for
   */
  public void sleep(Duration duration) {
    synchronized (this) {
      sleeps.add(duration);
      now = now.plus(duration);
    }
    onSleep.accept(duration);
  }

  /**
   * Runs {@code hook} after each {@link #sleep} (outside the lock), e.g. to cancel a wait after its n-th poll.
   *
   * @param hook told the duration of each sleep
   */
  public void onSleep(Consumer<Duration> hook) {
    this.onSleep = hook;
  }

  /**
   * Moves the clock without recording a sleep.
   *
   * @param d how far
   */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /**
   * The sleeps so far, in order.
   *
   * @return a copy
   */
  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /**
   * The time slept so far.
   *
   * @return the sum of {@link #sleeps()}
   */
  public synchronized Duration slept() {
    Duration total = Duration.ZERO;
    for (Duration d : sleeps) total = total.plus(d);
    return total;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }
}
