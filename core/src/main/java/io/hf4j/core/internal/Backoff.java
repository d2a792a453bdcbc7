package io.hf4j.core.internal;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import okhttp3.Response;

/**
 * How long to wait before the next attempt. A pure function of the attempt number, the failed
 * outcome and the clock, so tests check it exactly.
 *
 * <ul>
 *   <li>429 (or 503) whose {@code RateLimit} says nothing remains: until the window resets, as learned
 *       by the {@link RateLimitTracker} (never a blind backoff);
 *   <li>{@code Retry-After} (delta-seconds or HTTP-date): that long;
 *   <li>both of these plus one second, as the Python client waits;
 *   <li>otherwise exponential: {@code initial * 2^(attempt-1)}, capped, shortened by up to {@code jitter}.
 * </ul>
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final double jitter;
  private final Random random;
  private final Clock clock;

  public Backoff(Duration initial, Duration max, double jitter, Random random, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
    this.clock = clock;
  }

  /** The exponential wait after failed attempt number {@code attempt} (1-based). */
  public Duration exponential(int attempt) {
    long base = initial.toMillis();
    long capped = max.toMillis();
    long wait = base;
    for (int i = 1; i < attempt && wait < capped; i++) wait *= 2;
    wait = Math.min(wait, capped);
    if (jitter > 0) {
      double factor = 1.0 - jitter * random.nextDouble();
      wait = (long) (wait * factor);
    }
    return Duration.ofMillis(wait);
  }

  /**
   * The wait after a retryable response.
   *
   * @param resetAt when the tracker expects the window to reset (upper bound), or null
   */
  public Duration afterResponse(int attempt, Response response, @Nullable Instant resetAt) {
    Duration announced = announcedWait(response, resetAt);
    return announced != null ? announced : exponential(attempt);
  }

  /**
   * The wait the server announced for a retryable response (its rate-limit window, or {@code Retry-After}),
   * plus the Hub's one-second margin as the Python client adds ({@code utils/_http.py}: "+1s to avoid rounding
   * issues"), or null when it announced none. Such a wait is the server's schedule, not a retry cost: the retry
   * budget does not count it.
   *
   * @param resetAt when the tracker expects the window to reset (upper bound), or null
   */
  public @Nullable Duration announcedWait(Response response, @Nullable Instant resetAt) {
    Instant now = clock.instant();
    int code = response.code();
    RateLimitInfo info = RateLimitHeaders.parse(response.headers(), now);
    if ((code == 429 || code == 503) && info != null && info.remaining() == 0) {
      Instant until = resetAt != null ? resetAt : info.resetAt();
      Duration d = Duration.between(now, until);
      return (d.isNegative() ? Duration.ZERO : d).plus(MARGIN);
    }
    Duration retryAfter = RateLimitHeaders.retryAfter(response.headers(), clock);
    if (retryAfter != null) return retryAfter.plus(MARGIN);
    if (code == 429 && info != null) {
      // Refused with quota left: another client shares the bucket; wait for the reset.
      Duration d = Duration.between(now, info.resetAt());
      if (!d.isNegative()) return d.plus(MARGIN);
    }
    return null;
  }

  /** Added to every wait the server announced, as the Python client does. */
  public static final Duration MARGIN = Duration.ofSeconds(1);
}
