package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An object's size and headers, as HEAD or GET return them.
 *
 * @param key the key, relative to the configured folder if any
 * @param contentLength the number of bytes in this response's body: the object's size for a HEAD or a
 *     full GET, the range's length for a ranged GET
 * @param eTag the entity tag without quotes
 * @param contentType the {@code Content-Type} stored with the object
 * @param lastModified when the object was last written
 * @param metadata the user metadata ({@code x-amz-meta-*}), names in lower case without the prefix
 * @param cacheControl the stored {@code Cache-Control}
 * @param contentDisposition the stored {@code Content-Disposition}
 * @param contentEncoding the stored {@code Content-Encoding}; hf4j never decodes the body
 * @param contentLanguage the stored {@code Content-Language}
 */
public record ObjectMetadata(
    String key,
    long contentLength,
    @Nullable String eTag,
    @Nullable String contentType,
    @Nullable Instant lastModified,
    Map<String, String> metadata,
    @Nullable String cacheControl,
    @Nullable String contentDisposition,
    @Nullable String contentEncoding,
    @Nullable String contentLanguage) {
  /**
   * Creates the record, checking its components.
   *
   * @param key the key, relative to the configured folder if any
   * @param contentLength the number of bytes in this response's body: the object's size for a HEAD or a full GET, the range's length for a ranged GET
   * @param eTag the entity tag without quotes
   * @param contentType the {@code Content-Type} stored with the object
   * @param lastModified when the object was last written
   * @param metadata the user metadata ({@code x-amz-meta-*}), names in lower case without the prefix
   * @param cacheControl the stored {@code Cache-Control}
   * @param contentDisposition the stored {@code Content-Disposition}
   * @param contentEncoding the stored {@code Content-Encoding}; hf4j never decodes the body
   * @param contentLanguage the stored {@code Content-Language}
   */
  public ObjectMetadata {
    Objects.requireNonNull(key, "key == null");
    metadata = Map.copyOf(metadata);
  }
}
