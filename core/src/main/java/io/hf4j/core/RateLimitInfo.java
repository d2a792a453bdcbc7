package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A rate limit as the server announced it: {@code RateLimit: "api";r=<remaining>;t=<seconds>} and,
 * when sent, {@code RateLimit-Policy: "fixed window";"api";q=<quota>;w=<window>}.
 *
 * @param resource the bucket name ({@code api}, {@code resolvers}, ...)
 * @param remaining requests left in the current window
 * @param resetSeconds seconds until the window resets, as announced
 * @param quota requests allowed per window, when the policy header was sent
 * @param windowSeconds the window length, when the policy header was sent
 * @param observedAt when the response carrying these values was received
 */
public record RateLimitInfo(
    String resource,
    long remaining,
    long resetSeconds,
    @Nullable Long quota,
    @Nullable Long windowSeconds,
    Instant observedAt) {
  /**
   * Checks that the resource and the time are present.
   *
   * @param resource the bucket name ({@code api}, {@code resolvers}, ...)
   * @param remaining requests left in the current window
   * @param resetSeconds seconds until the window resets, as announced
   * @param quota requests allowed per window, when the policy header was sent
   * @param windowSeconds the window length, when the policy header was sent
   * @param observedAt when the response carrying these values was received
   */
  public RateLimitInfo {
    Objects.requireNonNull(resource, "resource == null");
    Objects.requireNonNull(observedAt, "observedAt == null");
  }

  /** {@return when the window resets, by the server's count: {@code observedAt + resetSeconds}} */
  public Instant resetAt() {
    return observedAt.plusSeconds(resetSeconds);
  }
}
