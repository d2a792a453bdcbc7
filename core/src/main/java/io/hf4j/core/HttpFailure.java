package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * What the server said when a call failed: the status, the request line (method and path, never the
 * query string, which may hold signatures), the {@code X-Error-Code} and {@code X-Error-Message}
 * headers, the request id and the message found in the body.
 *
 * @param statusCode the HTTP status, for example 404
 * @param method the request method
 * @param path the request path, without the query string
 * @param errorCode the {@code X-Error-Code} header, or null
 * @param errorMessage the {@code X-Error-Message} header, or null
 * @param requestId the request id ({@code X-Request-Id}, else {@code X-Amzn-Trace-Id}, else {@code X-Amz-Cf-Id}), or null
 * @param serverMessage the message found in the body, or null
 */
public record HttpFailure(
    int statusCode,
    String method,
    String path,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable String requestId,
    @Nullable String serverMessage) {
  /**
   * Checks that the method and path are present.
   *
   * @param statusCode the HTTP status, for example 404
   * @param method the request method
   * @param path the request path, without the query string
   * @param errorCode the {@code X-Error-Code} header, or null
   * @param errorMessage the {@code X-Error-Message} header, or null
   * @param requestId the request id ({@code X-Request-Id}, else {@code X-Amzn-Trace-Id}, else {@code X-Amz-Cf-Id}), or null
   * @param serverMessage the message found in the body, or null
   */
  public HttpFailure {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
  }
}
