package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Options of an upload (and of a copy that replaces the metadata): the system headers stored with the
 * object and its user metadata.
 *
 * <pre>{@code
 * PutObjectParams params = PutObjectParams.builder()
 *     .contentType("image/png")
 *     .cacheControl("public, max-age=31536000, immutable")
 *     .putMetadata("user-id", "42")
 *     .build();
 * }</pre>
 *
 * <p>Without a content type, hf4j guesses one from the key's extension and falls back to {@code
 * application/octet-stream}.
 */
public final class PutObjectParams {
  /** R2 stores at most 8 KiB of user metadata per object. */
  static final int MAX_METADATA_BYTES = 8192;
  private static final PutObjectParams DEFAULTS = builder().build();

  private final @Nullable String contentType;
  private final @Nullable String cacheControl;
  private final @Nullable String contentDisposition;
  private final @Nullable String contentEncoding;
  private final @Nullable String contentLanguage;
  private final Map<String, String> metadata;

  private PutObjectParams(Builder b) {
    this.contentType = b.contentType;
    this.cacheControl = b.cacheControl;
    this.contentDisposition = b.contentDisposition;
    this.contentEncoding = b.contentEncoding;
    this.contentLanguage = b.contentLanguage;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /** {@return parameters with no content type and no metadata} */
  public static PutObjectParams defaults() {
    return DEFAULTS;
  }

  /** {@return a builder with no content type and no metadata} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these parameters} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.contentType = contentType;
    b.cacheControl = cacheControl;
    b.contentDisposition = contentDisposition;
    b.contentEncoding = contentEncoding;
    b.contentLanguage = contentLanguage;
    b.metadata.putAll(metadata);
    return b;
  }

  /** {@return the {@code Content-Type} to store, or null to guess it from the key's extension} */
  public @Nullable String contentType() {
    return contentType;
  }

  /** {@return the {@code Cache-Control} to store, or null for none} */
  public @Nullable String cacheControl() {
    return cacheControl;
  }

  /** {@return the {@code Content-Disposition} to store, or null for none} */
  public @Nullable String contentDisposition() {
    return contentDisposition;
  }

  /** {@return the {@code Content-Encoding} to store, or null for none} */
  public @Nullable String contentEncoding() {
    return contentEncoding;
  }

  /** {@return the {@code Content-Language} to store, or null for none} */
  public @Nullable String contentLanguage() {
    return contentLanguage;
  }

  /** {@return the user metadata, names in lower case without the {@code x-amz-meta-} prefix} */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "PutObjectParams{contentType=" + contentType + ", metadata=" + metadata.keySet() + "}";
  }

  /** Builds {@link PutObjectParams}; setters validate at once and throw {@link HfValidationException}. */
  public static final class Builder {
    private @Nullable String contentType;
    private @Nullable String cacheControl;
    private @Nullable String contentDisposition;
    private @Nullable String contentEncoding;
    private @Nullable String contentLanguage;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    Builder() {}

    /**
     * The {@code Content-Type} stored with the object and sent back on GET, for example {@code image/png}.
     *
     * @param contentType the media type
     * @return this builder
     */
    public Builder contentType(String contentType) {
      this.contentType = headerValue(contentType, "contentType");
      return this;
    }

    /**
     * The {@code Cache-Control} stored with the object and sent back on GET, for example {@code max-age=3600}.
     *
     * @param cacheControl the header value
     * @return this builder
     */
    public Builder cacheControl(String cacheControl) {
      this.cacheControl = headerValue(cacheControl, "cacheControl");
      return this;
    }

    /**
     * The {@code Content-Disposition} stored with the object, for example {@code attachment; filename="a.png"}.
     *
     * @param contentDisposition the header value
     * @return this builder
     */
    public Builder contentDisposition(String contentDisposition) {
      this.contentDisposition = headerValue(contentDisposition, "contentDisposition");
      return this;
    }

    /**
     * Stored as is; the bytes are uploaded and downloaded unchanged, never compressed by hf4j.
     *
     * @param contentEncoding the encoding, for example {@code gzip}
     * @return this builder
     */
    public Builder contentEncoding(String contentEncoding) {
      this.contentEncoding = headerValue(contentEncoding, "contentEncoding");
      return this;
    }

    /**
     * The {@code Content-Language} stored with the object, for example {@code en}.
     *
     * @param contentLanguage the header value
     * @return this builder
     */
    public Builder contentLanguage(String contentLanguage) {
      this.contentLanguage = headerValue(contentLanguage, "contentLanguage");
      return this;
    }

    /**
     * Adds one user metadata entry, sent as {@code x-amz-meta-<name>}. Names are stored in lower case;
     * values must be printable US-ASCII (encode anything else, for example as RFC 2047 or Base64).
     *
     * @param name the metadata name
     * @param value the metadata value
     * @return this builder
     */
    public Builder putMetadata(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      String n = name.toLowerCase(Locale.ROOT);
      if (n.isEmpty() || !n.chars().allMatch(Builder::isTokenChar)) {
        throw new HfValidationException("metadata name must be a non-empty HTTP token (letters, digits, - _ . and"
            + " the like) but was '" + name + "'");
      }
      headerValue(value, "metadata value of '" + name + "'");
      metadata.put(n, value);
      int size = 0;
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        size += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
      }
      if (size > MAX_METADATA_BYTES) {
        metadata.remove(n);
        throw new HfValidationException("user metadata may hold at most " + MAX_METADATA_BYTES + " bytes but would hold " + size);
      }
      return this;
    }

    /**
     * Adds every entry of {@code metadata} (see {@link #putMetadata}).
     *
     * @param metadata the entries to add
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      Objects.requireNonNull(metadata, "metadata == null");
      metadata.forEach(this::putMetadata);
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the parameters
     */
    public PutObjectParams build() {
      return new PutObjectParams(this);
    }

    private static boolean isTokenChar(int c) {
      return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    private static String headerValue(String value, String what) {
      Objects.requireNonNull(value, what + " == null");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c >= 0x7f) {
          throw new HfValidationException(what + " must be printable US-ASCII to travel in an HTTP header but was '"
              + value + "'");
        }
      }
      return value;
    }
  }
}
