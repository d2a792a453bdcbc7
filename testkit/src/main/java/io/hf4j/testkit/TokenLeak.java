package io.hf4j.testkit;

import java.time.Instant;

/**
 * A storage request that carried an {@code Authorization} header (refused with 400). Holds where, never the
 * token.
 */
public record TokenLeak(long requestSeq, String method, String path, Instant at) {}
