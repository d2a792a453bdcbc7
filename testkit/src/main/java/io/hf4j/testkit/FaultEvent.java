package io.hf4j.testkit;

import java.time.Instant;

/**
 * One injected fault: which rule fired, what it did, and on which request ({@link RecordedRequest#seq()}).
 */
public record FaultEvent(long requestSeq, String rule, FaultKind kind, Host host, String method, String path, Instant at) {}
