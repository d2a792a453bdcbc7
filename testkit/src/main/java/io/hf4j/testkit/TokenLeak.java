package io.hf4j.testkit;

import java.time.Instant;

/**
 * A storage request that carried an {@code Authorization} header (refused with 400). Holds where, never the
 * token.
 *
 * @param requestSeq the request's {@link RecordedRequest#seq()}
 * @param method the request's HTTP method
 * @param path the request's raw path
 * @param at when the request arrived (wall clock)
 */
public record TokenLeak(long requestSeq, String method, String path, Instant at) {}
