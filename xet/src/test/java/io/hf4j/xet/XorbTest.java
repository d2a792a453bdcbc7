package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XorbTest {

  private static List<byte[]> sampleChunks() {
    Random rnd = new Random(7);
    List<byte[]> chunks = new ArrayList<>();
    byte[] random = new byte[70_000];
    rnd.nextBytes(random);
    chunks.add(random); // incompressible: stored
    chunks.add("hello hello hello hello hello hello hello hello hello".repeat(500).getBytes(StandardCharsets.UTF_8));
    chunks.add(new byte[GearChunker.MAX]); // zeros: LZ4
    chunks.add(new byte[] {1});
    return chunks;
  }

  @Test
  void roundTripKeepsChunksHashesAndOffsets() {
    List<byte[]> chunks = sampleChunks();
    XorbBuilder.Built built = XorbBuilder.of(chunks);
    byte[] body = built.body();
    Xorb x = Xorb.parse(body, built.hash());
    assertEquals(built.hash(), x.hash());
    assertEquals(chunks.size(), x.chunks().size());
    List<Xet.ChunkInfo> infos = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(Xet.chunkHash(chunks.get(i)), x.chunks().get(i).hash());
      assertEquals(chunks.get(i).length, x.chunks().get(i).length());
      infos.add(new Xet.ChunkInfo(Xet.chunkHash(chunks.get(i)), chunks.get(i).length));
    }
    assertEquals(Xet.xorbHash(infos), x.hash());
    assertEquals(body.length, x.serializedLength());
    // compression was used where it helps and skipped where it does not
    assertEquals(ChunkCodec.NONE, body[(int) x.chunks().get(0).byteOffset() + 4]);
    assertEquals(ChunkCodec.LZ4, body[(int) x.chunks().get(2).byteOffset() + 4]);
    assertTrue(body.length < 70_000 + GearChunker.MAX);
    // a ranged read of chunks [1, 3) decodes to the original bytes
    long[] off = x.chunkOffsets();
    List<byte[]> range = Xorb.decodeChunks(body, (int) off[1], (int) (off[3] - off[1]), 2);
    assertArrayEquals(chunks.get(1), range.get(0));
    assertArrayEquals(chunks.get(2), range.get(1));
    assertArrayEquals(chunks.get(1), Xorb.decodeChunk(body, (int) off[1], (int) (off[2] - off[1])));
    assertThrows(XetIntegrityException.class, () -> Xorb.decodeChunk(body, (int) off[1], (int) (off[3] - off[1])));
  }

  @Test
  void byteGroupedChunksDecode() {
    byte[] data = new byte[10_003];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 4 == 0 ? i : 7);
    }
    byte[] rec = new byte[ChunkCodec.maxRecordLength(data.length) + 64];
    int n = ChunkCodec.encodeBg4(data, 0, data.length, rec, 0);
    Xorb x = Xorb.parse(Arrays.copyOf(rec, n));
    assertEquals(Xet.chunkHash(data), x.chunks().get(0).hash());
    assertArrayEquals(data, Xorb.decodeChunks(rec, 0, n, 1).get(0));
  }

  @Test
  void floatColumnsAreByteGrouped() {
    // little-endian float32 values of a smooth signal: exponent bytes repeat, mantissa bytes do not
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64_000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    Random rnd = new Random(3);
    while (b.hasRemaining()) {
      b.putFloat((float) (1.0 + rnd.nextGaussian() * 0.01));
    }
    byte[] floats = b.array();
    assertTrue(ChunkCodec.bg4Recommended(floats, 0, floats.length));
    byte[] noise = new byte[64_000];
    rnd.nextBytes(noise);
    assertTrue(!ChunkCodec.bg4Recommended(noise, 0, noise.length));
    XorbBuilder.Built built = XorbBuilder.of(List.of(floats));
    byte[] body = built.body();
    assertEquals(ChunkCodec.BG4_LZ4, body[4]);
    assertTrue(body.length < floats.length, "grouping compresses: " + body.length);
    assertArrayEquals(floats, Xorb.decodeChunk(body, 0, body.length));
    assertEquals(built.hash(), Xorb.parse(body).hash());
  }

  @Test
  void storageFooterIsTolerated() {
    XorbBuilder.Built built = XorbBuilder.of(sampleChunks());
    byte[] body = built.body();
    byte[] withFooter = Arrays.copyOf(body, body.length + 40);
    System.arraycopy("XETBLOB".getBytes(StandardCharsets.US_ASCII), 0, withFooter, body.length, 7);
    assertEquals(built.hash(), Xorb.parse(withFooter).hash());
  }

  @Test
  void malformedXorbsAreRejected() {
    XorbBuilder.Built built = XorbBuilder.of(sampleChunks());
    byte[] body = built.body();
    // wrong expected hash
    XetIntegrityException e = assertThrows(XetIntegrityException.class, () -> Xorb.parse(body, XetHash.ZERO));
    assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
    // truncated in a payload
    e = assertThrows(XetIntegrityException.class, () -> Xorb.parse(Arrays.copyOf(body, body.length - 3)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    // trailing garbage shorter than a header
    e = assertThrows(XetIntegrityException.class, () -> Xorb.parse(Arrays.copyOf(body, body.length + 4)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    // empty
    assertThrows(XetIntegrityException.class, () -> Xorb.parse(new byte[0]));
    // unknown scheme
    byte[] bad = body.clone();
    bad[4] = 9;
    e = assertThrows(XetIntegrityException.class, () -> Xorb.parse(bad));
    assertTrue(e.getMessage().contains("compression scheme"), e.getMessage());
    // bad version
    byte[] badVersion = body.clone();
    badVersion[0] = 3;
    assertThrows(XetIntegrityException.class, () -> Xorb.parse(badVersion));
    // corrupted LZ4 payload of the zeros chunk
    Xorb ok = Xorb.parse(body);
    int lz = (int) ok.chunks().get(2).byteOffset();
    byte[] corrupt = body.clone();
    corrupt[lz + ChunkCodec.HEADER + 12] ^= (byte) 0x5A;
    corrupt[lz + ChunkCodec.HEADER + 13] ^= (byte) 0x33;
    assertThrows(XetIntegrityException.class, () -> Xorb.parse(corrupt, built.hash()));
    // a flipped stored byte changes the hash
    byte[] flipped = body.clone();
    flipped[ChunkCodec.HEADER + 100] ^= 1;
    assertThrows(XetIntegrityException.class, () -> Xorb.parse(flipped, built.hash()));
    // wrong uncompressed length in a header
    byte[] wrongLen = body.clone();
    wrongLen[lz + 5] = (byte) (wrongLen[lz + 5] + 1);
    assertThrows(XetIntegrityException.class, () -> Xorb.parse(wrongLen));
    // a range that lacks a chunk
    long[] off = ok.chunkOffsets();
    assertThrows(XetIntegrityException.class,
        () -> Xorb.decodeChunks(body, 0, (int) off[2] - 1, 2));
  }

  @Test
  void builderRespectsLimits() {
    XorbBuilder b = new XorbBuilder(ChunkCodec.maxRecordLength(GearChunker.MAX) * 2, 3);
    byte[] c = new byte[GearChunker.MAX];
    XetHash h = Xet.chunkHash(c);
    b.add(c, 0, c.length, h);
    b.add(c, 0, c.length, h);
    assertTrue(!b.fits(c.length));
    assertThrows(IllegalStateException.class, () -> b.add(c, 0, c.length, h));
    assertEquals(2, Xorb.parse(b.build().body()).chunks().size());
  }

  @Test
  void hashStringUsesLittleEndianWords() {
    byte[] raw = new byte[32];
    for (int i = 0; i < 32; i++) {
      raw[i] = (byte) i;
    }
    XetHash h = XetHash.fromBytes(raw);
    assertEquals("07060504030201000f0e0d0c0b0a090817161514131211101f1e1d1c1b1a1918", h.toHex());
    assertEquals(h, XetHash.parse(h.toHex()));
    assertThrows(io.hf4j.core.HfValidationException.class, () -> XetHash.parse("zz"));
    assertThrows(io.hf4j.core.HfValidationException.class, () -> XetHash.parse("g".repeat(64)));
  }

  /** hf_xet packs 64 MiB of chunk data and then adds the record headers: such a xorb is valid, one byte more is not. */
  @Test
  void aXorbOf64MiBOfChunksPlusHeadersParsesAndAnythingLargerIsRejected() {
    int chunk = GearChunker.MAX;
    int count = Xorb.MAX_SERIALIZED_BYTES / chunk;
    byte[] body = new byte[count * (ChunkCodec.HEADER + chunk)];
    Random r = new Random(64);
    byte[] data = new byte[chunk];
    List<Xet.ChunkInfo> infos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      r.nextBytes(data);
      int at = i * (ChunkCodec.HEADER + chunk);
      ChunkCodec.writeHeader(body, at, ChunkCodec.NONE, chunk, chunk);
      System.arraycopy(data, 0, body, at + ChunkCodec.HEADER, chunk);
      infos.add(new Xet.ChunkInfo(Xet.chunkHash(data), chunk));
    }
    assertTrue(body.length > Xorb.MAX_SERIALIZED_BYTES);
    Xorb x = Xorb.parse(body, Xet.xorbHash(infos));
    assertEquals(count, x.chunks().size());

    byte[] tooLarge = Arrays.copyOf(body, Xorb.MAX_ACCEPTED_BYTES + ChunkCodec.HEADER + 16);
    ChunkCodec.writeHeader(tooLarge, body.length, ChunkCodec.NONE, 16, 16);
    int extra = body.length + ChunkCodec.HEADER + 16;
    while (extra + ChunkCodec.HEADER + 16 <= tooLarge.length) {
      ChunkCodec.writeHeader(tooLarge, extra, ChunkCodec.NONE, 16, 16);
      extra += ChunkCodec.HEADER + 16;
    }
    byte[] exact = Arrays.copyOf(tooLarge, extra);
    XetIntegrityException e = assertThrows(XetIntegrityException.class, () -> Xorb.parse(exact));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void borrowedChunksAreCompressedBeforeFlushReturns() {
    Random rnd = new Random(5);
    byte[] block = new byte[3 * 40_000];
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (i % 3 == 0 ? rnd.nextInt(256) : i / 100); // partly compressible
    }
    List<byte[]> expected = new ArrayList<>();
    XorbBuilder b = new XorbBuilder();
    for (int round = 0; round < 2; round++) {
      for (int c = 0; c < 3; c++) {
        byte[] chunk = Arrays.copyOfRange(block, c * 40_000, (c + 1) * 40_000);
        expected.add(chunk);
        b.addBorrowed(block, c * 40_000, 40_000, XetHashing.chunkHash(chunk, 0, chunk.length));
      }
      b.flushBorrowed();
      rnd.nextBytes(block); // the caller reuses its buffer: what was added must not change
    }
    XorbBuilder.Built built = b.build();
    Xorb parsed = Xorb.parse(built.body(), built.hash());
    assertEquals(6, parsed.chunks().size());
    assertEquals(XorbBuilder.of(expected).hash(), built.hash());
    byte[] body = built.body();
    for (int i = 0; i < 6; i++) {
      Xorb.Chunk c = parsed.chunks().get(i);
      assertArrayEquals(expected.get(i), Xorb.decodeChunk(body, (int) c.byteOffset(), c.recordLength()));
    }
  }
}
