package io.hf4j.core.internal;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Parses the IETF draft rate-limit headers the Hub sends and {@code Retry-After}. Malformed values are
 * ignored, never thrown.
 */
public final class RateLimitHeaders {
  private static final Pattern RATE_LIMIT =
      Pattern.compile("\"([^\"]*)\"\\s*;\\s*r\\s*=\\s*(\\d{1,18})\\s*;\\s*t\\s*=\\s*(\\d{1,18})");
  private static final Pattern QUOTA = Pattern.compile("(?:^|;)\\s*q\\s*=\\s*(\\d{1,18})");
  private static final Pattern WINDOW = Pattern.compile("(?:^|;)\\s*w\\s*=\\s*(\\d{1,18})");
  private static final Pattern POLICY_NAME = Pattern.compile("\"([^\"]*)\"");

  private RateLimitHeaders() {}

  /** The {@code RateLimit} (and {@code RateLimit-Policy}) values of a response, or null when absent or malformed. */
  public static @Nullable RateLimitInfo parse(Headers headers, Instant observedAt) {
    String rl = headers.get("RateLimit");
    if (rl == null) return null;
    Matcher m = RATE_LIMIT.matcher(rl);
    if (!m.find()) return null;
    String resource = m.group(1);
    long remaining;
    long reset;
    try {
      remaining = Long.parseLong(m.group(2));
      reset = Long.parseLong(m.group(3));
    } catch (NumberFormatException e) {
      return null;
    }
    Long quota = null;
    Long window = null;
    for (String policy : headers.values("RateLimit-Policy")) {
      // A policy may list several buckets; take the one naming this resource, or the only one.
      for (String item : policy.split(",")) {
        Matcher names = POLICY_NAME.matcher(item);
        boolean mentionsResource = false;
        boolean mentionsAny = false;
        while (names.find()) {
          mentionsAny = true;
          if (names.group(1).equals(resource)) mentionsResource = true;
        }
        if (mentionsAny && !mentionsResource) continue;
        Matcher q = QUOTA.matcher(item);
        Matcher w = WINDOW.matcher(item);
        if (q.find() && w.find(q.end())) {
          try {
            quota = Long.parseLong(q.group(1));
            window = Long.parseLong(w.group(1));
          } catch (NumberFormatException ignored) {
            quota = null;
            window = null;
          }
          break;
        }
      }
      if (quota != null) break;
    }
    return new RateLimitInfo(resource, remaining, reset, quota, window, observedAt);
  }

  /**
   * {@code Retry-After} as a delay, accepting delta-seconds and an HTTP-date. Null when absent, negative
   * or malformed.
   */
  public static @Nullable Duration retryAfter(Headers headers, Clock clock) {
    String v = headers.get("Retry-After");
    if (v == null) return null;
    v = v.strip();
    if (v.isEmpty()) return null;
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
