package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Hub-style error answer thrown from a {@link RouteHandler}: the status, an optional {@code X-Error-Code}, the
 * message (sent as {@code X-Error-Message} and as {@code {"error": message}}) and optional extra JSON fields.
 */
public final class HubError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final @Nullable String errorCode;
  private final transient Map<String, Object> extraFields = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  public HubError(int status, @Nullable String errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public int status() {
    return status;
  }

  /** {@return the {@code X-Error-Code} value, or null} */
  public @Nullable String errorCode() {
    return errorCode;
  }

  /**
   * Adds a field to the JSON error body next to {@code error}.
   *
   * @param name the field or header name
   * @param value the field's value (JSON-encodable)
   * @return this error
   */
  public HubError field(String name, Object value) {
    extraFields.put(name, value);
    return this;
  }

  /**
   * Adds a response header.
   *
   * @param name the field or header name
   * @param value the header value
   * @return this error
   */
  public HubError header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public Map<String, Object> extraFields() {
    return extraFields;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public static HubError badRequest(String message) {
    return new HubError(400, null, message);
  }

  /**
   * 401 for a missing or invalid token.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 401 error
   */
  public static HubError unauthorized(String message) {
    return new HubError(401, null, message);
  }

  public static HubError forbidden(String message) {
    return new HubError(403, null, message);
  }

  public static HubError notFound(String message) {
    return new HubError(404, null, message);
  }

  public static HubError repoNotFound() {
    return new HubError(404, "RepoNotFound", "Repository not found");
  }

  public static HubError revisionNotFound(String revision) {
    return new HubError(404, "RevisionNotFound", "Invalid rev id: " + revision);
  }

  public static HubError entryNotFound(String path) {
    return new HubError(404, "EntryNotFound", "Entry not found: " + path);
  }

  public static HubError conflict(String message) {
    return new HubError(409, null, message);
  }

  public static HubError preconditionFailed(String message) {
    return new HubError(412, null, message);
  }

  public static HubError unprocessable(String message) {
    return new HubError(422, null, message);
  }
}
