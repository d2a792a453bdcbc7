package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The commit body's base64 is byte for byte the JDK encoder's. */
class Base64ChunksTest {
  @Test
  void everyLengthAndEveryByteValueAsTheJdkEncodes() {
    Random r = new Random(3);
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    for (int len = 0; len <= 600; len++) {
      byte[] src = new byte[len + 7];
      r.nextBytes(src);
      if (len >= 256) {
        System.arraycopy(all, 0, src, 5, 256);
      }
      byte[] dst = new byte[Base64Chunks.encodedLength(len)];
      int n = Base64Chunks.encode(src, 5, len, dst);
      assertEquals(dst.length, n);
      assertArrayEquals(Base64.getEncoder().encode(Arrays.copyOfRange(src, 5, 5 + len)), dst, "length " + len);
    }
  }

  @Test
  void piecesOfMultiplesOfThreeJoinIntoTheWholeEncoding() {
    byte[] src = new byte[100_001];
    new Random(4).nextBytes(src);
    StringBuilder joined = new StringBuilder();
    byte[] dst = new byte[Base64Chunks.encodedLength(3 * 1000)];
    for (int at = 0; at < src.length; at += 3 * 1000) {
      int len = Math.min(3 * 1000, src.length - at);
      int n = Base64Chunks.encode(src, at, len, dst);
      joined.append(new String(dst, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
    }
    assertEquals(Base64.getEncoder().encodeToString(src), joined.toString());
  }
}
