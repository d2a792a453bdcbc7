package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import io.hf4j.testkit.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An answer built by a {@link RouteHandler}. The emulator writes it after the handler returns, so fault
 * injection can still drop or cut it. Bodies are either fixed bytes or a {@link BodyWriter} that streams
 * (a known length, or chunked when the length is -1, e.g. for server-sent events; call {@code flush()} to push
 * an event out).
 */
public final class Response {
  /** Writes a response body; may block (SSE) and should stop when writing throws. */
  @FunctionalInterface
  public interface BodyWriter {
    /**
     * Writes the body.
     *
     * @param out the connection's output stream (the writer does not close it)
     * @throws IOException when writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  private final int status;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final long length;
  private final @Nullable BodyWriter body;

  private Response(int status, long length, @Nullable BodyWriter body) {
    this.status = status;
    this.length = length;
    this.body = body;
  }

  /**
   * A JSON answer ({@code application/json; charset=utf-8}) of maps, lists, strings, numbers, booleans.
   *
   * @param status the HTTP status code
   * @param value the body, encoded as JSON
   * @return a JSON response
   */
  public static Response json(int status, Object value) {
    return bytes(status, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@return a {@code text/plain; charset=utf-8} response}
   *
   * @param status the HTTP status code
   * @param text the body
   */
  public static Response text(int status, String text) {
    return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@return a response with a byte body}
   *
   * @param status the HTTP status code
   * @param contentType the {@code Content-Type} of the body
   * @param bytes the body
   */
  public static Response bytes(int status, String contentType, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    Response r = new Response(status, bytes.length, out -> out.write(bytes));
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    return r;
  }

  /**
   * {@return an answer without a body}
   *
   * @param status the HTTP status code
   */
  public static Response empty(int status) {
    return new Response(status, 0, null);
  }

  /**
   * {@return a streamed answer: {@code length} bytes, or chunked when {@code length} is -1}
   *
   * @param status the HTTP status code
   * @param contentType the {@code Content-Type} of the body
   * @param length the body length in bytes, or -1 when unknown (chunked)
   * @param writer writes the body to the connection
   */
  public static Response stream(int status, String contentType, long length, BodyWriter writer) {
    Objects.requireNonNull(writer, "writer == null");
    Response r = new Response(status, length, writer);
    if (contentType != null) {
      r.header("Content-Type", contentType);
    }
    return r;
  }

  /**
   * {@return a Hub-style error: {@code {"error": message}}, with {@code X-Error-Code} and {@code X-Error-Message}
   * only when the error has a code (RepoNotFound, RevisionNotFound, EntryNotFound, GatedRepo ...), as the Hub: its
   * plain errors (a 409 on create, a 400) carry no {@code X-Error-*} header. {@link HubError#header} adds one
   * explicitly}
   *
   * @param error the Hub error to answer
   */
  public static Response error(HubError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.getMessage());
    body.putAll(error.extraFields());
    Response r = json(error.status(), body);
    if (error.errorCode() != null) {
      r.header("X-Error-Code", error.errorCode());
      if (error.getMessage() != null) {
        r.header("X-Error-Message", headerSafe(error.getMessage()));
      }
    }
    error.headers().forEach(r::header);
    return r;
  }

  private static String headerSafe(String message) {
    StringBuilder sb = new StringBuilder(message.length());
    for (char c : message.toCharArray()) {
      sb.append(c < 0x20 || c > 0x7e ? ' ' : c);
    }
    return sb.toString();
  }

  /**
   * Adds a header value (repeatable).
   *
   * @param name the header name (case-insensitive)
   * @param value the header value
   * @return this response
   */
  public Response header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  /**
   * Replaces a header.
   *
   * @param name the header name (case-insensitive)
   * @param value the header value
   * @return this response
   */
  public Response setHeader(String name, String value) {
    List<String> values = new ArrayList<>();
    values.add(value);
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    headers.put(name, values);
    return this;
  }

  /** {@return the HTTP status code} */
  public int status() {
    return status;
  }

  /** {@return the response headers, each name with its values} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * {@return the first value of a header, case-insensitively, or null}
   *
   * @param name the header name (case-insensitive)
   */
  public @Nullable String headerValue(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** {@return the body length in bytes; -1 for a chunked stream, 0 for none} */
  public long length() {
    return length;
  }

  /** {@return the body writer, or null when there is no body} */
  public @Nullable BodyWriter body() {
    return body;
  }
}
