package io.hf4j.xet;

import io.hf4j.core.HfValidationException;
import java.util.Arrays;

/**
 * A 32-byte Xet hash (chunk, xorb, file, verification or shard hash).
 *
 * <p>As a string it uses the Xet specification's ordering: each 8-byte group read as a little-endian
 * 64-bit integer and printed as 16 hex digits, never plain byte-wise hex.
 */
public final class XetHash implements Comparable<XetHash> {
  /** The all-zero hash (the file hash of an empty file). */
  public static final XetHash ZERO = new XetHash(new byte[32]);

  private final byte[] bytes;

  private XetHash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps a copy of 32 raw bytes.
   *
   * @param raw the 32 bytes
   * @return the hash
   */
  public static XetHash fromBytes(byte[] raw) {
    if (raw == null || raw.length != 32) {
      throw new HfValidationException("a Xet hash has 32 bytes, got " + (raw == null ? "null" : raw.length));
    }
    return new XetHash(raw.clone());
  }

  static XetHash fromBytes(byte[] raw, int off) {
    return new XetHash(Arrays.copyOfRange(raw, off, off + 32));
  }

  static XetHash wrap(byte[] raw) {
    return new XetHash(raw);
  }

  /**
   * Parses the 64-character string form (see the class comment).
   *
   * @throws HfValidationException when the text is not 64 hex digits
   * @param hex 64 hexadecimal characters
   * @return the hash
   */
  public static XetHash parse(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new HfValidationException("a Xet hash is 64 hex digits, got " + describe(hex));
    }
    byte[] out = new byte[32];
    for (int g = 0; g < 4; g++) {
      for (int k = 0; k < 8; k++) {
        int pos = g * 16 + (7 - k) * 2;
        int hi = Character.digit(hex.charAt(pos), 16);
        int lo = Character.digit(hex.charAt(pos + 1), 16);
        if (hi < 0 || lo < 0) {
          throw new HfValidationException("a Xet hash is 64 hex digits, got " + describe(hex));
        }
        out[g * 8 + k] = (byte) ((hi << 4) | lo);
      }
    }
    return new XetHash(out);
  }

  /**
   * True when {@code hex} is a well-formed hash string.
   *
   * @param hex the text to check
   * @return whether it is a hash's 64-character form
   */
  public static boolean isValid(String hex) {
    if (hex == null || hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String describe(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 80 ? "'" + s.substring(0, 80) + "...' (" + s.length() + " chars)" : "'" + s + "'";
  }

  /** {@return a copy of the 32 raw bytes} */
  public byte[] toBytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  /** The i-th 64-bit word (little-endian), 0..3. */
  long word(int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (bytes[i * 8 + k] & 0xFFL);
    }
    return v;
  }

  /** {@return the 64-character string form used in API paths and JSON} */
  public String toHex() {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      String w = Long.toHexString(word(i));
      for (int p = w.length(); p < 16; p++) {
        sb.append('0');
      }
      sb.append(w);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XetHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Orders as the reference implementation does: by the four 64-bit words, unsigned. */
  @Override
  public int compareTo(XetHash o) {
    for (int i = 0; i < 4; i++) {
      int c = Long.compareUnsigned(word(i), o.word(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
