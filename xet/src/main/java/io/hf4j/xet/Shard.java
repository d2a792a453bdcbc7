package io.hf4j.xet;

import org.jspecify.annotations.Nullable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An MDB shard: file reconstructions (file info section) and xorb contents (CAS info section).
 *
 * <p>{@link #serialize()} writes the upload form (header with footer size 0, both sections with their
 * bookends, no lookup tables or footer), {@link #serializeWithFooter} the complete form the global
 * dedupe API answers with. {@link #parse} accepts both and validates the structure.
 */
public final class Shard {
  static final byte[] HEADER_TAG = {
      'H', 'F', 'R', 'e', 'p', 'o', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a', 0, 85, 105, 103, 69, 106, 123,
      (byte) 129, 87, (byte) 131, (byte) 165, (byte) 189, (byte) 217, 92, (byte) 205, (byte) 209, 74, (byte) 169};
  static final int HEADER_VERSION = 2;
  static final int FOOTER_VERSION = 1;
  static final int HEADER_SIZE = 48;
  static final int ENTRY_SIZE = 48;
  static final int FOOTER_SIZE = 200;
  static final int FLAG_VERIFICATION = 1 << 31;
  static final int FLAG_METADATA_EXT = 1 << 30;
  /** Chunk flag: the chunk may be used for global deduplication. */
  public static final int CHUNK_FLAG_GLOBAL_DEDUP = 1 << 31;
  private static final byte[] BOOKEND_HASH = filled();

  private static byte[] filled() {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) 0xFF);
    return b;
  }

  /**
   * A run of chunks of one xorb that is part of a file.
   *
   * @param xorbHash      the xorb
   * @param flags         the CAS flags (0)
   * @param unpackedBytes the run's uncompressed length
   * @param chunkStart    first chunk index
   * @param chunkEnd      chunk index past the last one
   */
  public record Segment(XetHash xorbHash, int flags, long unpackedBytes, int chunkStart, int chunkEnd) {
    /**
     * Validates the fields.
     *
     * @param xorbHash the xorb
     * @param flags the CAS flags (0)
     * @param unpackedBytes the run's uncompressed length
     * @param chunkStart first chunk index
     * @param chunkEnd chunk index past the last one
     */
    public Segment {
      Objects.requireNonNull(xorbHash, "xorbHash");
    }
  }

  /**
   * A file reconstruction.
   *
   * @param fileHash     the Xet file hash
   * @param segments     the runs of chunks, in file order
   * @param verification one range hash per segment (empty when absent)
   * @param sha256Hex    the file's sha256 (plain lowercase hex) when recorded, else null
   */
  public record FileEntry(XetHash fileHash, List<Segment> segments, List<XetHash> verification,
      @Nullable String sha256Hex) {
    /**
     * Validates the fields.
     *
     * @param fileHash the Xet file hash
     * @param segments the runs of chunks, in file order
     * @param verification one range hash per segment (empty when absent)
     * @param sha256Hex the file's sha256 (plain lowercase hex) when recorded, else null
     */
    public FileEntry {
      Objects.requireNonNull(fileHash, "fileHash");
      segments = List.copyOf(segments);
      verification = List.copyOf(verification);
      if (!verification.isEmpty() && verification.size() != segments.size()) {
        throw new IllegalArgumentException("one verification hash per segment");
      }
      if (sha256Hex != null && !sha256Hex.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
      }
    }

    /** {@return the file size: the sum of its segments} */
    public long size() {
      long s = 0;
      for (Segment seg : segments) {
        s += seg.unpackedBytes();
      }
      return s;
    }
  }

  /**
   * A chunk of a xorb as a shard describes it.
   *
   * @param hash      the chunk hash (HMAC-protected when the shard has an {@link #hmacKey})
   * @param byteStart offset of the chunk in the xorb's uncompressed content
   * @param length    uncompressed length
   * @param flags     chunk flags, e.g. {@link #CHUNK_FLAG_GLOBAL_DEDUP}
   */
  public record ChunkEntry(XetHash hash, long byteStart, int length, int flags) {
    /**
     * Validates the fields.
     *
     * @param hash the chunk hash (HMAC-protected when the shard has an {@link #hmacKey})
     * @param byteStart offset of the chunk in the xorb's uncompressed content
     * @param length uncompressed length
     * @param flags chunk flags, e.g. {@link #CHUNK_FLAG_GLOBAL_DEDUP}
     */
    public ChunkEntry {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /**
   * A xorb's contents.
   *
   * @param xorbHash    the xorb
   * @param flags       xorb flags (0)
   * @param chunks      its chunks in order
   * @param bytesInXorb uncompressed length of all chunks
   * @param bytesOnDisk serialized length of the xorb
   */
  public record XorbEntry(XetHash xorbHash, int flags, List<ChunkEntry> chunks, long bytesInXorb, long bytesOnDisk) {
    /**
     * Validates the fields.
     *
     * @param xorbHash the xorb
     * @param flags xorb flags (0)
     * @param chunks its chunks in order
     * @param bytesInXorb uncompressed length of all chunks
     * @param bytesOnDisk serialized length of the xorb
     */
    public XorbEntry {
      Objects.requireNonNull(xorbHash, "xorbHash");
      chunks = List.copyOf(chunks);
    }
  }

  private final List<FileEntry> files;
  private final List<XorbEntry> xorbs;
  private final @Nullable XetHash hmacKey;

  /**
   * A shard of the given files and xorbs (without HMAC key).
   *
   * @param files the file reconstructions
   * @param xorbs the xorbs described
   */
  public Shard(List<FileEntry> files, List<XorbEntry> xorbs) {
    this(files, xorbs, null);
  }

  /**
   * A shard whose chunk hashes are protected with {@code hmacKey} (null or zero: none).
   *
   * @param files the file reconstructions
   * @param xorbs the xorbs described
   * @param hmacKey the key protecting chunk hashes, or null when they are plain
   */
  public Shard(List<FileEntry> files, List<XorbEntry> xorbs, @Nullable XetHash hmacKey) {
    this.files = List.copyOf(files);
    this.xorbs = List.copyOf(xorbs);
    this.hmacKey = hmacKey == null || hmacKey.equals(XetHash.ZERO) ? null : hmacKey;
  }

  /** {@return the file reconstructions} */
  public List<FileEntry> files() {
    return files;
  }

  /** {@return the xorbs described} */
  public List<XorbEntry> xorbs() {
    return xorbs;
  }

  /** {@return the key protecting chunk hashes (chunk hash keyed with it), or null when they are plain} */
  public @Nullable XetHash hmacKey() {
    return hmacKey;
  }

  /**
   * A chunk hash as it appears in this shard: HMAC-protected when the shard has a key.
   *
   * @param chunkHash the plain chunk hash
   * @return the hash as this shard stores it
   */
  public XetHash protect(XetHash chunkHash) {
    return hmacKey == null ? chunkHash : XetHashing.hmac(chunkHash, hmacKey);
  }

  // ---------------------------------------------------------------------------------------------- writing

  private List<FileEntry> sortedFiles() {
    Map<XetHash, FileEntry> m = new LinkedHashMap<>();
    for (FileEntry f : files) {
      m.putIfAbsent(f.fileHash(), f);
    }
    List<FileEntry> l = new ArrayList<>(m.values());
    l.sort(Comparator.comparing(FileEntry::fileHash));
    return l;
  }

  private List<XorbEntry> sortedXorbs() {
    Map<XetHash, XorbEntry> m = new LinkedHashMap<>();
    for (XorbEntry x : xorbs) {
      m.putIfAbsent(x.xorbHash(), x);
    }
    List<XorbEntry> l = new ArrayList<>(m.values());
    l.sort(Comparator.comparing(XorbEntry::xorbHash));
    return l;
  }

  private int sectionsLength(List<FileEntry> fs, List<XorbEntry> xs) {
    long n = HEADER_SIZE;
    for (FileEntry f : fs) {
      n += ENTRY_SIZE * (1L + f.segments().size() + f.verification().size() + (f.sha256Hex() != null ? 1 : 0));
    }
    n += ENTRY_SIZE;
    for (XorbEntry x : xs) {
      n += ENTRY_SIZE * (1L + x.chunks().size());
    }
    n += ENTRY_SIZE;
    if (n > Integer.MAX_VALUE - 1024) {
      throw new IllegalStateException("shard too large");
    }
    return (int) n;
  }

  /** {@return the upload form: header (footer size 0), file info and CAS info sections with bookends} */
  public byte[] serialize() {
    List<FileEntry> fs = sortedFiles();
    List<XorbEntry> xs = sortedXorbs();
    ByteBuffer b = ByteBuffer.allocate(sectionsLength(fs, xs)).order(ByteOrder.LITTLE_ENDIAN);
    writeSections(b, fs, xs, 0);
    return b.array();
  }

  /**
   * The complete form with lookup tables and footer (as stored by the CAS and returned by global dedupe).
   *
   * @param creationEpochSeconds the footer's creation timestamp
   * @return the serialized shard
   */
  public byte[] serializeWithFooter(long creationEpochSeconds) {
    List<FileEntry> fs = sortedFiles();
    List<XorbEntry> xs = sortedXorbs();
    int chunkCount = 0;
    for (XorbEntry x : xs) {
      chunkCount += x.chunks().size();
    }
    int sections = sectionsLength(fs, xs);
    int total = sections + fs.size() * 12 + xs.size() * 12 + chunkCount * 16 + FOOTER_SIZE;
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    writeSections(b, fs, xs, FOOTER_SIZE);
    long xorbInfoOffset = HEADER_SIZE;
    for (FileEntry f : fs) {
      xorbInfoOffset += ENTRY_SIZE * (1L + f.segments().size() + f.verification().size()
          + (f.sha256Hex() != null ? 1 : 0));
    }
    xorbInfoOffset += ENTRY_SIZE;
    long fileLookup = b.position();
    int index = 0;
    for (FileEntry f : fs) {
      b.putLong(f.fileHash().word(0));
      b.putInt(index);
      index += 1 + f.segments().size() + f.verification().size() + (f.sha256Hex() != null ? 1 : 0);
    }
    long xorbLookup = b.position();
    long[][] chunkLookup = new long[chunkCount][];
    int ci = 0;
    index = 0;
    long storedOnDisk = 0;
    long stored = 0;
    for (XorbEntry x : xs) {
      b.putLong(x.xorbHash().word(0));
      b.putInt(index);
      for (int i = 0; i < x.chunks().size(); i++) {
        chunkLookup[ci++] = new long[] {x.chunks().get(i).hash().word(0), index, i};
      }
      index += 1 + x.chunks().size();
      storedOnDisk += x.bytesOnDisk();
      stored += x.bytesInXorb();
    }
    Arrays.sort(chunkLookup, (p, q) -> Long.compareUnsigned(p[0], q[0]));
    long chunkLookupOffset = b.position();
    for (long[] e : chunkLookup) {
      b.putLong(e[0]);
      b.putInt((int) e[1]);
      b.putInt((int) e[2]);
    }
    long materialized = 0;
    for (FileEntry f : fs) {
      materialized += f.size();
    }
    long footerOffset = b.position();
    b.putLong(FOOTER_VERSION);
    b.putLong(HEADER_SIZE);
    b.putLong(xorbInfoOffset);
    b.putLong(fileLookup);
    b.putLong(fs.size());
    b.putLong(xorbLookup);
    b.putLong(xs.size());
    b.putLong(chunkLookupOffset);
    b.putLong(chunkCount);
    b.put(hmacKey == null ? new byte[32] : hmacKey.raw());
    b.putLong(creationEpochSeconds);
    b.putLong(-1L); // key expiry: never
    for (int i = 0; i < 6; i++) {
      b.putLong(0);
    }
    b.putLong(storedOnDisk);
    b.putLong(materialized);
    b.putLong(stored);
    b.putLong(footerOffset);
    return b.array();
  }

  private void writeSections(ByteBuffer b, List<FileEntry> fs, List<XorbEntry> xs, int footerSize) {
    b.put(HEADER_TAG);
    b.putLong(HEADER_VERSION);
    b.putLong(footerSize);
    for (FileEntry f : fs) {
      b.put(f.fileHash().raw());
      int flags = (f.verification().isEmpty() ? 0 : FLAG_VERIFICATION) | (f.sha256Hex() != null ? FLAG_METADATA_EXT : 0);
      b.putInt(flags);
      b.putInt(f.segments().size());
      b.putLong(0);
      for (Segment s : f.segments()) {
        b.put(s.xorbHash().raw());
        b.putInt(s.flags());
        b.putInt(u32(s.unpackedBytes(), "segment length"));
        b.putInt(s.chunkStart());
        b.putInt(s.chunkEnd());
      }
      for (XetHash v : f.verification()) {
        b.put(v.raw());
        b.putLong(0);
        b.putLong(0);
      }
      if (f.sha256Hex() != null) {
        b.put(XetHash.parse(f.sha256Hex()).raw());
        b.putLong(0);
        b.putLong(0);
      }
    }
    bookend(b);
    for (XorbEntry x : xs) {
      b.put(x.xorbHash().raw());
      b.putInt(x.flags());
      b.putInt(x.chunks().size());
      b.putInt(u32(x.bytesInXorb(), "xorb length"));
      b.putInt(u32(x.bytesOnDisk(), "xorb size on disk"));
      for (ChunkEntry c : x.chunks()) {
        b.put(c.hash().raw());
        b.putInt(u32(c.byteStart(), "chunk offset"));
        b.putInt(c.length());
        b.putInt(c.flags());
        b.putInt(0);
      }
    }
    bookend(b);
  }

  private static int u32(long v, String what) {
    if (v < 0 || v > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(what + " out of u32 range: " + v);
    }
    return (int) v;
  }

  private static void bookend(ByteBuffer b) {
    b.put(BOOKEND_HASH);
    b.put(new byte[16]);
  }

  // ---------------------------------------------------------------------------------------------- parsing

  /**
   * Parses and validates a shard (upload form or complete form).
   *
   * @throws XetIntegrityException when it is truncated, has a wrong tag or version, inconsistent counts,
   *     invalid chunk ranges, or a footer that does not match
   * @param data a serialized shard, in upload form or with its footer
   * @return the shard
   */
  public static Shard parse(byte[] data) {
    Objects.requireNonNull(data, "data");
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (data.length < HEADER_SIZE) {
      throw new XetIntegrityException("shard truncated: " + data.length + " bytes, the header alone has " + HEADER_SIZE);
    }
    byte[] tag = new byte[32];
    b.get(tag);
    if (!Arrays.equals(tag, HEADER_TAG)) {
      throw new XetIntegrityException("not a shard: wrong header tag");
    }
    long version = b.getLong();
    if (version != HEADER_VERSION) {
      throw new XetIntegrityException("unsupported shard header version " + version);
    }
    long footerSize = b.getLong();
    if (footerSize != 0 && footerSize != FOOTER_SIZE) {
      throw new XetIntegrityException("unsupported shard footer size " + footerSize);
    }
    List<FileEntry> files = new ArrayList<>();
    while (true) {
      need(b, ENTRY_SIZE, "file info section");
      XetHash h = hash(b);
      int flags = b.getInt();
      long numEntries = Integer.toUnsignedLong(b.getInt());
      b.getLong();
      if (Arrays.equals(h.raw(), BOOKEND_HASH)) {
        break;
      }
      boolean verification = (flags & FLAG_VERIFICATION) != 0;
      boolean ext = (flags & FLAG_METADATA_EXT) != 0;
      long following = numEntries * (verification ? 2 : 1) + (ext ? 1 : 0);
      String where = "file " + h.toHex();
      if (following * ENTRY_SIZE > b.remaining()) {
        throw new XetIntegrityException("shard truncated: " + where + " declares " + numEntries + " segments");
      }
      List<Segment> segs = new ArrayList<>();
      for (long i = 0; i < numEntries; i++) {
        XetHash x = hash(b);
        int xf = b.getInt();
        long len = Integer.toUnsignedLong(b.getInt());
        int start = b.getInt();
        int end = b.getInt();
        if (start < 0 || end <= start) {
          throw new XetIntegrityException("shard " + where + ": segment " + i + " has invalid chunk range ["
              + Integer.toUnsignedString(start) + ", " + Integer.toUnsignedString(end) + ")");
        }
        if (len == 0) {
          throw new XetIntegrityException("shard " + where + ": segment " + i + " is empty");
        }
        segs.add(new Segment(x, xf, len, start, end));
      }
      List<XetHash> ver = new ArrayList<>();
      if (verification) {
        for (long i = 0; i < numEntries; i++) {
          ver.add(hash(b));
          b.getLong();
          b.getLong();
        }
      }
      String sha = null;
      if (ext) {
        sha = hash(b).toHex();
        b.getLong();
        b.getLong();
      }
      if (segs.isEmpty() && !h.equals(XetHash.ZERO)) {
        throw new XetIntegrityException("shard " + where + ": a non-empty file hash with no segments");
      }
      files.add(new FileEntry(h, segs, ver, sha));
    }
    int xorbSectionStart = b.position();
    List<XorbEntry> xorbs = new ArrayList<>();
    while (true) {
      need(b, ENTRY_SIZE, "CAS info section");
      XetHash h = hash(b);
      int flags = b.getInt();
      long num = Integer.toUnsignedLong(b.getInt());
      long inXorb = Integer.toUnsignedLong(b.getInt());
      long onDisk = Integer.toUnsignedLong(b.getInt());
      if (Arrays.equals(h.raw(), BOOKEND_HASH)) {
        break;
      }
      String where = "xorb " + h.toHex();
      if (num * ENTRY_SIZE > b.remaining()) {
        throw new XetIntegrityException("shard truncated: " + where + " declares " + num + " chunks");
      }
      if (num == 0) {
        throw new XetIntegrityException("shard " + where + ": no chunks");
      }
      List<ChunkEntry> cs = new ArrayList<>((int) num);
      long expectStart = 0;
      for (long i = 0; i < num; i++) {
        XetHash ch = hash(b);
        long start = Integer.toUnsignedLong(b.getInt());
        int len = b.getInt();
        int cf = b.getInt();
        b.getInt();
        if (start != expectStart) {
          throw new XetIntegrityException("shard " + where + ": chunk " + i + " starts at " + start + ", expected "
              + expectStart);
        }
        if (len <= 0 || len > GearChunker.MAX) {
          throw new XetIntegrityException("shard " + where + ": chunk " + i + " has invalid length "
              + Integer.toUnsignedString(len));
        }
        expectStart += len;
        cs.add(new ChunkEntry(ch, start, len, cf));
      }
      if (expectStart != inXorb) {
        throw new XetIntegrityException("shard " + where + ": chunks total " + expectStart + " bytes, header says "
            + inXorb);
      }
      xorbs.add(new XorbEntry(h, flags, cs, inXorb, onDisk));
    }
    XetHash key = null;
    if (footerSize == 0) {
      if (b.remaining() != 0) {
        throw new XetIntegrityException("shard has " + b.remaining() + " trailing bytes after the CAS info section");
      }
    } else {
      if (data.length - b.position() < FOOTER_SIZE) {
        throw new XetIntegrityException("shard truncated: footer missing");
      }
      ByteBuffer f = ByteBuffer.wrap(data, data.length - FOOTER_SIZE, FOOTER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      long fv = f.getLong();
      if (fv != FOOTER_VERSION) {
        throw new XetIntegrityException("unsupported shard footer version " + fv);
      }
      long fileInfo = f.getLong();
      long xorbInfo = f.getLong();
      if (fileInfo != HEADER_SIZE || xorbInfo != xorbSectionStart) {
        throw new XetIntegrityException("shard footer offsets do not match the sections");
      }
      f.position(f.position() + 6 * 8);
      byte[] k = new byte[32];
      f.get(k);
      key = XetHash.wrap(k);
      long footerOffset = ByteBuffer.wrap(data, data.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (footerOffset != data.length - FOOTER_SIZE) {
        throw new XetIntegrityException("shard footer offset " + footerOffset + " does not match the shard length");
      }
    }
    return new Shard(files, xorbs, key);
  }

  private static void need(ByteBuffer b, int n, String where) {
    if (b.remaining() < n) {
      throw new XetIntegrityException("shard truncated in the " + where + " (missing bookend)");
    }
  }

  private static XetHash hash(ByteBuffer b) {
    byte[] h = new byte[32];
    b.get(h);
    return XetHash.wrap(h);
  }
}
