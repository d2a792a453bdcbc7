package io.hf4j.xet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Xet hash functions: keyed BLAKE3 for chunks, the Merkle aggregation for xorbs and files, range hashes. */
final class XetHashing {
  private static final byte[] DATA_KEY = bytes(
      102, 151, 245, 119, 91, 149, 80, 222, 49, 53, 203, 172, 165, 151, 24, 28, 157, 228, 33, 16, 155, 235, 43, 88,
      180, 208, 176, 75, 147, 173, 242, 41);
  private static final byte[] INTERNAL_NODE_KEY = bytes(
      1, 126, 197, 199, 165, 71, 41, 150, 253, 148, 102, 102, 180, 138, 2, 230, 93, 221, 83, 111, 55, 199, 109, 210,
      248, 99, 82, 230, 74, 83, 113, 63);
  private static final byte[] VERIFICATION_KEY = bytes(
      127, 24, 87, 214, 206, 86, 237, 102, 18, 127, 249, 19, 231, 165, 195, 243, 164, 205, 38, 213, 181, 219, 73, 230,
      65, 36, 152, 127, 40, 251, 148, 195);
  private static final byte[] ZERO_KEY = new byte[32];

  private static final int[] DATA_WORDS = Blake3.keyWords(DATA_KEY);
  private static final int[] INTERNAL_NODE_WORDS = Blake3.keyWords(INTERNAL_NODE_KEY);
  private static final int[] VERIFICATION_WORDS = Blake3.keyWords(VERIFICATION_KEY);
  private static final int[] ZERO_WORDS = Blake3.keyWords(ZERO_KEY);

  private XetHashing() {}

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  static XetHash keyedHash(byte[] key, byte[] data, int off, int len) {
    return keyedHash(Blake3.keyWords(key), data, off, len);
  }

  private static XetHash keyedHash(int[] keyWords, byte[] data, int off, int len) {
    byte[] out = new byte[32];
    Blake3.hash(keyWords, data, off, len, out, 0);
    return XetHash.wrap(out);
  }

  /** The chunk hash: BLAKE3 keyed with the data key. */
  static XetHash chunkHash(byte[] data, int off, int len) {
    return keyedHash(DATA_WORDS, data, off, len);
  }

  /** A hash and the byte length it covers: a leaf (chunk) or an inner node of the aggregation tree. */
  record Node(XetHash hash, long size) {}

  /** The Merkle aggregation of the spec (mean branching factor 4); the zero hash for no chunks. */
  static XetHash aggregate(List<Node> leaves) {
    if (leaves.isEmpty()) {
      return XetHash.ZERO;
    }
    List<Node> level = leaves;
    while (level.size() > 1) {
      List<Node> next = new ArrayList<>((level.size() + 3) / 4);
      int read = 0;
      while (read < level.size()) {
        int cut = read + nextMergeCut(level, read);
        next.add(merge(level, read, cut));
        read = cut;
      }
      level = next;
    }
    return level.get(0).hash();
  }

  private static int nextMergeCut(List<Node> nodes, int from) {
    int n = nodes.size() - from;
    if (n <= 2) {
      return n;
    }
    int end = Math.min(9, n);
    for (int i = 2; i < end; i++) {
      if (Long.remainderUnsigned(nodes.get(from + i).hash().word(3), 4) == 0) {
        return i + 1;
      }
    }
    return end;
  }

  private static Node merge(List<Node> nodes, int from, int to) {
    StringBuilder sb = new StringBuilder((to - from) * 90);
    long total = 0;
    for (int i = from; i < to; i++) {
      Node n = nodes.get(i);
      sb.append(n.hash().toHex()).append(" : ").append(Long.toUnsignedString(n.size())).append('\n');
      total += n.size();
    }
    byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
    return new Node(keyedHash(INTERNAL_NODE_WORDS, text, 0, text.length), total);
  }

  /** The xorb hash: the aggregation of its chunks. */
  static XetHash xorbHash(List<Node> chunks) {
    return aggregate(chunks);
  }

  /** The file hash: the aggregation keyed once more with the all-zero key; zero for an empty file. */
  static XetHash fileHash(List<Node> chunks) {
    if (chunks.isEmpty()) {
      return XetHash.ZERO;
    }
    byte[] root = aggregate(chunks).raw();
    return keyedHash(ZERO_WORDS, root, 0, 32);
  }

  /** The verification hash of a range of chunk hashes (shard file-info verification entries). */
  static XetHash rangeHash(List<XetHash> chunkHashes) {
    byte[] all = new byte[32 * chunkHashes.size()];
    int p = 0;
    for (XetHash h : chunkHashes) {
      System.arraycopy(h.raw(), 0, all, p, 32);
      p += 32;
    }
    return keyedHash(VERIFICATION_WORDS, all, 0, all.length);
  }

  /** A chunk hash keyed with a shard's HMAC key (global dedupe answers protect their chunk hashes this way). */
  static XetHash hmac(XetHash hash, XetHash key) {
    return keyedHash(key.raw(), hash.raw(), 0, 32);
  }
}
