package io.hf4j.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a wait polls (for a job to end, a Space to run): the overall deadline, the polling interval that grows
 * after each poll up to a cap, how many consecutive transient failures (5xx, 429, network) are ridden out, a
 * {@link CancellationToken} and a {@link WaitListener}. One type for every wait of every client.
 *
 * <pre>{@code
 * JobInfo done = jobs.waitForJob(job, WaitParams.builder()
 *     .timeout(Duration.ofMinutes(30))
 *     .cancellationToken(cancel)
 *     .listener(event -> { if (event instanceof WaitEvent.StageChanged s) System.out.println(s.stage()); })
 *     .build());
 * }</pre>
 *
 * <p>Unset values take the waiting call's defaults (documented on each call): {@link #defaults()} waits
 * without a deadline, until the awaited state, a failure, or cancellation.
 */
public final class WaitParams {
  /** Default {@link #maxRetries()}: 10 consecutive transient failures. */
  public static final int DEFAULT_MAX_RETRIES = 10;

  private static final WaitParams DEFAULTS = new Builder().build();

  private final @Nullable Duration timeout;
  private final @Nullable Duration pollInterval;
  private final @Nullable Duration maxPollInterval;
  private final int maxRetries;
  private final @Nullable CancellationToken cancellationToken;
  private final @Nullable WaitListener listener;

  private WaitParams(Builder b) {
    this.timeout = b.timeout;
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval;
    this.maxRetries = b.maxRetries;
    this.cancellationToken = b.cancellationToken;
    this.listener = b.listener;
  }

  /**
   * A builder with nothing set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The empty params: no deadline, the call's polling intervals, {@value #DEFAULT_MAX_RETRIES} retries.
   *
   * @return the shared empty instance
   */
  public static WaitParams defaults() {
    return DEFAULTS;
  }

  /**
   * Params with only a deadline.
   *
   * @param timeout the longest the wait may take; positive
   * @return the params
   * @throws HfValidationException if {@code timeout} is not positive
   */
  public static WaitParams timeout(Duration timeout) {
    return builder().timeout(timeout).build();
  }

  /**
   * The longest the wait may take, or null for none.
   *
   * @return the deadline after the start, or null
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * The first interval between two polls, or null for the call's default.
   *
   * @return the interval, or null
   */
  public @Nullable Duration pollInterval() {
    return pollInterval;
  }

  /**
   * The cap the interval grows to, or null for the call's default (never below {@link #pollInterval()}).
   *
   * @return the cap, or null
   */
  public @Nullable Duration maxPollInterval() {
    return maxPollInterval;
  }

  /**
   * Consecutive transient failures of a poll (5xx, 429, network) ridden out before the last one is thrown; a
   * successful poll resets the count.
   *
   * @return the budget, {@code >= 0}
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The token that cancels the wait, if any.
   *
   * @return the token, or null
   */
  public @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  /**
   * Who is told of stage changes, retries and unknown stages, if anyone.
   *
   * @return the listener, or null
   */
  public @Nullable WaitListener listener() {
    return listener;
  }

  /**
   * A builder holding these params' values, to change some of them (e.g. another cancellation token) without
   * touching these.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.pollInterval = pollInterval;
    b.maxPollInterval = maxPollInterval;
    b.maxRetries = maxRetries;
    b.cancellationToken = cancellationToken;
    b.listener = listener;
    return b;
  }

  @Override
  public String toString() {
    return "WaitParams{timeout=" + timeout + ", pollInterval=" + pollInterval + ", maxPollInterval=" + maxPollInterval
        + ", maxRetries=" + maxRetries + (cancellationToken != null ? ", cancellable" : "")
        + (listener != null ? ", listener" : "") + "}";
  }

  /** Builds {@link WaitParams}; every value is validated in {@link #build()}. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable Duration pollInterval;
    private @Nullable Duration maxPollInterval;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private @Nullable CancellationToken cancellationToken;
    private @Nullable WaitListener listener;

    Builder() {}

    /**
     * Bounds the wait (default: none); past it the wait throws an {@link HfTimeoutException}.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * The first interval between two polls (default: the call's, e.g. 1 s for a job, 5 s for a Space).
     *
     * @param pollInterval positive
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * The cap the interval grows to, by half after each poll; equal to {@link #pollInterval(Duration)} for fixed
     * polling (default: the call's).
     *
     * @param maxPollInterval positive
     * @return this builder
     */
    public Builder maxPollInterval(Duration maxPollInterval) {
      this.maxPollInterval = maxPollInterval;
      return this;
    }

    /**
     * Consecutive transient failures ridden out (default {@value #DEFAULT_MAX_RETRIES}); 0 throws the first.
     *
     * @param maxRetries {@code >= 0}
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Cancels the wait when {@link CancellationToken#cancel()} is called: it throws {@link CancelledException}.
     *
     * @param cancellationToken the token
     * @return this builder
     */
    public Builder cancellationToken(CancellationToken cancellationToken) {
      this.cancellationToken = Objects.requireNonNull(cancellationToken, "cancellationToken == null");
      return this;
    }

    /**
     * Told of the wait's events, on the waiting thread. An exception it throws ends the wait and is rethrown.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(WaitListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * The params.
     *
     * @return the params
     * @throws HfValidationException naming the field when a duration is not positive or {@code maxRetries} is
     *     negative
     */
    public WaitParams build() {
      positive(timeout, "timeout");
      positive(pollInterval, "pollInterval");
      positive(maxPollInterval, "maxPollInterval");
      if (maxRetries < 0) throw new HfValidationException("maxRetries must be >= 0 but was " + maxRetries);
      if (pollInterval != null && maxPollInterval != null && maxPollInterval.compareTo(pollInterval) < 0) {
        throw new HfValidationException("maxPollInterval (" + maxPollInterval + ") must not be below pollInterval ("
            + pollInterval + ")");
      }
      return new WaitParams(this);
    }

    private static void positive(@Nullable Duration d, String name) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new HfValidationException(name + " must be positive but was " + d);
      }
    }
  }
}
