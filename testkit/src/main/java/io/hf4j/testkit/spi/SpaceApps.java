package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;


/**
 * Binds a Space to an in-process handler answering the Space's own HTTP API (e.g. {@code GET /health}). A
 * bound app answers on the Space-apps listener, at {@link #url(String)} (the path after the Space's prefix
 * reaches the handler), and also to any request whose {@code Host} is {@code <subdomain>.hf.space} or
 * {@code <subdomain>.localhost}. Unbound Spaces answer 404.
 */
public interface SpaceApps {
  /**
   * Binds a Space to an app handler (replacing an earlier binding).
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @param app answers the requests to the Space's app
   */
  void bind(String spaceId, RouteHandler app);

  /**
   * Removes the Space's binding; its app answers 404 again.
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  void unbind(String spaceId);

  /**
   * {@return the Space's bound app handler, or null}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  @Nullable RouteHandler app(String spaceId);

  /**
   * {@return the Hub's subdomain for a Space: {@code ns-name}, lower case, {@code _} and {@code .} as {@code -}}
   *
   * @param spaceId the Space's id ({@code owner/name})
   */
  String subdomain(String spaceId);

  /**
   * Base URL (no trailing slash) where the Space's app answers while bound.
   *
   * @param spaceId the Space's id ({@code owner/name})
   * @return the app's base URL
   */
  String url(String spaceId);
}
