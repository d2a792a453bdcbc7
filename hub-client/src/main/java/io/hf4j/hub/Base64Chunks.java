package io.hf4j.hub;

/**
 * Standard base64 (RFC 4648 alphabet, {@code =} padding, no line breaks: what {@link java.util.Base64#getEncoder()}
 * writes) into a caller's array. The JDK's encoder runs its vector intrinsic only once its caller is compiled by C2,
 * which takes some 15 000 calls, one per file of a commit; until then it runs at ~200 MB/s. This plain loop is
 * compiled within the first few hundred files and stays at several hundred MB/s, which matters for the first
 * uploads of a JVM, where a commit of 1000 small files spent ~20 ms of the calling thread in base64 alone.
 */
final class Base64Chunks {
  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Base64Chunks() {}

  /** The encoded length of {@code n} bytes. */
  static int encodedLength(int n) {
    return 4 * ((n + 2) / 3);
  }

  /**
   * Encodes {@code src[off, off + len)} into {@code dst} from index 0, padded; returns the number of bytes written
   * ({@link #encodedLength(int)}). Bytes of a longer input may be fed in pieces whose lengths are multiples of 3.
   */
  static int encode(byte[] src, int off, int len, byte[] dst) {
    byte[] a = ALPHABET;
    int end = off + len - len % 3;
    int d = 0;
    for (int i = off; i < end; i += 3) {
      int b = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | (src[i + 2] & 0xff);
      dst[d] = a[b >>> 18];
      dst[d + 1] = a[(b >>> 12) & 0x3f];
      dst[d + 2] = a[(b >>> 6) & 0x3f];
      dst[d + 3] = a[b & 0x3f];
      d += 4;
    }
    int rest = len % 3;
    if (rest == 1) {
      int b = src[end] & 0xff;
      dst[d] = a[b >>> 2];
      dst[d + 1] = a[(b & 0x03) << 4];
      dst[d + 2] = '=';
      dst[d + 3] = '=';
      d += 4;
    } else if (rest == 2) {
      int b = (src[end] & 0xff) << 8 | (src[end + 1] & 0xff);
      dst[d] = a[b >>> 10];
      dst[d + 1] = a[(b >>> 4) & 0x3f];
      dst[d + 2] = a[(b & 0x0f) << 2];
      dst[d + 3] = '=';
      d += 4;
    }
    return d;
  }
}
