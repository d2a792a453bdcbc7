package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Map;

/** The rate limits servers announced to one {@link HfConfig}, by host and bucket. */
public interface RateLimits {
  /**
   * The latest limit announced for a host's bucket.
   *
   * @param host the server's host name, for example {@code huggingface.co}
   * @param resource the bucket ({@code api}, {@code resolvers}...)
   * @return the latest limit, or null when that host never announced one for the bucket
   */
  @Nullable RateLimitInfo last(String host, String resource);

  /** {@return every limit seen so far, keyed {@code host/resource}} */
  Map<String, RateLimitInfo> all();

  /** {@return the number of 429 responses received through this configuration} */
  long rateLimitedResponses();
}
