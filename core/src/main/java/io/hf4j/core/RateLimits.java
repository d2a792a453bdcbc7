package io.hf4j.core;

import java.util.Map;
import java.util.Optional;

/** The rate limits servers announced to one {@link HfConfig}, by host and bucket. */
public interface RateLimits {
  /** The latest limit announced for a host's bucket ({@code api}, {@code resolvers}...). */
  Optional<RateLimitInfo> last(String host, String resource);

  /** Every limit seen so far, keyed {@code host/resource}. */
  Map<String, RateLimitInfo> all();

  /** The number of 429 responses received through this configuration. */
  long rateLimitedResponses();
}
