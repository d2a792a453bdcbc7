package io.hf4j.testkit.internal;

import java.util.List;

/**
 * What the emulator's CAS server needs from the Xet formats, as plain values: the parsed (and validated) xorb and
 * shard, a decompressed chunk, and the file and verification hashes. Implemented with the {@code hf4j-xet}
 * module's parsers and hashes (see {@link XetFormatsImpl}); nothing here re-implements a format.
 */
public interface XetFormats {
  /** One chunk of a stored xorb: its hash (spec hex), where it sits in the serialized xorb, its unpacked size. */
  record Chunk(String hash, long byteStart, long byteEnd, int size) {}

  /** A validated xorb: its hash (computed from its chunks) and chunks. */
  record Xorb(String hash, List<Chunk> chunks) {}

  /** A segment of a file: a chunk range {@code [chunkStart, chunkEnd)} of a xorb, {@code unpacked} bytes. */
  record Segment(String xorb, int chunkStart, int chunkEnd, long unpacked) {}

  /** A file entry of a shard; {@code verification} holds one range hash per segment (empty when absent). */
  record FileEntry(String hash, List<Segment> segments, List<String> verification, String sha256) {}

  /** A CAS entry of a shard: a xorb and the hashes and unpacked sizes of its chunks. */
  record CasEntry(String xorb, List<String> chunkHashes, List<Integer> chunkSizes) {}

  /** A validated shard. */
  record Shard(List<FileEntry> files, List<CasEntry> xorbs) {}

  /** Parses and validates a serialized xorb; throws {@link IllegalArgumentException} naming what is wrong. */
  Xorb parseXorb(byte[] serialized);

  /** Parses and validates a serialized shard; throws {@link IllegalArgumentException} naming what is wrong. */
  Shard parseShard(byte[] serialized);

  /**
   * The global-dedupe answer for a stored (uploaded) shard: a complete shard (with lookup tables and footer)
   * holding only its CAS entries.
   */
  byte[] dedupeAnswer(byte[] storedShard, long nowEpochSeconds);

  /** The unpacked bytes of the {@code count} consecutive chunk records (headers and data) in {@code records}. */
  List<byte[]> chunksData(byte[] records, int count);

  /** The Xet file hash of chunks with these hashes and sizes. */
  String fileHash(List<String> chunkHashes, List<Integer> chunkSizes);

  /** The verification range hash of consecutive chunks with these hashes. */
  String verificationHash(List<String> chunkHashes);
}
