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
  /** How long the server asked to wait, or null. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param failure the refused call
   * @param rateLimit the limit the refusing response announced, or null
   * @param retryAfter the wait the server asked for, or null
   */
  public RateLimitException(HttpFailure failure, @Nullable RateLimitInfo rateLimit, @Nullable Duration retryAfter) {
    super(failure, hint(rateLimit, retryAfter));
    this.rateLimit = rateLimit;
    this.retryAfter = retryAfter;
  }

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public RateLimitException(HttpFailure failure) {
    this(failure, null, null);
  }

  /** {@return the {@code RateLimit} / {@code RateLimit-Policy} values of the refusing response, or null when it sent none} */
  public @Nullable RateLimitInfo rateLimit() {
    return rateLimit;
  }

  /** {@return how long the server asked to wait before the next call, or null when it did not say} */
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
