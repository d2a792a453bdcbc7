package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request the emulator received, for assertions. {@code Authorization} values are replaced by
 * {@code <redacted>}; {@code user} names the token's owner when the token was valid.
 *
 * @param seq order of arrival, from 1
 * @param host which listener received it
 * @param method the HTTP method
 * @param path the raw path
 * @param query the raw query string, or null
 * @param headers the request headers, each name with its values ({@code Authorization} redacted)
 * @param user the valid token's owner, or null for anonymous requests and invalid tokens
 * @param status the status sent, or -1 when the connection was closed without an answer
 * @param fault the fault injected into this request, or null
 * @param at when it was logged: as its answer started, or as the connection was closed without one
 * @param requestBytes request body bytes the emulator read
 * @param durationMillis from its arrival until it was logged
 */
public record RecordedRequest(
    long seq,
    Instant at,
    Host host,
    String method,
    String path,
    @Nullable String query,
    Map<String, List<String>> headers,
    @Nullable String user,
    int status,
    @Nullable FaultKind fault,
    long requestBytes,
    long durationMillis) {

  /**
   * {@return the first value of a header, case-insensitively, or null}
   *
   * @param name the header name (case-insensitive)
   */
  public @Nullable String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "#" + seq + " " + host + " " + method + " " + path + (query == null ? "" : "?" + query) + " -> " + status
        + (fault == null ? "" : " [" + fault + "]");
  }
}
