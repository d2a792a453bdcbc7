package io.hf4j.testkit.spi;

/**
 * Registers API routes on the emulator's Hub listener. A pattern is a path of segments: a literal
 * ({@code api}), a parameter ({@code {ns}}), a parameter with a literal suffix ({@code {name}.git}), or, as the
 * last segment, a rest parameter ({@code {path...}}, the remaining segments joined by {@code /}, possibly
 * empty). Parameters are percent-decoded per segment, so {@code refs%2Fpr%2F1} arrives as {@code refs/pr/1}.
 *
 * <p>When several routes match, the one with more literal segments wins, then the one without a rest
 * parameter, then the first registered. Every route gets authentication (an invalid token is refused with 401
 * before the handler runs), rate limiting in its bucket, fault injection and the request log.
 */
public interface Routes {
  /** The rate-limit bucket of API routes. */
  String API_BUCKET = "api";
  /** The rate-limit bucket of {@code /resolve/} downloads. */
  String RESOLVERS_BUCKET = "resolvers";

  /**
   * Adds a route in the {@code api} rate-limit bucket.
   *
   * @param method the HTTP method ({@code GET}, {@code POST}, ...)
   * @param pattern the path pattern (see the class comment), e.g. {@code /api/{type}/{ns}/{name}}
   * @param handler answers the matched requests
   */
  default void add(String method, String pattern, RouteHandler handler) {
    add(method, pattern, API_BUCKET, handler);
  }

  /**
   * Adds a route counted in {@code rateLimitBucket}.
   *
   * @param method the HTTP method ({@code GET}, {@code POST}, ...)
   * @param pattern the path pattern (see the class comment), e.g. {@code /api/{type}/{ns}/{name}}
   * @param rateLimitBucket the rate-limit bucket the route counts against
   * @param handler answers the matched requests
   */
  void add(String method, String pattern, String rateLimitBucket, RouteHandler handler);

  /**
   * {@return whether a route answers {@code method} on {@code rawPath} (a percent-encoded path)}
   *
   * @param method the HTTP method ({@code GET}, {@code POST}, ...)
   * @param rawPath the request's raw path (without the query)
   */
  boolean matches(String method, String rawPath);
}
