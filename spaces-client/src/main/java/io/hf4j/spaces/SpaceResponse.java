package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.HfException;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.Headers;

/** A buffered answer from a Space's own HTTP API, as returned by {@link SpaceHttpClient}. */
public final class SpaceResponse {
  private final int code;
  private final Headers headers;
  private final byte[] body;

  SpaceResponse(int code, Headers headers, byte[] body) {
    this.code = code;
    this.headers = Objects.requireNonNull(headers, "headers == null");
    this.body = Objects.requireNonNull(body, "body == null");
  }

  /**
   * The HTTP status.
   *
   * @return the status code, e.g. 200 (below 400 when returned by {@link SpaceHttpClient#send})
   */
  public int code() {
    return code;
  }

  /**
   * Whether the status is 2xx.
   *
   * @return true for a status from 200 to 299
   */
  public boolean isSuccessful() {
    return code >= 200 && code < 300;
  }

  /**
   * The response headers.
   *
   * @return every header as received
   */
  public Headers headers() {
    return headers;
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, case-insensitive
   * @return its first value, or null if the answer has no such header
   */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  /**
   * The body bytes.
   *
   * @return a copy of the whole body (empty for an answer without one)
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body as text.
   *
   * @return the body decoded as UTF-8 (malformed bytes replaced)
   */
  public String bodyString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body decoded as JSON into {@code type} (a public record, {@code Map.class}, ...) with hf4j's Moshi.
   *
   * @param <T> the decoded type
   * @param type the class to decode into
   * @return the decoded value, never null
   * @throws HfException if the body is not JSON of that shape, or is JSON {@code null}
   */
  public <T> T json(Class<T> type) {
    return json((Type) type);
  }

  /**
   * The body decoded as JSON into a generic {@code type} (e.g. from {@code Types.newParameterizedType}).
   *
   * @param <T> the decoded type, matching {@code type} (not checked at compile time)
   * @param type the type to decode into
   * @return the decoded value, never null
   * @throws HfException if the body is not JSON of that shape, or is JSON {@code null}
   */
  public <T> T json(Type type) {
    try {
      T value = Json.moshi().<T>adapter(type).fromJson(bodyString());
      if (value == null) throw new HfException("The Space answered JSON null");
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof HfException he) throw he;
      throw new HfException("The Space's answer is not the expected JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SpaceResponse{code=" + code + ", bytes=" + body.length + "}";
  }
}
