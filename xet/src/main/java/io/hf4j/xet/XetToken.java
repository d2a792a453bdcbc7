package io.hf4j.xet;

import java.time.Instant;
import java.util.Objects;

/**
 * A Xet access token and the CAS it opens, as the Hub's {@code xet-read-token} / {@code xet-write-token}
 * routes (or the {@code X-Xet-*} headers) give it. The token never appears in {@link #toString()}.
 *
 * @param casUrl      base URL of the CAS service
 * @param accessToken the bearer token for the CAS
 * @param expiresAt   when the token expires
 */
public record XetToken(String casUrl, String accessToken, Instant expiresAt) {
  /**
   * Validates the fields.
   *
   * @param casUrl base URL of the CAS service
   * @param accessToken the bearer token for the CAS
   * @param expiresAt when the token expires
   */
  public XetToken {
    Objects.requireNonNull(casUrl, "casUrl");
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(expiresAt, "expiresAt");
    while (casUrl.endsWith("/")) {
      casUrl = casUrl.substring(0, casUrl.length() - 1);
    }
  }

  @Override
  public String toString() {
    return "XetToken{casUrl=" + casUrl + ", accessToken=<redacted>, expiresAt=" + expiresAt + "}";
  }
}
