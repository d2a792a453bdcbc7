package io.hf4j.testkit;

/** What an injected fault does to a request. */
public enum FaultKind {
  /** Answers with a status (500, 502, 503, 504, ...) without running the handler. */
  STATUS,
  /** Answers 429 with {@code RateLimit} (r=0), {@code RateLimit-Policy} and {@code Retry-After}, without running the handler. */
  RATE_LIMIT,
  /** Closes the connection without any answer and without running the handler. */
  RESET_BEFORE_RESPONSE,
  /** Reads part of the request body, then closes the connection (the client sees a reset while uploading). */
  RESET_DURING_REQUEST_BODY,
  /** Runs the handler, sends the headers and half of the body, then closes the connection. */
  RESET_DURING_RESPONSE_BODY,
  /** Waits, then handles the request normally. */
  DELAY,
  /** Runs the handler (the change is applied) but closes the connection instead of answering. */
  DROP_RESPONSE_AFTER_APPLY
}
