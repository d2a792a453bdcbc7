package io.hf4j.xet;

import org.jspecify.annotations.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, validated xorb: the chunk records of an upload body (a bare sequence of chunk headers and
 * payloads; a trailing {@code XETBLOB} storage footer is tolerated and ignored), each chunk decoded and
 * hashed, and the xorb hash computed from them.
 */
public final class Xorb {
  /** The largest serialized xorb hf4j builds (64 MiB); {@link #parse} accepts the reference client's slightly larger ones. */
  public static final int MAX_SERIALIZED_BYTES = 64 * 1024 * 1024;
  /** The most chunks a xorb built by hf4j holds. */
  public static final int MAX_CHUNKS = 8 * 1024;
  /**
   * The largest body {@link #parse} accepts: the reference client ({@code hf_xet}) fills a xorb with up to 64 MiB
   * of chunk records before their 8-byte headers count, so a valid xorb may exceed 64 MiB by its headers.
   */
  static final int MAX_ACCEPTED_BYTES = MAX_SERIALIZED_BYTES + MAX_CHUNKS * ChunkCodec.HEADER;
  private static final byte[] FOOTER_IDENT = {'X', 'E', 'T', 'B', 'L', 'O', 'B'};

  /**
   * One chunk of a xorb.
   *
   * @param hash         the chunk hash (of the uncompressed bytes)
   * @param length       uncompressed length
   * @param byteOffset   offset of the chunk's record (header) within the serialized xorb
   * @param recordLength header plus payload length
   */
  public record Chunk(XetHash hash, int length, long byteOffset, int recordLength) {
    /**
     * Validates the fields.
     *
     * @param hash the chunk hash (of the uncompressed bytes)
     * @param length uncompressed length
     * @param byteOffset offset of the chunk's record (header) within the serialized xorb
     * @param recordLength header plus payload length
     */
    public Chunk {
      Objects.requireNonNull(hash, "hash");
    }
  }

  private final XetHash hash;
  private final List<Chunk> chunks;
  private final long serializedLength;

  Xorb(XetHash hash, List<Chunk> chunks, long serializedLength) {
    this.hash = hash;
    this.chunks = List.copyOf(chunks);
    this.serializedLength = serializedLength;
  }

  /** {@return the xorb hash computed from the chunks} */
  public XetHash hash() {
    return hash;
  }

  /** {@return the chunks in order} */
  public List<Chunk> chunks() {
    return chunks;
  }

  /** {@return the length of the chunk records (the body without any storage footer)} */
  public long serializedLength() {
    return serializedLength;
  }

  /** {@return the sum of the chunks' uncompressed lengths} */
  public long uncompressedLength() {
    long s = 0;
    for (Chunk c : chunks) {
      s += c.length();
    }
    return s;
  }

  /**
   * Byte offsets of chunk records: element {@code i} is where chunk {@code i} starts, the last element is
   * the end of the records ({@code chunks().size() + 1} elements), for ranged reads.
   *
   * @return the offsets
   */
  public long[] chunkOffsets() {
    long[] r = new long[chunks.size() + 1];
    for (int i = 0; i < chunks.size(); i++) {
      r[i] = chunks.get(i).byteOffset();
    }
    r[chunks.size()] = serializedLength;
    return r;
  }

  /**
   * Parses and validates an upload body.
   *
   * @throws XetIntegrityException when it is empty, too large, truncated, malformed, or a chunk fails to decode
   * @param body the upload body
   * @return the parsed xorb
   */
  public static Xorb parse(byte[] body) {
    return parse(body, null);
  }

