package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A range of bytes of an object, as an HTTP {@code Range} header names it.
 *
 * <pre>{@code
 * ByteRange.of(0, 1023);   // the first KiB: bytes 0 to 1023 inclusive
 * ByteRange.from(1024);    // everything from byte 1024 on
 * ByteRange.last(100);     // the last 100 bytes
 * }</pre>
 */
public final class ByteRange {
  private final @Nullable Long first;
  private final @Nullable Long last;

  private ByteRange(@Nullable Long first, @Nullable Long last) {
    this.first = first;
    this.last = last;
  }

  /**
   * Bytes {@code first} to {@code last}, both inclusive.
   *
   * @param first the first byte, from 0
   * @param last the last byte, inclusive
   * @return the range
   */
  public static ByteRange of(long first, long last) {
    if (first < 0 || last < first) {
      throw new HfValidationException("A byte range needs 0 <= first <= last but was " + first + "-" + last);
    }
    return new ByteRange(first, last);
  }

  /**
   * Every byte from {@code first} to the end.
   *
   * @param first the first byte, from 0
   * @return the range
   */
  public static ByteRange from(long first) {
    if (first < 0) throw new HfValidationException("A byte range cannot start before 0 but started at " + first);
    return new ByteRange(first, null);
  }

  /**
   * The last {@code count} bytes.
   *
   * @param count how many bytes at the end
   * @return the range
   */
  public static ByteRange last(long count) {
    if (count <= 0) throw new HfValidationException("A suffix range needs a positive length but was " + count);
    return new ByteRange(null, count);
  }

  /** {@return the header value, for example {@code bytes=0-1023}} */
  public String headerValue() {
    if (first == null) return "bytes=-" + last;
    return "bytes=" + first + "-" + (last == null ? "" : last.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteRange r && headerValue().equals(r.headerValue());
  }

  @Override
  public int hashCode() {
    return headerValue().hashCode();
  }

  @Override
  public String toString() {
    return headerValue();
  }
}
