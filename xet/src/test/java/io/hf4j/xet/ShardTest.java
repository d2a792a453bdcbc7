package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

  private static XetHash h(int seed) {
    return Xet.chunkHash(new byte[] {(byte) seed, (byte) (seed >> 8)});
  }

  static Shard sample() {
    XetHash x1 = h(1);
    XetHash x2 = h(2);
    Shard.XorbEntry xe1 = new Shard.XorbEntry(x1, 0, List.of(
        new Shard.ChunkEntry(h(10), 0, 1000, 0),
        new Shard.ChunkEntry(h(11), 1000, 2000, Shard.CHUNK_FLAG_GLOBAL_DEDUP),
        new Shard.ChunkEntry(h(12), 3000, 500, 0)), 3500, 3600);
    Shard.XorbEntry xe2 = new Shard.XorbEntry(x2, 0, List.of(new Shard.ChunkEntry(h(20), 0, 42, 0)), 42, 50);
    Shard.FileEntry f1 = new Shard.FileEntry(h(100), List.of(
        new Shard.Segment(x1, 0, 3000, 0, 2), new Shard.Segment(x2, 0, 42, 0, 1)),
        List.of(Xet.verificationHash(List.of(h(10), h(11))), Xet.verificationHash(List.of(h(20)))),
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    Shard.FileEntry f2 = new Shard.FileEntry(h(101), List.of(new Shard.Segment(x1, 0, 500, 2, 3)), List.of(), null);
    return new Shard(List.of(f1, f2), List.of(xe1, xe2));
  }

  @Test
  void uploadFormRoundTrips() {
    Shard s = sample();
    byte[] bytes = s.serialize();
    Shard p = Shard.parse(bytes);
    assertEquals(2, p.files().size());
    Shard.FileEntry f1 = p.files().stream().filter(f -> f.fileHash().equals(h(100))).findFirst().orElseThrow();
    assertEquals(s.files().get(0), f1);
    assertEquals(3042, f1.size());
    assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", f1.sha256Hex());
    Shard.FileEntry f2 = p.files().stream().filter(f -> f.fileHash().equals(h(101))).findFirst().orElseThrow();
    assertEquals(s.files().get(1), f2);
    assertEquals(2, p.xorbs().size());
    assertTrue(p.xorbs().containsAll(s.xorbs()));
    assertNull(p.hmacKey());
    // header + 2 file blocks (1+2+2+1, 1+1) + bookend + 2 xorb blocks (1+3, 1+1) + bookend, 48 bytes each
    assertEquals(48 * (1 + 6 + 2 + 1 + 4 + 2 + 1), bytes.length);
    // footer size 0 in the header
    assertEquals(0, bytes[40]);
  }

  @Test
  void completeFormRoundTripsWithHmacKey() {
    Shard s = sample();
    XetHash key = h(999);
    Shard keyed = new Shard(s.files(), s.xorbs(), key);
    byte[] full = keyed.serializeWithFooter(1_700_000_000L);
    Shard p = Shard.parse(full);
    assertEquals(key, p.hmacKey());
    assertEquals(2, p.files().size());
    assertTrue(p.xorbs().containsAll(s.xorbs()));
    assertEquals(Xet.hmac(h(10), key), p.protect(h(10)));
    // 3 + 1 chunk lookup entries of 16 bytes, 2 + 2 lookups of 12, 200-byte footer
    assertEquals(s.serialize().length + 2 * 12 + 2 * 12 + 4 * 16 + 200, full.length);
  }

  @Test
  void malformedShardsAreRejected() {
    byte[] bytes = sample().serialize();
    XetIntegrityException e;
    e = assertThrows(XetIntegrityException.class, () -> Shard.parse(Arrays.copyOf(bytes, bytes.length - 48)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = assertThrows(XetIntegrityException.class, () -> Shard.parse(Arrays.copyOf(bytes, 20)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    byte[] tag = bytes.clone();
    tag[0] = 'X';
    e = assertThrows(XetIntegrityException.class, () -> Shard.parse(tag));
    assertTrue(e.getMessage().contains("tag"), e.getMessage());
    byte[] version = bytes.clone();
    version[32] = 9;
    assertThrows(XetIntegrityException.class, () -> Shard.parse(version));
    byte[] trailing = Arrays.copyOf(bytes, bytes.length + 5);
    e = assertThrows(XetIntegrityException.class, () -> Shard.parse(trailing));
    assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    // a file that claims more segments than the data holds
    byte[] count = bytes.clone();
    count[48 + 36] = 100;
    assertThrows(XetIntegrityException.class, () -> Shard.parse(count));
    // complete form with a damaged footer offset
    byte[] full = sample().serializeWithFooter(1L);
    byte[] badFooter = full.clone();
    badFooter[full.length - 8] ^= 1;
    e = assertThrows(XetIntegrityException.class, () -> Shard.parse(badFooter));
    assertTrue(e.getMessage().contains("footer"), e.getMessage());
    byte[] noFooter = Arrays.copyOf(full, full.length - 100);
    assertThrows(XetIntegrityException.class, () -> Shard.parse(noFooter));
  }

  @Test
  void invalidChunkRangeIsRejected() {
    XetHash x = h(1);
    Shard bad = new Shard(List.of(new Shard.FileEntry(h(5), List.of(new Shard.Segment(x, 0, 10, 3, 3)), List.of(),
        null)), List.of());
    XetIntegrityException e = assertThrows(XetIntegrityException.class, () -> Shard.parse(bad.serialize()));
    assertTrue(e.getMessage().contains("chunk range"), e.getMessage());
  }
}
