package io.hf4j.xet;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Xorb chunk records: an 8-byte header (version, 3-byte compressed length, scheme, 3-byte uncompressed
 * length, lengths little-endian) followed by the payload. Schemes: 0 none, 1 LZ4 frame, 2 byte grouping
 * (4 groups) then LZ4 frame.
 */
final class ChunkCodec {
  static final int HEADER = 8;
  static final int NONE = 0;
  static final int LZ4 = 1;
  static final int BG4_LZ4 = 2;
  static final int MAX_UNCOMPRESSED = GearChunker.MAX;
  static final int MAX_COMPRESSED = 2 * GearChunker.MAX;

  private static final int FRAME_MAGIC = 0x184D2204;
  private static final LZ4Factory FACTORY = LZ4Factory.fastestJavaInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
  private static final XXHash32 XXH32 = XXHashFactory.fastestJavaInstance().hash32();
  /** Frame descriptor: version 01, independent blocks; block max size 256 KiB (one block per chunk). */
  private static final byte FLG = 0x60;
  private static final byte BD = 0x50;
  private static final byte HC;
  private static final int FRAME_OVERHEAD = 4 + 3 + 4 + 4; // magic, FLG BD HC, block size, end mark

  static {
    byte[] d = {FLG, BD};
    HC = (byte) ((XXH32.hash(d, 0, 2, 0) >> 8) & 0xFF);
  }

  private ChunkCodec() {}

  /** Upper bound of an encoded record's size for a chunk of {@code len} bytes. */
  static int maxRecordLength(int len) {
    return HEADER + Math.max(len, FRAME_OVERHEAD + COMPRESSOR.maxCompressedLength(len));
  }

  /**
   * Encodes one chunk as a record into {@code dest} at {@code destOff}; LZ4 when it is smaller, else stored.
   *
   * @return the record length
   */
  static int encode(byte[] src, int off, int len, byte[] dest, int destOff) {
    if (len > 0 && bg4Recommended(src, off, len)) {
      int n = encodeBg4(src, off, len, dest, destOff);
      if (n - HEADER < len) {
        return n;
      }
    }
    int p = destOff + HEADER;
    int frameLen = -1;
    if (len > 0) {
      writeIntLe(dest, p, FRAME_MAGIC);
      dest[p + 4] = FLG;
      dest[p + 5] = BD;
      dest[p + 6] = HC;
      int blockStart = p + 7;
      int max = COMPRESSOR.maxCompressedLength(len);
      int c = COMPRESSOR.compress(src, off, len, dest, blockStart + 4, max);
      if (c < len) {
        writeIntLe(dest, blockStart, c);
        writeIntLe(dest, blockStart + 4 + c, 0);
        frameLen = 7 + 4 + c + 4;
      }
    }
    int scheme;
    int payload;
    if (frameLen > 0 && frameLen < len) {
      scheme = LZ4;
      payload = frameLen;
    } else {
      System.arraycopy(src, off, dest, p, len);
      scheme = NONE;
      payload = len;
    }
    writeHeader(dest, destOff, scheme, payload, len);
    return HEADER + payload;
  }

  static void writeHeader(byte[] dest, int off, int scheme, int compressed, int uncompressed) {
    dest[off] = 0;
    dest[off + 1] = (byte) compressed;
    dest[off + 2] = (byte) (compressed >>> 8);
    dest[off + 3] = (byte) (compressed >>> 16);
    dest[off + 4] = (byte) scheme;
    dest[off + 5] = (byte) uncompressed;
    dest[off + 6] = (byte) (uncompressed >>> 8);
    dest[off + 7] = (byte) (uncompressed >>> 16);
  }

  /** A parsed, validated record header. */
  record Header(int scheme, int compressedLength, int uncompressedLength) {}

