package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The commit lines' base64: the fast path gives the JDK decoder's bytes, and leaves every other input to it. */
class Base64LinesTest {
  @Test
  void paddedStandardBase64OfEveryLengthDecodesAsTheJdkDoes() {
    Random r = new Random(9);
    for (int len = 0; len <= 700; len++) {
      byte[] src = new byte[len];
      r.nextBytes(src);
      if (len >= 256) {
        for (int i = 0; i < 256; i++) {
          src[i] = (byte) i;
        }
      }
      String text = Base64.getEncoder().encodeToString(src);
      assertArrayEquals(src, UploadRoutes.decodePadded(text), "length " + len);
      assertArrayEquals(src, UploadRoutes.decodeBase64(text), "length " + len);
    }
  }

  @Test
  void anythingElseIsLeftToTheJdkDecoders() {
    String[] others = {"QQ", "QUI", "QQ==QQ==", "=QQQ", "A===", "====", "QQ=A", "QU\nJD", "QUJD\n", "QU-D", "QU_D",
        "QU\u00e9D", "QU\u0100D", " QUJD", "QUJ D"};
    for (String s : others) {
      assertNull(UploadRoutes.decodePadded(s), s);
    }
    // Their bytes are the plain or MIME decoder's, as before.
    for (String s : new String[] {"QQ", "QUI", "QU\nJD", "QUJD\n", "QUJ D", "QU\u00e9D"}) {
      byte[] expected = jdkDecode(s);
      assertArrayEquals(expected, UploadRoutes.decodeBase64(s), s);
    }
  }

  @Test
  void unusedLowBitsAreIgnoredAsTheJdkIgnoresThem() {
    for (String s : new String[] {"QR==", "QUJ=", "QUK="}) {
      byte[] expected = jdkDecode(s);
      assertArrayEquals(expected, UploadRoutes.decodeBase64(s), s);
      assertArrayEquals(expected, UploadRoutes.decodePadded(s), s);
    }
  }

  /** What the emulator decoded before: the plain decoder, else the MIME one. */
  private static byte[] jdkDecode(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return Base64.getMimeDecoder().decode(s);
    }
  }
}
