package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * What the server said when a call failed: the status, the request line (method and path, never the
 * query string, which may hold signatures), the {@code X-Error-Code} and {@code X-Error-Message}
 * headers, the request id and the message found in the body.
 */
public record HttpFailure(
    int statusCode,
    String method,
    String path,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable String requestId,
    @Nullable String serverMessage) {
  public HttpFailure {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(path, "path == null");
  }
}
