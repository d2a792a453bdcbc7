package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * The server refused the call for exceeding a rate limit (429) and the retry budget could not wait
 * it out. Carries the limit the server announced and how long to wait.
 */
public class RateLimitException extends HfHttpException {
  private static final long serialVersionUID = 1L;
  private final transient @Nullable RateLimitInfo rateLimit;
  private final @Nullable Duration retryAfter;

  public RateLimitException(HttpFailure failure, @Nullable RateLimitInfo rateLimit, @Nullable Duration retryAfter) {
    super(failure, hint(rateLimit, retryAfter));
    this.rateLimit = rateLimit;
    this.retryAfter = retryAfter;
  }

  public RateLimitException(HttpFailure failure) {
    this(failure, null, null);
  }

  /** The {@code RateLimit} / {@code RateLimit-Policy} values of the refusing response, or null when it sent none. */
  public @Nullable RateLimitInfo rateLimit() {
    return rateLimit;
  }

  /** How long the server asked to wait before the next call, or null when it did not say. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }

  private static String hint(@Nullable RateLimitInfo info, @Nullable Duration retryAfter) {
    StringBuilder sb = new StringBuilder("Rate limit reached");
    if (info != null) {
      sb.append(" for '").append(info.resource()).append("' (").append(info.remaining()).append(" remaining");
      if (info.quota() != null && info.windowSeconds() != null) {
        sb.append(" of ").append(info.quota()).append(" per ").append(info.windowSeconds()).append("s window");
      }
      sb.append(')');
    }
    if (retryAfter != null) sb.append("; retry after ").append(retryAfter.toSeconds()).append('s');
    sb.append(". Spread calls over time or raise the retry budget in HfConfig");
    return sb.toString();
  }
}
