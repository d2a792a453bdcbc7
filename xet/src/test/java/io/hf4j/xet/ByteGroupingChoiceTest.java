package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast byte-grouping choice decides exactly as the reference's histogram (kept here, written plainly). */
class ByteGroupingChoiceTest {

  /** The reference implementation's algorithm, one byte at a time. */
  private static boolean reference(byte[] data, int off, int len) {
    long[][] hist = new long[4][9];
    for (int i = 0; i < len; i++) {
      hist[i & 3][Integer.bitCount(data[off + i] & 0xFF)]++;
    }
    long[] base = new long[9];
    long[] totals = new long[4];
    java.util.Arrays.fill(base, 1);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 9; j++) {
        base[j] += hist[i][j];
        totals[i] += hist[i][j];
      }
    }
    long baseTotal = totals[0] + totals[1] + totals[2] + totals[3];
    double max = 0;
    for (int i = 0; i < 4; i++) {
      double kl = 0;
      for (int j = 0; j < 9; j++) {
        double p = (double) hist[i][j] / totals[i];
        double q = (double) base[j] / baseTotal;
        kl += p * Math.log(p / q);
      }
      if (!Double.isNaN(kl)) {
        max = Math.max(max, kl);
      }
    }
    return max > 0.02;
  }

  @Test
  void decidesAsTheReferenceOnMixedData() {
    SplittableRandom rnd = new SplittableRandom(3);
    int yes = 0;
    int no = 0;
    for (int trial = 0; trial < 300; trial++) {
      int len = 1 + rnd.nextInt(20_000);
      byte[] data = new byte[len + 8];
      switch (trial % 4) {
        case 0 -> rnd.nextBytes(data);
        case 1 -> {
          ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
          while (b.remaining() >= 4) {
            b.putFloat((float) rnd.nextGaussian());
          }
        }
        case 2 -> {
          for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + rnd.nextInt(26));
          }
        }
        default -> {
          for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 4 == rnd.nextInt(4) ? rnd.nextInt(256) : i & 0x0F);
          }
        }
      }
      int off = rnd.nextInt(8);
      boolean expected = reference(data, off, len);
      assertEquals(expected, ChunkCodec.bg4Recommended(data, off, len), "trial " + trial + ", length " + len);
      if (expected) {
        yes++;
      } else {
        no++;
      }
    }
    assertTrue(yes > 20 && no > 20, "both answers exercised: " + yes + " yes, " + no + " no");
  }
}
