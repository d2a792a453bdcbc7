package io.hf4j.testkit.spi;

/**
 * Answers one request routed to it. Throw {@link HubError} for a Hub-style error answer; any other exception
 * becomes a 500 with {@code {"error": ...}}.
 */
@FunctionalInterface
public interface RouteHandler {
  /**
   * Answers a request.
   *
   * @param request the matched request
   * @return the response
   * @throws Exception when handling fails; a {@link HubError} becomes its error answer, anything else a 500
   */
  Response handle(Request request) throws Exception;
}
