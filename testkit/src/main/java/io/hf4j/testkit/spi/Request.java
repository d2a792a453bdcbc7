package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One request as a route handler sees it. Path parameters come from the route pattern, already
 * percent-decoded. The body is read once, either as a stream or through the helpers.
 */
public interface Request {
  /** {@return {@code GET}, {@code POST}, ..} */
  String method();

  /** {@return the raw (still percent-encoded) path} */
  String rawPath();

  /** {@return the request URI as received (path and query)} */
  URI uri();

  /**
   * {@return a decoded path parameter of the route pattern; throws if the pattern has no such name}
   *
   * @param name the parameter's name in the pattern (e.g. {@code ns} for {@code {ns}})
   */
  String param(String name);

  /**
   * {@return the first value of a query parameter, or null. Both {@code k} and {@code k[]} spellings are found}
   *
   * @param name the query parameter's name (without {@code []})
   */
  @Nullable String query(String name);

  /**
   * {@return every value of a query parameter ({@code k} values, then {@code k[]} values; empty when absent)}
   *
   * @param name the query parameter's name (without {@code []})
   */
  List<String> queryAll(String name);

  /**
   * {@return the first value of a header (case-insensitive), or null}
   *
   * @param name the header name (case-insensitive)
   */
  @Nullable String header(String name);

  /** {@return all headers; an {@code Authorization} value is never exposed here (it reads {@code <redacted>})} */
  Map<String, List<String>> headers();

  /** {@return the request body as a stream (may be read once)} */
  InputStream body();

  /**
   * {@return the whole body, refused with 413 above {@code maxBytes}}
   *
   * @param maxBytes the largest body accepted, in bytes
   */
  byte[] bodyBytes(long maxBytes);

  /** {@return the body parsed as JSON (maps, lists, Long, Double, String, Boolean, null); 400 when malformed} */
  Object json();

  /** {@return the body as a JSON object; 400 when it is not one} */
  Map<String, Object> jsonObject();

  /**
   * {@return the caller when a valid token was sent. (An invalid token never reaches a handler: it gets 401.)}
   */
  @Nullable Caller caller();

  /** {@return the caller, or a 401 {@link HubError}} */
  Caller requireCaller();

  /** {@return the caller holding a write token, or 401 (no token) / 403 (read token)} */
  Caller requireWriter();

  /** {@return the emulator's shared state} */
  EmulatorContext context();

  /** {@return {@code X-Request-Id} the emulator gives this request} */
  String requestId();
}
