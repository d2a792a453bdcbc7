package io.hf4j.testkit.spi;

/**
 * Answers one request routed to it. Throw {@link HubError} for a Hub-style error answer; any other exception
 * becomes a 500 with {@code {"error": ...}}.
 */
@FunctionalInterface
public interface RouteHandler {
  Response handle(Request request) throws Exception;
}
