package io.hf4j.xet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Collects chunks into one xorb and serializes it (chunk records, no footer, as clients upload it).
 * Chunks are compressed in parallel batches as they arrive, so the builder holds at most the serialized
 * xorb plus one small batch of raw chunks.
 */
public final class XorbBuilder {
  private static final int BATCH_BYTES = 4 * 1024 * 1024;

  private final int maxBytes;
  private final int maxChunks;
  private final Executor executor;
  private static final int SEGMENT = 256 * 1024;
  /** The serialized xorb in 256 KiB segments: no large (humongous) arrays, no copy when growing. */
  private final List<byte[]> segments = new ArrayList<>();
  private int outLen;
  private long rawBytes;
  private long pendingRaw;
  /** Worst-case serialized size of the pending chunks. */
  private long pendingWorst;
  /** Chunks added but not yet compressed: arrays with offsets and lengths (borrowed or copied). */
  private final List<byte[]> pendingData = new ArrayList<>();
  private int[] pendingOff = new int[64];
  private int[] pendingLen = new int[64];
  private final List<XetHashing.Node> nodes = new ArrayList<>();
  private final List<Xorb.Chunk> chunks = new ArrayList<>();

  /** A builder with the protocol's limits (64 MiB serialized, {@value Xorb#MAX_CHUNKS} chunks). */
  public XorbBuilder() {
    this(Xorb.MAX_SERIALIZED_BYTES, Xorb.MAX_CHUNKS);
  }

  /**
   * A builder with smaller limits (e.g. to bound memory or to test multi-xorb uploads).
   *
   * @param maxBytes the largest serialized size
   * @param maxChunks the most chunks
   */
  public XorbBuilder(int maxBytes, int maxChunks) {
    this(maxBytes, maxChunks, Parallel.DEFAULT);
  }

