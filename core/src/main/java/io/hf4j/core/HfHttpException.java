package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * The server answered with an HTTP error status. Carries the status, the {@code X-Error-Code}, the
 * request id and the server's own message, so that a failure can be reported to Hugging Face with
 * its request id.
 *
 * <p>Subclasses name the common cases; catch this type for everything else.
 */
public class HfHttpException extends HfException {
  private static final long serialVersionUID = 1L;
  /** The failed call. */
  private final HttpFailure failure;

  /**
   * Creates the exception for a call the server refused.
   *
   * @param failure the refused call: status, request, headers and the server's message
   */
  public HfHttpException(HttpFailure failure) {
    this(failure, null);
  }

  /**
   * Creates the exception with a hint on what to do, for subclasses.
   *
   * @param failure the refused call: status, request, headers and the server's message
   * @param hint a sentence appended to the message, or null for none
   */
  protected HfHttpException(HttpFailure failure, @Nullable String hint) {
    super(format(failure, hint));
    this.failure = Objects.requireNonNull(failure, "failure == null");
  }

  /** {@return the HTTP status code, for example 404} */
  public int statusCode() {
    return failure.statusCode();
  }

  /** {@return the {@code X-Error-Code} header, for example {@code RepoNotFound}, or null when the answer had none} */
  public @Nullable String errorCode() {
    return failure.errorCode();
  }

  /** {@return the {@code X-Error-Message} header, or null when the answer had none} */
  public @Nullable String errorMessage() {
    return failure.errorMessage();
  }

  /** {@return the request id ({@code X-Request-Id}, else {@code X-Amzn-Trace-Id}, else {@code X-Amz-Cf-Id}), or null when the answer had none} */
  public @Nullable String requestId() {
    return failure.requestId();
  }

  /** {@return the message the server put in the body ({@code error}, {@code error_description}, ...), or null} */
  public @Nullable String serverMessage() {
    return failure.serverMessage();
  }

  /** {@return the request method} */
  public String method() {
    return failure.method();
  }

  /** {@return the request path, without the query string} */
  public String path() {
    return failure.path();
  }

  /** {@return everything above as one value} */
  public HttpFailure failure() {
    return failure;
  }

  private static String format(HttpFailure f, @Nullable String hint) {
    StringBuilder sb = new StringBuilder();
    sb.append(f.statusCode());
    if (f.errorCode() != null) sb.append(' ').append(f.errorCode());
    String server = f.serverMessage();
    String header = f.errorMessage();
    String text = server != null ? server : header;
    if (server != null && header != null && !server.contains(header)) text = header + "\n" + server;
    if (text != null && !text.isBlank()) {
      sb.append(": ").append(text.strip());
    }
    sb.append(" (").append(f.method()).append(' ').append(f.path());
    if (f.requestId() != null) sb.append(", request id ").append(f.requestId());
    sb.append(')');
    if (hint != null && !hint.isEmpty()) sb.append(". ").append(hint);
    return sb.toString();
  }
}