  /**
   * Parses and validates an upload body and checks its hash.
   *
   * @param expected the hash the body must have (e.g. from the upload path), or null
   * @throws XetIntegrityException as {@link #parse(byte[])}, or when the hash differs from {@code expected}
   * @param body the upload body
   * @return the parsed xorb
   */
  public static Xorb parse(byte[] body, @Nullable XetHash expected) {
    Objects.requireNonNull(body, "body");
    if (body.length == 0) {
      throw new XetIntegrityException("xorb is empty");
    }
    // headers first (sequential, cheap), then every record decoded and hashed in parallel
    List<ChunkCodec.Header> headers = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    int p = 0;
    int end = body.length;
    while (p < end) {
      if (end - p >= FOOTER_IDENT.length && startsWith(body, p, FOOTER_IDENT)) {
        break; // storage footer: metadata derived from the chunks, not part of the content
      }
      if (end - p < ChunkCodec.HEADER) {
        throw new XetIntegrityException("xorb truncated: " + (end - p) + " trailing bytes after chunk "
            + headers.size() + " are not a chunk header");
      }
      if (p > MAX_ACCEPTED_BYTES) {
        throw new XetIntegrityException("xorb larger than " + MAX_ACCEPTED_BYTES + " bytes");
      }
      String where = "xorb chunk " + headers.size() + " at byte " + p;
      ChunkCodec.Header h = ChunkCodec.readHeader(body, p, where);
      if (p + ChunkCodec.HEADER + (long) h.compressedLength() > end) {
        throw new XetIntegrityException(where + ": truncated, record needs " + h.compressedLength()
            + " payload bytes, " + (end - p - ChunkCodec.HEADER) + " remain");
      }
      headers.add(h);
      offsets.add(p);
      p += ChunkCodec.HEADER + h.compressedLength();
    }
    if (headers.isEmpty()) {
      throw new XetIntegrityException("xorb has no chunks");
    }
    if (p > MAX_ACCEPTED_BYTES) {
      throw new XetIntegrityException("xorb is " + p + " bytes, larger than the " + MAX_ACCEPTED_BYTES + " limit");
    }
    int n = headers.size();
    XetHash[] hashes = new XetHash[n];
    int[] lengths = new int[n];
    try {
      Parallel.forEach(Parallel.DEFAULT, n, i -> {
        int at = offsets.get(i);
        ChunkCodec.Header h = headers.get(i);
        if (h.scheme() == ChunkCodec.NONE) { // stored: hashed where it lies, no copy
          hashes[i] = XetHashing.chunkHash(body, at + ChunkCodec.HEADER, h.uncompressedLength());
          lengths[i] = h.uncompressedLength();
          return;
        }
        byte[] data = ChunkCodec.decode(h, body, at + ChunkCodec.HEADER, "xorb chunk " + i + " at byte " + at);
        hashes[i] = XetHashing.chunkHash(data, 0, data.length);
        lengths[i] = data.length;
      });
    } catch (java.io.InterruptedIOException e) {
      throw new io.hf4j.core.HfInterruptedException("interrupted while checking a xorb");
    }
    List<Chunk> chunks = new ArrayList<>(n);
    List<XetHashing.Node> nodes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      chunks.add(new Chunk(hashes[i], lengths[i], offsets.get(i), ChunkCodec.HEADER + headers.get(i).compressedLength()));
      nodes.add(new XetHashing.Node(hashes[i], lengths[i]));
    }
    XetHash hash = XetHashing.xorbHash(nodes);
    if (expected != null && !expected.equals(hash)) {
      throw new XetIntegrityException("xorb hash mismatch: body hashes to " + hash.toHex() + ", expected "
          + expected.toHex());
    }
    return new Xorb(hash, chunks, p);
  }

  /**
   * Reads an upload body from a stream (at most the size limit plus a footer) and parses it.
   *
   * @throws XetIntegrityException when it is malformed or larger than allowed
   * @param in the upload body
   * @param expected the hash the body must have
   * @return the parsed xorb
   */
  public static Xorb parse(InputStream in, XetHash expected) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long limit = MAX_SERIALIZED_BYTES + 16L * 1024 * 1024;
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > limit) {
          throw new XetIntegrityException("xorb larger than " + MAX_SERIALIZED_BYTES + " bytes");
        }
        bos.write(buf, 0, n);
      }
      return parse(bos.toByteArray(), expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes consecutive chunk records (e.g. a ranged read of a xorb) into their uncompressed bytes.
   *
   * @param expectedChunks how many records must be present exactly, or -1 for "all in the range"
   * @throws XetIntegrityException when the records are malformed, truncated, or their count differs
   * @param data the bytes holding the records
   * @param off where the first record starts
   * @param len the length of the records
   * @return each chunk's uncompressed bytes, in order
   */
  public static List<byte[]> decodeChunks(byte[] data, int off, int len, int expectedChunks) {
    List<byte[]> out = new ArrayList<>();
    int p = off;
    int end = off + len;
    while (p < end && (expectedChunks < 0 || out.size() < expectedChunks)) {
      String where = "xorb range chunk " + out.size();
      if (end - p < ChunkCodec.HEADER) {
        throw new XetIntegrityException(where + ": truncated chunk header");
      }
      ChunkCodec.Header h = ChunkCodec.readHeader(data, p, where);
      if (p + ChunkCodec.HEADER + (long) h.compressedLength() > end) {
        throw new XetIntegrityException(where + ": truncated chunk payload");
      }
      out.add(ChunkCodec.decode(h, data, p + ChunkCodec.HEADER, where));
      p += ChunkCodec.HEADER + h.compressedLength();
    }
    if (expectedChunks >= 0 && out.size() != expectedChunks) {
      throw new XetIntegrityException("xorb range truncated: " + out.size() + " chunks, expected " + expectedChunks);
    }
    return out;
  }

  /**
   * Decodes one chunk record (header and payload, as sliced by {@link #chunkOffsets}) into its bytes.
   *
   * @throws XetIntegrityException when the record is malformed or its length is not exactly one record
   * @param record the bytes holding the record
   * @param off where the record starts
   * @param len the record's length
   * @return the chunk's uncompressed bytes
   */
  public static byte[] decodeChunk(byte[] record, int off, int len) {
    if (len < ChunkCodec.HEADER) {
      throw new XetIntegrityException("chunk record truncated: " + len + " bytes");
    }
    ChunkCodec.Header h = ChunkCodec.readHeader(record, off, "chunk record");
    if (ChunkCodec.HEADER + h.compressedLength() != len) {
      throw new XetIntegrityException("chunk record is " + len + " bytes, its header says "
          + (ChunkCodec.HEADER + h.compressedLength()));
    }
    return ChunkCodec.decode(h, record, off + ChunkCodec.HEADER, "chunk record");
  }

  private static boolean startsWith(byte[] b, int off, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (b[off + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
