package io.hf4j.r2;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL that lets anyone holding it make one kind of request on one object until it expires, without
 * credentials. Presigned URLs work only on the S3 endpoint ({@code <account>.r2.cloudflarestorage.com}),
 * not on custom domains.
 *
 * @param method the HTTP method the URL is signed for
 * @param url the URL; its query string is a bearer credential until {@code expiresAt}: do not log it
 * @param headers headers that were signed and must be sent unchanged with the request (for a PUT:
 *     {@code Content-Type} and any {@code x-amz-meta-*}); {@code Host} is not listed
 * @param expiresAt when the server starts refusing the URL
 */
public record PresignedUrl(String method, URI url, Map<String, String> headers, Instant expiresAt) {
  /**
   * Creates the record, checking its components.
   *
   * @param method the HTTP method the URL is signed for
   * @param url the URL; its query string is a bearer credential until {@code expiresAt}: do not log it
   * @param headers headers that were signed and must be sent unchanged with the request (for a PUT: {@code Content-Type} and any {@code x-amz-meta-*}); {@code Host} is not listed
   * @param expiresAt when the server starts refusing the URL
   */
  public PresignedUrl {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(url, "url == null");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(expiresAt, "expiresAt == null");
  }

  /** The method, the path and the expiry; never the signature. */
  @Override
  public String toString() {
    return "PresignedUrl{" + method + " " + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
        + ", expiresAt=" + expiresAt + "}";
  }
}
