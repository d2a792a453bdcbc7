package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Options of a listing.
 *
 * <pre>{@code
 * try (Stream<R2Object> images = r2.listObjects(ListObjectsParams.builder().prefix("users/42/").build())) {
 *   images.map(R2Object::key).forEach(System.out::println);
 * }
 * }</pre>
 */
public final class ListObjectsParams {
  private final String prefix;
  private final @Nullable String startAfter;
  private final int pageSize;
  private static final ListObjectsParams DEFAULTS = builder().build();

  private ListObjectsParams(Builder b) {
    this.prefix = b.prefix;
    this.startAfter = b.startAfter;
    this.pageSize = b.pageSize;
  }

  /** {@return the parameters of a listing of every object (under the configured folder), 1000 keys per request} */
  public static ListObjectsParams defaults() {
    return DEFAULTS;
  }

  /**
   * Starts a set of listing parameters.
   *
   * @return a builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the prefix keys must start with (relative to the configured folder); empty for all} */
  public String prefix() {
    return prefix;
  }

  /** {@return the key the listing starts after; null to start at the first key} */
  public @Nullable String startAfter() {
    return startAfter;
  }

  /** {@return keys fetched per request (S3 {@code max-keys}), 1 to 1000} */
  public int pageSize() {
    return pageSize;
  }

  /** Builds {@link ListObjectsParams}. */
  public static final class Builder {
    private String prefix = "";
    private @Nullable String startAfter;
    private int pageSize = 1000;

    Builder() {}

    /**
     * Only keys starting with this (relative to the configured folder); default: every key.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix == null");
      return this;
    }

    /**
     * Only keys sorting after this one (relative to the configured folder); default: from the first key.
     *
     * @param startAfter the key to start after
     * @return this builder
     */
    public Builder startAfter(String startAfter) {
      this.startAfter = Objects.requireNonNull(startAfter, "startAfter == null");
      return this;
    }

    /**
     * Keys fetched per request (S3 {@code max-keys}), 1 to 1000 (default 1000).
     *
     * @param pageSize the page size
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > 1000) {
        throw new HfValidationException("pageSize must be within [1, 1000] but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Builds the parameters.
     *
     * @return the parameters
     */
    public ListObjectsParams build() {
      return new ListObjectsParams(this);
    }
  }
}
