package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.params.Blake3Parameters;
import org.junit.jupiter.api.Test;

/** hf4j's BLAKE3 against Bouncy Castle's (an independent implementation) over the tree's edge cases. */
class Blake3Test {
  private static final int[] LENGTHS = {
    0, 1, 31, 32, 63, 64, 65, 127, 128, 1023, 1024, 1025, 2047, 2048, 2049, 3071, 3072, 3073, 4095, 4096, 4097,
    5120, 6144, 7169, 8191, 8192, 8193, 16384, 31744, 32769, 65535, 65536, 65537, 100000, 131071, 131072
  };

  private static byte[] reference(byte[] key, byte[] data, int off, int len) {
    Blake3Digest d = new Blake3Digest(256);
    d.init(Blake3Parameters.key(key));
    d.update(data, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static byte[] ours(byte[] key, byte[] data, int off, int len) {
    byte[] out = new byte[40];
    Blake3.hash(Blake3.keyWords(key), data, off, len, out, 5);
    byte[] r = new byte[32];
    System.arraycopy(out, 5, r, 0, 32);
    return r;
  }

  @Test
  void matchesTheReferenceAtEveryTreeShape() {
    SplittableRandom rnd = new SplittableRandom(7);
    byte[] data = new byte[131072 + 17];
    rnd.nextBytes(data);
    for (int k = 0; k < 3; k++) {
      byte[] key = new byte[32];
      if (k > 0) {
        rnd.nextBytes(key);
      }
      for (int len : LENGTHS) {
        int off = len % 17;
        assertArrayEquals(reference(key, data, off, len), ours(key, data, off, len), "key " + k + ", length " + len);
      }
    }
  }

  @Test
  void matchesTheReferenceAtRandomLengths() {
    SplittableRandom rnd = new SplittableRandom(11);
    byte[] data = new byte[300_000];
    rnd.nextBytes(data);
    byte[] key = new byte[32];
    rnd.nextBytes(key);
    for (int i = 0; i < 200; i++) {
      int len = rnd.nextInt(data.length);
      int off = rnd.nextInt(data.length - len + 1);
      assertArrayEquals(reference(key, data, off, len), ours(key, data, off, len), "length " + len);
    }
  }

  @Test
  void officialKeyedVectorForTheEmptyInput() {
    // BLAKE3's test_vectors.json: keyed_hash, key "whats the Elvish word for friend", input length 0
    byte[] key = "whats the Elvish word for friend".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals("92b2b75604ed3c761f9d6f62392c8a9227ad0ea3f09573e783f1498a4ed60d26",
        HexFormat.of().formatHex(ours(key, new byte[0], 0, 0)));
  }

  @Test
  void rejectsAKeyOfTheWrongLength() {
    assertThrows(IllegalArgumentException.class, () -> Blake3.keyWords(new byte[31]));
  }
}
