package io.hf4j.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Hub-like fixed-window rate limits per bucket ({@code api}, {@code resolvers}, or a module's own) and per
 * caller (the token's user, else the client address), on the emulator clock. Thread-safe.
 */
public final class RateLimitRules {
  /**
   * A bucket's quota per window.
   *
   * @param quota requests allowed per window, 1 or more
   * @param window the window length, one second or more
   */
  public record Policy(int quota, Duration window) {
    /**
     * Creates the record, checking its components.
     *
     * @param quota requests allowed per window, 1 or more
     * @param window the window length, one second or more
     */
    public Policy {
      if (quota < 1) {
        throw new IllegalArgumentException("quota must be >= 1 but was " + quota);
      }
      Objects.requireNonNull(window, "window == null");
      if (window.getSeconds() < 1) {
        throw new IllegalArgumentException("window must be at least one second but was " + window);
      }
    }
  }

  /**
   * The state of one caller's bucket after a request was counted.
   *
   * @param bucket the bucket's name
   * @param policy the bucket's policy
   * @param remaining requests left in the current window
   * @param resetSeconds seconds until the window resets
   * @param allowed whether the counted request is within the quota
   */
  public record Decision(String bucket, Policy policy, int remaining, long resetSeconds, boolean allowed) {
    /** {@return the {@code RateLimit} header value, e.g. {@code "api";r=12;t=55}} */
    public String rateLimitHeader() {
      return "\"" + bucket + "\";r=" + remaining + ";t=" + resetSeconds;
    }

    /** {@return the {@code RateLimit-Policy} header value, e.g. {@code "fixed window";"api";q=500;w=300}} */
    public String policyHeader() {
      return "\"fixed window\";\"" + bucket + "\";q=" + policy.quota() + ";w=" + policy.window().getSeconds();
    }
  }

  private final EmulatorClock clock;
  private final Map<String, Policy> policies;
  private final Map<String, long[]> counters = new HashMap<>();

  /**
   * Creates the rules.
   *
   * @param clock the clock the windows are measured on
   * @param policies the policy of each bucket (an {@code api} policy is the fallback)
   */
  public RateLimitRules(EmulatorClock clock, Map<String, Policy> policies) {
    this.clock = clock;
    this.policies = new LinkedHashMap<>(policies);
  }

  /**
   * {@return the policy of a bucket; unknown buckets use the {@code api} policy}
   *
   * @param bucket the rate-limit bucket (a route's bucket name, e.g. {@code api})
   */
  public synchronized Policy policy(String bucket) {
    Policy p = policies.get(bucket);
    return p != null ? p : policies.get("api");
  }

  /**
   * Sets (or replaces) the policy of a bucket.
   *
   * @param bucket the rate-limit bucket
   * @param policy the new policy
   */
  public synchronized void setPolicy(String bucket, Policy policy) {
    policies.put(bucket, Objects.requireNonNull(policy, "policy == null"));
  }

  /**
   * Counts a request of {@code caller} in {@code bucket}.
   *
   * @param bucket the rate-limit bucket (a route's bucket name, e.g. {@code api})
   * @param caller who made the request (user name, or the client address for anonymous calls)
   * @return whether the request may proceed, and the header values to send
   */
  public synchronized Decision count(String bucket, String caller) {
    Policy p = policy(bucket);
    long w = p.window().getSeconds();
    Instant now = clock.instant();
    long windowIndex = Math.floorDiv(now.getEpochSecond(), w);
    long[] c = counters.computeIfAbsent(bucket + "\u0000" + caller, k -> new long[] {windowIndex, 0});
    if (c[0] != windowIndex) {
      c[0] = windowIndex;
      c[1] = 0;
    }
    c[1]++;
    long resetAt = (windowIndex + 1) * w;
    long reset = Math.max(1, resetAt - now.getEpochSecond());
    int remaining = (int) Math.max(0, p.quota() - c[1]);
    return new Decision(bucket, p, remaining, reset, c[1] <= p.quota());
  }

  /**
   * {@return a {@link Decision} for an exhausted bucket (used by injected 429s)}
   *
   * @param bucket the rate-limit bucket (a route's bucket name, e.g. {@code api})
   * @param resetSeconds seconds until the window resets
   */
  public synchronized Decision exhausted(String bucket, long resetSeconds) {
    return new Decision(bucket, policy(bucket), 0, Math.max(1, resetSeconds), false);
  }

  /** Forgets every count. */
  public synchronized void reset() {
    counters.clear();
  }
}