  static Header readHeader(byte[] b, int off, String where) {
    if (b[off] != 0) {
      if (b[off] == 'X' && b[off + 1] == 'E' && b[off + 2] == 'T') {
        throw new XetIntegrityException(where + ": unexpected xorb footer where a chunk header was expected");
      }
      throw new XetIntegrityException(where + ": unsupported chunk header version " + (b[off] & 0xFF));
    }
    int compressed = (b[off + 1] & 0xFF) | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF) << 16;
    int scheme = b[off + 4] & 0xFF;
    int uncompressed = (b[off + 5] & 0xFF) | (b[off + 6] & 0xFF) << 8 | (b[off + 7] & 0xFF) << 16;
    if (scheme > BG4_LZ4) {
      throw new XetIntegrityException(where + ": unknown compression scheme " + scheme);
    }
    if (uncompressed > MAX_UNCOMPRESSED) {
      throw new XetIntegrityException(where + ": uncompressed length " + uncompressed + " exceeds " + MAX_UNCOMPRESSED);
    }
    if (compressed > MAX_COMPRESSED) {
      throw new XetIntegrityException(where + ": compressed length " + compressed + " exceeds " + MAX_COMPRESSED);
    }
    if (scheme == NONE && compressed != uncompressed) {
      throw new XetIntegrityException(where + ": stored chunk with compressed length " + compressed
          + " != uncompressed length " + uncompressed);
    }
    return new Header(scheme, compressed, uncompressed);
  }

  /** Decodes a record's payload into a new array of exactly {@code h.uncompressedLength()} bytes. */
  static byte[] decode(Header h, byte[] src, int off, String where) {
    byte[] out = new byte[h.uncompressedLength()];
    switch (h.scheme()) {
      case NONE -> System.arraycopy(src, off, out, 0, h.compressedLength());
      case LZ4 -> decodeFrame(src, off, h.compressedLength(), out, where);
      default -> {
        byte[] grouped = new byte[h.uncompressedLength()];
        decodeFrame(src, off, h.compressedLength(), grouped, where);
        regroup(grouped, out);
      }
    }
    return out;
  }

  /** Decodes an LZ4 frame (independent blocks) that must yield exactly {@code out.length} bytes. */
  private static void decodeFrame(byte[] src, int off, int len, byte[] out, String where) {
    int end = off + len;
    int p = off;
    try {
      if (len < 7 || readIntLe(src, p) != FRAME_MAGIC) {
        throw new XetIntegrityException(where + ": LZ4 payload does not start with a frame magic number");
      }
      int flg = src[p + 4] & 0xFF;
      if ((flg >>> 6) != 1) {
        throw new XetIntegrityException(where + ": unsupported LZ4 frame version");
      }
      boolean blockChecksum = (flg & 0x10) != 0;
      boolean contentSize = (flg & 0x08) != 0;
      boolean contentChecksum = (flg & 0x04) != 0;
      boolean dictId = (flg & 0x01) != 0;
      p += 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1;
      int written = 0;
      while (true) {
        need(p + 4 <= end, where);
        int size = readIntLe(src, p);
        p += 4;
        if (size == 0) {
          break;
        }
        boolean stored = (size & 0x80000000) != 0;
        size &= 0x7FFFFFFF;
        need(p + size <= end && size >= 0, where);
        if (stored) {
          need(written + size <= out.length, where);
          System.arraycopy(src, p, out, written, size);
          written += size;
        } else {
          written += DECOMPRESSOR.decompress(src, p, size, out, written, out.length - written);
        }
        p += size + (blockChecksum ? 4 : 0);
      }
      p += contentChecksum ? 4 : 0;
      need(p <= end, where);
      if (written != out.length) {
        throw new XetIntegrityException(where + ": LZ4 frame decoded to " + written + " bytes, header says "
            + out.length);
      }
    } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
      throw new XetIntegrityException(where + ": corrupt LZ4 data", e);
    }
  }

  private static void need(boolean ok, String where) {
    if (!ok) {
      throw new XetIntegrityException(where + ": truncated LZ4 frame");
    }
  }

  /** Inverse of the 4-way byte grouping: group g holds bytes g, g+4, g+8, ... */
  static void regroup(byte[] grouped, byte[] out) {
    int n = out.length;
    int split = n / 4;
    int rem = n % 4;
    int p = 0;
    for (int g = 0; g < 4; g++) {
      int size = split + (g < rem ? 1 : 0);
      for (int i = 0; i < size; i++) {
        out[4 * i + g] = grouped[p++];
      }
    }
  }

  /** The 4-way byte grouping (the inverse of {@link #regroup}). */
  static void group(byte[] data, int off, int len, byte[] out) {
    int split = len / 4;
    int rem = len % 4;
    int p = 0;
    for (int g = 0; g < 4; g++) {
      int size = split + (g < rem ? 1 : 0);
      for (int i = 0; i < size; i++) {
        out[p++] = data[off + 4 * i + g];
      }
    }
  }

  /**
   * The reference implementation's choice of byte grouping: per byte position modulo 4, the histogram of
   * bit counts; grouping pays off when one position's distribution diverges from the overall one
   * (Kullback-Leibler divergence above 0.02), as in columns of floating-point numbers.
   */
  static boolean bg4Recommended(byte[] data, int off, int len) {
    // hist[9 * g + k]: bytes at positions = g (mod 4) with k bits set; four positions per step, no index masking
    int[] hist = new int[36];
    int i = 0;
    for (int end4 = len & ~3; i < end4; i += 4) {
      int p = off + i;
      hist[Integer.bitCount(data[p] & 0xFF)]++;
      hist[9 + Integer.bitCount(data[p + 1] & 0xFF)]++;
      hist[18 + Integer.bitCount(data[p + 2] & 0xFF)]++;
      hist[27 + Integer.bitCount(data[p + 3] & 0xFF)]++;
    }
    for (; i < len; i++) {
      hist[9 * (i & 3) + Integer.bitCount(data[off + i] & 0xFF)]++;
    }
    long[] base = new long[9];
    long[] totals = new long[4];
    java.util.Arrays.fill(base, 1);
    for (int g = 0; g < 4; g++) {
      for (int j = 0; j < 9; j++) {
        base[j] += hist[9 * g + j];
        totals[g] += hist[9 * g + j];
      }
    }
    long baseTotal = totals[0] + totals[1] + totals[2] + totals[3];
    double max = 0;
    for (int g = 0; g < 4; g++) {
      double kl = 0;
      for (int j = 0; j < 9; j++) {
        double p = (double) hist[9 * g + j] / totals[g];
        double q = (double) base[j] / baseTotal;
        kl += p * Math.log(p / q);
      }
      if (!Double.isNaN(kl)) { // as the reference's f64::max, a NaN (an empty bin) is ignored
        max = Math.max(max, kl);
      }
    }
    return max > 0.02;
  }

  /** Encodes a chunk with byte grouping + LZ4 (stored as such even when not smaller). */
  static int encodeBg4(byte[] src, int off, int len, byte[] dest, int destOff) {
    byte[] grouped = new byte[len];
    group(src, off, len, grouped);
    int p = destOff + HEADER;
    writeIntLe(dest, p, FRAME_MAGIC);
    dest[p + 4] = FLG;
    dest[p + 5] = BD;
    dest[p + 6] = HC;
    int blockStart = p + 7;
    int c = COMPRESSOR.compress(grouped, 0, len, dest, blockStart + 4, COMPRESSOR.maxCompressedLength(len));
    writeIntLe(dest, blockStart, c);
    writeIntLe(dest, blockStart + 4 + c, 0);
    int frameLen = 7 + 4 + c + 4;
    writeHeader(dest, destOff, BG4_LZ4, frameLen, len);
    return HEADER + frameLen;
  }

  static void writeIntLe(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int readIntLe(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
  }
}
