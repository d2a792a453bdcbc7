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

  /** The HTTP status code. */
  private final int status;
  /** The {@code X-Error-Code} value, or null. */
  private final @Nullable String errorCode;
  private final transient Map<String, Object> extraFields = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  /**
   * Creates an error answer.
   *
   * @param status the HTTP status code
   * @param errorCode the {@code X-Error-Code} value, or null for none
   * @param message the message the client sees (the body's {@code error} field)
   */
  public HubError(int status, @Nullable String errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** {@return the HTTP status code} */
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

  /** {@return the extra fields of the JSON body (mutable, in insertion order)} */
  public Map<String, Object> extraFields() {
    return extraFields;
  }

  /** {@return the extra response headers (mutable, in insertion order)} */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * 400 for a malformed or invalid request.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 400 error
   */
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

  /**
   * 403 for a caller without the needed rights.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 403 error
   */
  public static HubError forbidden(String message) {
    return new HubError(403, null, message);
  }

  /**
   * 404 for a missing resource.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 404 error
   */
  public static HubError notFound(String message) {
    return new HubError(404, null, message);
  }

  /**
   * {@return a 404 with {@code X-Error-Code: RepoNotFound}, as the Hub answers for a missing (or hidden) repository}
   */
  public static HubError repoNotFound() {
    return new HubError(404, "RepoNotFound", "Repository not found");
  }

  /**
   * 404 with {@code X-Error-Code: RevisionNotFound}.
   *
   * @param revision the revision that was not found
   * @return the error
   */
  public static HubError revisionNotFound(String revision) {
    return new HubError(404, "RevisionNotFound", "Invalid rev id: " + revision);
  }

  /**
   * 404 with {@code X-Error-Code: EntryNotFound}.
   *
   * @param path the path that was not found
   * @return the error
   */
  public static HubError entryNotFound(String path) {
    return new HubError(404, "EntryNotFound", "Entry not found: " + path);
  }

  /**
   * 409 for a resource that already exists or changed.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 409 error
   */
  public static HubError conflict(String message) {
    return new HubError(409, null, message);
  }

  /**
   * 412 for a failed precondition (e.g. a stale parent commit).
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 412 error
   */
  public static HubError preconditionFailed(String message) {
    return new HubError(412, null, message);
  }

  /**
   * 422 for a well-formed request the Hub cannot process.
   *
   * @param message the message the client sees (the body's {@code error} field)
   * @return a 422 error
   */
  public static HubError unprocessable(String message) {
    return new HubError(422, null, message);
  }
}
