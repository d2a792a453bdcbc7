package io.hf4j.core.internal;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitInfo;
import io.hf4j.core.RateLimits;
import io.hf4j.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Remembers the limits servers announce and paces calls so that the server rarely has to refuse one.
 *
 * <p>Per host and bucket it keeps the calls left in the current window and when that window ends.
 * The reset instant is learned precisely: each response says {@code t} whole seconds remain, which
 * bounds the true reset to {@code (observed + t - 1, observed + t]}; successive responses narrow
 * that interval, and for fixed windows the next reset is the last one plus the window. A call that
 * would exceed the window waits for the upper bound of the reset, so it is never early. While the
 * reset instant is still uncertain (to a second or more) and few calls remain, the remaining ones
 * are spread over the time left. A 429 is authoritative: its reset replaces any projection.
 */
public final class RateLimitTracker implements RateLimits {
  /** Below this share of the quota (or this many calls without a known quota) calls are spread out. */
  private static final double LOW_WATER_SHARE = 0.1;
  private static final long LOW_WATER_CALLS = 5;
  private static final long LOW_WATER_MIN = 2;

  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong rateLimited = new AtomicLong();

  public RateLimitTracker(Clock clock) {
    this.clock = clock;
  }

  /** The bucket a request to this path counts against, as the Hub splits them. */
  public static String bucketFor(String path) {
    return path.contains("/resolve/") ? "resolvers" : "api";
  }

  /**
   * Blocks, if needed, until a call to this bucket fits in the server's window, and reserves it.
   *
   * @return how long it waited
   */
  public Duration acquire(String host, String bucketName, Sleeper sleeper, boolean pacing) throws InterruptedException {
    return acquire(host, bucketName, sleeper, pacing, () -> false);
  }

  /**
   * Like {@link #acquire(String, String, Sleeper, boolean)}, stopping the wait when {@code canceled}
   * turns true (then returning without a reservation).
   */
  public Duration acquire(String host, String bucketName, Sleeper sleeper, boolean pacing, BooleanSupplier canceled)
      throws InterruptedException {
    Bucket b = buckets.get(host + "/" + bucketName);
    if (b == null) return Duration.ZERO;
    Duration waited = Duration.ZERO;
    while (true) {
      if (canceled.getAsBoolean()) return waited;
      Duration wait = b.reserve(clock.instant(), pacing);
      if (wait.isZero()) return waited;
      sleeper.sleep(wait, canceled);
      waited = waited.plus(wait);
    }
  }

  /** Records the limits of a response to a request to {@code host}. */
  public void record(String host, String requestBucket, @Nullable RateLimitInfo info, int status) {
    if (status == 429) rateLimited.incrementAndGet();
    if (info == null) return;
    buckets.computeIfAbsent(host + "/" + requestBucket, k -> new Bucket()).update(info, status == 429);
    if (!info.resource().equals(requestBucket)) {
      buckets.computeIfAbsent(host + "/" + info.resource(), k -> new Bucket()).update(info, status == 429);
    }
  }

  /** The instant the current window of this bucket resets, upper bound; null when unknown. */
  public @Nullable Instant resetAt(String host, String bucketName) {
    Bucket b = buckets.get(host + "/" + bucketName);
    return b == null ? null : b.resetUpperBound();
  }

  @Override
  public @Nullable RateLimitInfo last(String host, String resource) {
    Bucket b = buckets.get(host + "/" + resource);
    return b == null ? null : b.last();
  }

  @Override
  public Map<String, RateLimitInfo> all() {
    Map<String, RateLimitInfo> out = new TreeMap<>();
    buckets.forEach((k, b) -> {
      RateLimitInfo i = b.last();
      if (i != null) out.put(k, i);
    });
    return out;
  }

  @Override
  public long rateLimitedResponses() {
    return rateLimited.get();
  }

  private static final class Bucket {
    private @Nullable RateLimitInfo last;
    private long remaining;
    private @Nullable Instant resetLow;
    private @Nullable Instant resetHigh;
    private @Nullable Duration window;
    private @Nullable Long quota;
    private @Nullable Instant nextSlot;

    synchronized @Nullable RateLimitInfo last() {
      return last;
    }

    synchronized @Nullable Instant resetUpperBound() {
      return resetHigh;
    }

    synchronized void update(RateLimitInfo info, boolean refused) {
      last = info;
      if (info.quota() != null) quota = info.quota();
      if (info.windowSeconds() != null && info.windowSeconds() > 0) window = Duration.ofSeconds(info.windowSeconds());
      Instant now = info.observedAt();
      Instant high = now.plusSeconds(info.resetSeconds());
      Instant low = high.minusSeconds(1);
      rollWindow(now);
      boolean sameWindow = resetHigh != null && !high.isBefore(resetLow.minusMillis(1)) && !low.isAfter(resetHigh);
      if (sameWindow) {
        // Narrow the interval known to hold the reset instant.
        resetLow = max(resetLow, low);
        resetHigh = min(resetHigh, high);
        if (resetLow.isAfter(resetHigh)) resetLow = resetHigh;
        remaining = Math.min(remaining, info.remaining());
        if (refused) remaining = 0;
      } else if (resetHigh == null || low.isAfter(resetHigh) || refused) {
        // A newer window than the one tracked, or a refusal, which is authoritative: the server's
        // own reset replaces a projected one.
        resetLow = low;
        resetHigh = high;
        remaining = refused ? 0 : info.remaining();
        nextSlot = null;
      }
      // else: a late success from an older window; its counts say nothing about the current one.
    }

    /** Moves the tracked window forward when its reset has passed, if the window length is known. */
    private void rollWindow(Instant now) {
      if (resetHigh == null || now.isBefore(resetHigh)) return;
      if (window == null) {
        resetLow = null;
        resetHigh = null;
        return;
      }
      while (!now.isBefore(resetHigh)) {
        resetLow = resetLow.plus(window);
        resetHigh = resetHigh.plus(window);
      }
      remaining = quota != null ? quota : Long.MAX_VALUE;
      nextSlot = null;
    }

    /** Reserves a call now if it fits; else returns how long to wait before asking again. */
    synchronized Duration reserve(Instant now, boolean pacing) {
      if (resetHigh == null) return Duration.ZERO;
      rollWindow(now);
      if (resetHigh == null) return Duration.ZERO;
      if (remaining <= 0) {
        return Duration.between(now, resetHigh).plusMillis(1);
      }
      // Spreading the last calls only pays while the reset instant is uncertain; once it is known to
      // within a second, waiting at zero remaining is enough to never draw a 429.
      if (pacing && Duration.between(resetLow, resetHigh).compareTo(Duration.ofSeconds(1)) >= 0) {
        long lowWater = quota != null ? Math.max(LOW_WATER_MIN, (long) Math.ceil(quota * LOW_WATER_SHARE)) : LOW_WATER_CALLS;
        if (remaining <= lowWater) {
          Duration left = Duration.between(now, resetHigh);
          Duration spacing = left.isNegative() ? Duration.ZERO : left.dividedBy(remaining + 1);
          if (nextSlot != null && now.isBefore(nextSlot)) return Duration.between(now, nextSlot);
          nextSlot = now.plus(spacing);
        }
      }
      remaining--;
      return Duration.ZERO;
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
      return a.isBefore(b) ? a : b;
    }
  }
}
