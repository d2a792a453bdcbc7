package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The chunk stream's first block sized by a hint: the same chunks whatever the hint says. */
class ChunkStreamTest {
  private static final Executor DIRECT = Runnable::run;

  private record Pass(List<Integer> lengths, List<XetHash> hashes, long size, String sha256) {}

  private static Pass pass(byte[] data, long hint) throws IOException {
    List<Integer> lengths = new ArrayList<>();
    List<XetHash> hashes = new ArrayList<>();
    ChunkStream.Result r = ChunkStream.run(new ByteArrayInputStream(data), true, 2 * GearChunker.MAX, hint, DIRECT,
        (buf, starts, lens, hs, count) -> {
          for (int i = 0; i < count; i++) {
            lengths.add(lens[i]);
            hashes.add(hs[i]);
            assertEquals(XetHashing.chunkHash(buf, starts[i], lens[i]), hs[i], "chunk " + lengths.size());
          }
        });
    return new Pass(lengths, hashes, r.size(), r.sha256Hex());
  }

  @Test
  void anyHintGivesTheSameChunks() throws IOException {
    Random rnd = new Random(9);
    for (int len : new int[] {0, 1, 4096, 8191, 70_000, 300_000, 1_000_000}) {
      byte[] data = new byte[len];
      rnd.nextBytes(data);
      Pass expected = pass(data, -1);
      assertEquals(len, expected.size());
      long total = 0;
      for (int l : expected.lengths()) {
        total += l;
      }
      assertEquals(len, total);
      for (long hint : new long[] {len, len / 3, len + 5000, 0, 2L * len}) {
        assertEquals(expected, pass(data, hint), "length " + len + ", hint " + hint);
      }
      assertTrue(len == 0 || !expected.lengths().isEmpty());
    }
  }
}
