package io.hf4j.testkit.internal;

import io.hf4j.xet.Xet;
import io.hf4j.xet.XetException;
import io.hf4j.xet.XetHash;
import java.util.ArrayList;
import java.util.List;

/** {@link XetFormats} over the hf4j-xet module's parsers and hashes. */
final class XetFormatsImpl implements XetFormats {
  @Override
  public XetFormats.Xorb parseXorb(byte[] serialized) {
    io.hf4j.xet.Xorb x;
    try {
      x = io.hf4j.xet.Xorb.parse(serialized);
    } catch (XetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Chunk> chunks = new ArrayList<>(x.chunks().size());
    for (io.hf4j.xet.Xorb.Chunk c : x.chunks()) {
      chunks.add(new Chunk(c.hash().toHex(), c.byteOffset(), c.byteOffset() + c.recordLength(), c.length()));
    }
    return new XetFormats.Xorb(x.hash().toHex(), chunks);
  }

  @Override
  public XetFormats.Shard parseShard(byte[] serialized) {
    io.hf4j.xet.Shard s;
    try {
      s = io.hf4j.xet.Shard.parse(serialized);
    } catch (XetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<FileEntry> files = new ArrayList<>();
    for (io.hf4j.xet.Shard.FileEntry f : s.files()) {
      List<Segment> segs = new ArrayList<>();
      for (io.hf4j.xet.Shard.Segment seg : f.segments()) {
        segs.add(new Segment(seg.xorbHash().toHex(), seg.chunkStart(), seg.chunkEnd(), seg.unpackedBytes()));
      }
      List<String> verification = new ArrayList<>();
      for (XetHash h : f.verification()) {
        verification.add(h.toHex());
      }
      files.add(new FileEntry(f.fileHash().toHex(), segs, verification, f.sha256Hex()));
    }
    List<CasEntry> xorbs = new ArrayList<>();
    for (io.hf4j.xet.Shard.XorbEntry x : s.xorbs()) {
      List<String> hashes = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      for (io.hf4j.xet.Shard.ChunkEntry c : x.chunks()) {
        hashes.add(c.hash().toHex());
        sizes.add(c.length());
      }
      xorbs.add(new CasEntry(x.xorbHash().toHex(), hashes, sizes));
    }
    return new XetFormats.Shard(files, xorbs);
  }

  @Override
  public byte[] dedupeAnswer(byte[] storedShard, long nowEpochSeconds) {
    return new io.hf4j.xet.Shard(List.of(), io.hf4j.xet.Shard.parse(storedShard).xorbs()).serializeWithFooter(nowEpochSeconds);
  }

  @Override
  public List<byte[]> chunksData(byte[] records, int count) {
    try {
      return io.hf4j.xet.Xorb.decodeChunks(records, 0, records.length, count);
    } catch (XetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public String fileHash(List<String> chunkHashes, List<Integer> chunkSizes) {
    List<Xet.ChunkInfo> chunks = new ArrayList<>(chunkHashes.size());
    for (int i = 0; i < chunkHashes.size(); i++) {
      chunks.add(new Xet.ChunkInfo(XetHash.parse(chunkHashes.get(i)), chunkSizes.get(i)));
    }
    return Xet.fileHash(chunks).toHex();
  }

  @Override
  public String verificationHash(List<String> chunkHashes) {
    List<XetHash> hashes = new ArrayList<>(chunkHashes.size());
    for (String h : chunkHashes) {
      hashes.add(XetHash.parse(h));
    }
    return Xet.verificationHash(hashes).toHex();
  }
}