  XorbBuilder(int maxBytes, int maxChunks, Executor executor) {
    if (maxBytes < ChunkCodec.maxRecordLength(GearChunker.MAX) || maxBytes > Xorb.MAX_SERIALIZED_BYTES) {
      throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
    }
    if (maxChunks < 1) {
      throw new IllegalArgumentException("maxChunks must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxChunks = maxChunks;
    this.executor = executor;
  }

  /** {@return number of chunks added} */
  public int chunkCount() {
    return nodes.size();
  }

  /** {@return true when nothing was added} */
  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  /** {@return the uncompressed bytes added} */
  public long rawBytes() {
    return rawBytes;
  }

  /**
   * Whether a chunk of {@code len} bytes still fits (worst case, uncompressed) under the limits.
   *
   * @param len the chunk's length
   * @return whether it fits
   */
  public boolean fits(int len) {
    long worst = outLen + pendingWorst + ChunkCodec.maxRecordLength(len);
    return nodes.size() < maxChunks && worst <= maxBytes;
  }

  /**
   * Adds a chunk (copied) with its hash; returns its index in the xorb.
   *
   * @throws IllegalStateException when it does not {@link #fits fit}
   * @param data the bytes holding the chunk
   * @param off where the chunk starts
   * @param len the chunk's length
   * @param chunkHash the chunk's hash
   * @return the chunk's index in this xorb
   */
  public int add(byte[] data, int off, int len, XetHash chunkHash) {
    check(len);
    return addPending(Arrays.copyOfRange(data, off, off + len), 0, len, chunkHash, true);
  }

  /**
   * Like {@link #add}, without copying: the chunk is read from {@code data} until {@link #flushBorrowed}
   * (or {@link #build}) returns, so the caller must not change those bytes before then.
   */
  int addBorrowed(byte[] data, int off, int len, XetHash chunkHash) {
    check(len);
    return addPending(data, off, len, chunkHash, false);
  }

  /** Compresses every pending chunk, so that no borrowed array is read afterwards. */
  void flushBorrowed() {
    flushPending();
  }

  /** Replaces every pending chunk's bytes with a copy, so that no borrowed array is read afterwards. */
  void detachBorrowed() {
    for (int i = 0; i < pendingData.size(); i++) {
      pendingData.set(i, Arrays.copyOfRange(pendingData.get(i), pendingOff[i], pendingOff[i] + pendingLen[i]));
      pendingOff[i] = 0;
    }
  }

  private void check(int len) {
    if (!fits(len)) {
      throw new IllegalStateException("chunk does not fit in this xorb");
    }
    if (len <= 0 || len > GearChunker.MAX) {
      throw new IllegalArgumentException("chunk length out of range: " + len);
    }
  }

  private int addPending(byte[] data, int off, int len, XetHash chunkHash, boolean mayFlush) {
    int k = pendingData.size();
    if (k == pendingOff.length) {
      pendingOff = Arrays.copyOf(pendingOff, 2 * k);
      pendingLen = Arrays.copyOf(pendingLen, 2 * k);
    }
    pendingData.add(data);
    pendingOff[k] = off;
    pendingLen[k] = len;
    pendingWorst += ChunkCodec.maxRecordLength(len);
    nodes.add(new XetHashing.Node(chunkHash, len));
    rawBytes += len;
    pendingRaw += len;
    if (mayFlush && pendingRaw >= BATCH_BYTES) {
      flushPending();
    }
    return nodes.size() - 1;
  }

  private void flushPending() {
    if (pendingData.isEmpty()) {
      return;
    }
    int n = pendingData.size();
    byte[][] encoded = new byte[n][];
    int[] lens = new int[n];
    int[] offs = pendingOff;
    int[] raw = pendingLen;
    try {
      Parallel.forEach(executor, n, i -> {
        byte[] e = new byte[ChunkCodec.maxRecordLength(raw[i])];
        lens[i] = ChunkCodec.encode(pendingData.get(i), offs[i], raw[i], e, 0);
        encoded[i] = e;
      });
    } catch (java.io.InterruptedIOException e) {
      throw new io.hf4j.core.HfInterruptedException("interrupted while compressing a xorb");
    }
    int base = chunks.size();
    for (int i = 0; i < n; i++) {
      chunks.add(new Xorb.Chunk(nodes.get(base + i).hash(), raw[i], outLen, lens[i]));
      append(encoded[i], lens[i]);
    }
    pendingData.clear();
    pendingRaw = 0;
    pendingWorst = 0;
  }

  private void append(byte[] data, int len) {
    int p = 0;
    while (p < len) {
      int inLast = outLen % SEGMENT;
      if (inLast == 0) {
        segments.add(new byte[SEGMENT]);
      }
      int n = Math.min(len - p, SEGMENT - inLast);
      System.arraycopy(data, p, segments.get(segments.size() - 1), inLast, n);
      p += n;
      outLen += n;
    }
  }

  /**
   * A serialized xorb ready to upload.
   *
   * @param hash     the xorb hash
   * @param segments the serialized bytes in order (256 KiB each, the last one partly used)
   * @param length   serialized length
   * @param chunks   the chunks (hash, length, record offset and length)
   * @param rawBytes uncompressed length of all chunks
   */
  public record Built(XetHash hash, List<byte[]> segments, int length, List<Xorb.Chunk> chunks, long rawBytes) {
    /** {@return the body as one exact-length array (a copy)} */
    public byte[] body() {
      byte[] b = new byte[length];
      int p = 0;
      for (byte[] s : segments) {
        int n = Math.min(s.length, length - p);
        System.arraycopy(s, 0, b, p, n);
        p += n;
      }
      return b;
    }

    /** {@return the same as {@link #body()}} */
    public byte[] bytes() {
      return body();
    }

    /**
     * Writes the body to {@code out}.
     *
     * @param out where the bytes go
     * @throws java.io.IOException when writing fails
     */
    public void writeTo(java.io.OutputStream out) throws java.io.IOException {
      int p = 0;
      for (byte[] s : segments) {
        int n = Math.min(s.length, length - p);
        out.write(s, 0, n);
        p += n;
      }
    }
  }

  /**
   * Serializes the chunks added so far; the builder must not be used afterwards.
   *
   * @throws IllegalStateException when no chunk was added
   * @return the xorb's hash, chunk table and serialized segments
   */
  public Built build() {
    if (nodes.isEmpty()) {
      throw new IllegalStateException("empty xorb");
    }
    flushPending();
    XetHash hash = XetHashing.xorbHash(nodes);
    Built b = new Built(hash, List.copyOf(segments), outLen, List.copyOf(chunks), rawBytes);
    segments.clear();
    return b;
  }

  /**
   * Builds a xorb from whole chunks (hashing them); convenient for tests and servers.
   *
   * @param chunkData the chunks' bytes, in order
   * @return the built xorb
   */
  public static Built of(List<byte[]> chunkData) {
    XorbBuilder b = new XorbBuilder();
    for (byte[] d : chunkData) {
      b.add(d, 0, d.length, XetHashing.chunkHash(d, 0, d.length));
    }
    return b.build();
  }
}
