package io.hf4j.core.internal;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.Sleeper;
import io.hf4j.core.WaitEvent;
import io.hf4j.core.WaitListener;
import io.hf4j.core.WaitParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one waiting engine (jobs, Spaces): polls until the probe says done, with a deadline, an interval growing by
 * half up to a cap, transient failures (5xx, 429 with its announced wait, I/O) ridden out up to {@link
 * WaitParams#maxRetries()} in a row, a warning (logged and reported once) for an unknown stage, the params'
 * listener told of stage changes and retries, and cancellation by the params' token or an interrupt ({@link
 * CancelledException}). Time goes through the given clock and sleeper only, so tests run it on a fake clock.
 */
public final class Waiter {
  private static final Logger LOG = LoggerFactory.getLogger(Waiter.class);
  private static final double GROWTH = 1.5;

  /** What one successful poll found. */
  public enum Verdict {
    /** The awaited state: the wait returns the status. */
    DONE,
    /** Not yet: poll again. */
    WAITING,
    /** A stage hf4j does not know: warn once, poll again. */
    UNKNOWN
  }

  /**
   * The waited-for thing.
   *
   * @param <S> the status type (a job's state, a Space's runtime)
   */
  public interface Probe<S> {
    /** Reads the status once; may throw (transient {@link HfException}s are retried). */
    S poll();

    /** The stage of a status, for events and messages. */
    String stage(S status);

    /** Whether the status ends the wait; throws to fail it (a failed stage). */
    Verdict judge(S status);

    /**
     * The exception thrown when the deadline passes.
     *
     * @param last the last status read, or null if none could be read
     * @param lastError the failure of the last poll, or null if it succeeded
     * @param timeout the params' timeout
     */
    RuntimeException timedOut(@Nullable S last, @Nullable HfException lastError, Duration timeout);
  }

  private final String what;
  private final WaitParams params;
  private final Duration firstInterval;
  private final Duration maxInterval;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * A waiter for {@code what} (named in messages, e.g. "job 68ab"), with the call's default intervals for what
   * the params leave unset.
   */
  public Waiter(String what, WaitParams params, Duration defaultPollInterval, Duration defaultMaxPollInterval,
      Clock clock, Sleeper sleeper) {
    this.what = Objects.requireNonNull(what, "what == null");
    this.params = Objects.requireNonNull(params, "params == null");
    this.firstInterval = params.pollInterval() != null ? params.pollInterval() : defaultPollInterval;
    Duration max = params.maxPollInterval() != null ? params.maxPollInterval() : defaultMaxPollInterval;
    this.maxInterval = max.compareTo(firstInterval) < 0 ? firstInterval : max;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Polls until {@code probe} judges a status {@link Verdict#DONE} and returns that status. */
  public <S> S await(Probe<S> probe) {
    CancellationToken token = params.cancellationToken();
    WaitListener listener = params.listener();
    Duration timeout = params.timeout();
    Instant deadline = timeout == null ? null : clock.instant().plus(timeout);
    Duration interval = firstInterval;
    String lastStage = null;
    boolean warned = false;
    S last = null;
    int failures = 0;
    while (true) {
      checkCancelled(token);
      Duration wait = interval;
      HfException error = null;
      try {
        S status = probe.poll();
        failures = 0;
        last = status;
        String stage = probe.stage(status);
        if (!stage.equals(lastStage)) {
          lastStage = stage;
          LOG.debug("{} is {}", what, stage);
          if (listener != null) listener.onEvent(new WaitEvent.StageChanged(stage, status));
        }
        Verdict verdict = probe.judge(status);
        if (verdict == Verdict.DONE) return status;
        if (verdict == Verdict.UNKNOWN && !warned) {
          warned = true;
          LOG.warn("{} is in stage '{}', which hf4j does not know; waiting on", what, stage);
          if (listener != null) listener.onEvent(new WaitEvent.UnknownStage(stage, status));
        }
      } catch (ServerException | HfIoException | RateLimitException e) {
        checkCancelled(token);
        if (++failures > params.maxRetries()) throw e;
        error = e;
        if (e instanceof RateLimitException r) {
          Duration after = r.retryAfter() != null ? r.retryAfter() : Duration.ZERO;
          if (after.compareTo(wait) > 0) wait = after;
        }
        LOG.debug("polling {} failed ({}); retry {} of {} in {}", what, e.getMessage(), failures, params.maxRetries(), wait);
        if (listener != null) listener.onEvent(new WaitEvent.Retrying(failures, e, wait));
      }
      if (deadline != null) {
        Duration remaining = Duration.between(clock.instant(), deadline);
        if (remaining.isNegative() || remaining.isZero()) throw probe.timedOut(last, error, timeout);
        if (remaining.compareTo(wait) < 0) wait = remaining;
      }
      sleep(wait, token);
      long next = (long) (interval.toMillis() * GROWTH);
      interval = Duration.ofMillis(Math.min(next, maxInterval.toMillis()));
    }
  }

  private void sleep(Duration d, @Nullable CancellationToken token) {
    try {
      if (token == null) sleeper.sleep(d);
      else sleeper.sleep(d, token::isCancelled);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("Waiting for " + what + " was interrupted", e);
    }
    checkCancelled(token);
  }

  private void checkCancelled(@Nullable CancellationToken token) {
    if (token != null && token.isCancelled()) throw new CancelledException("Waiting for " + what + " cancelled");
    if (Thread.currentThread().isInterrupted()) {
      throw new CancelledException("Waiting for " + what + " was interrupted", new InterruptedException());
    }
  }
}
