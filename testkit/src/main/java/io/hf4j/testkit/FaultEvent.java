package io.hf4j.testkit;

import java.time.Instant;

/**
 * One injected fault: which rule fired, what it did, and on which request ({@link RecordedRequest#seq()}).
 *
 * @param requestSeq the request's {@link RecordedRequest#seq()}
 * @param rule the name of the rule that fired
 * @param kind what the fault did
 * @param host which listener received the request
 * @param method the request's HTTP method
 * @param path the request's raw path
 * @param at when the fault was injected (wall clock)
 */
public record FaultEvent(long requestSeq, String rule, FaultKind kind, Host host, String method, String path, Instant at) {}
