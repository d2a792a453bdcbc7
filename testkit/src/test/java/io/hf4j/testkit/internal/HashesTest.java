package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The emulator's one-shot hashes (per-thread digests) and its oid check. */
class HashesTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void knownVectorsWhateverWasHashedBeforeOnTheThread() {
    for (int i = 0; i < 3; i++) {
      assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.sha256(ascii("abc")));
      assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Hashes.sha1(ascii("abc")));
      // git hash-object of "hello\n"
      assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", Hashes.gitBlobSha1(ascii("hello\n")));
      assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", Hashes.gitBlobSha1(new byte[0]));
    }
  }

  @Test
  void aDigestThatWasLeftHalfFedDoesNotSpoilTheNext() throws Exception {
    MessageDigest fresh = Hashes.digest("SHA-256");
    fresh.update(ascii("left over"));
    // A new instance each time: what one caller feeds never reaches another.
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Hashes.hex(Hashes.digest("SHA-256").digest(ascii("abc"))));
    Thread other = new Thread(() -> Hashes.sha256(ascii("x")));
    other.start();
    other.join();
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.sha256(ascii("abc")));
  }

  @Test
  void sha256HexIsExactlySixtyFourLowercaseHexDigits() {
    String ok = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertTrue(Hashes.isSha256Hex(ok));
    assertFalse(Hashes.isSha256Hex(null));
    assertFalse(Hashes.isSha256Hex(ok.toUpperCase(java.util.Locale.ROOT)));
    assertFalse(Hashes.isSha256Hex(ok.substring(1)));
    assertFalse(Hashes.isSha256Hex(ok + "0"));
    assertFalse(Hashes.isSha256Hex(ok.substring(1) + "g"));
    assertFalse(Hashes.isSha256Hex(ok.substring(1) + "/"));
    assertFalse(Hashes.isSha256Hex(ok.substring(1) + ":"));
    assertFalse(Hashes.isSha256Hex(ok.substring(1) + "`"));
    assertFalse(Hashes.isSha256Hex(""));
  }
}
