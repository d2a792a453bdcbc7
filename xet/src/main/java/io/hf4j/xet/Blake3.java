package io.hf4j.xet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keyed BLAKE3 with a 32-byte output, one-shot over a contiguous input (all the Xet hashes are: chunks of at
 * most 128 KiB, Merkle node texts, the 32-byte inputs of file and HMAC hashes). The compression function works on
 * local ints with the seven rounds unrolled and the message schedule resolved at generation time; message words
 * are read straight from the input (little-endian view); a hash allocates only its small chaining-value stack.
 */
final class Blake3 {
  private static final int CHUNK_START = 1;
  private static final int CHUNK_END = 2;
  private static final int PARENT = 4;
  private static final int ROOT = 8;
  private static final int KEYED_HASH = 16;
  private static final int BLOCK = 64;
  private static final int CHUNK = 1024;
  private static final int IV0 = 0x6A09E667;
  private static final int IV1 = 0xBB67AE85;
  private static final int IV2 = 0x3C6EF372;
  private static final int IV3 = 0xA54FF53A;
  private static final VarHandle LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Blake3() {}

  /** The 8 key words of a 32-byte key. */
  static int[] keyWords(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a BLAKE3 key has 32 bytes");
    }
    int[] k = new int[8];
    for (int i = 0; i < 8; i++) {
      k[i] = (int) LE.get(key, 4 * i);
    }
    return k;
  }

  /** Keyed hash of {@code in[off, off + len)}: 32 bytes into {@code out} at {@code outOff}. */
  static void hash(int[] key, byte[] in, int off, int len, byte[] out, int outOff) {
    int chunks = len <= CHUNK ? 1 : (len + CHUNK - 1) / CHUNK;
    // chaining values of completed subtrees, 8 words each; depth <= log2(chunks) + 1
    int[] stack = new int[8 * (33 - Integer.numberOfLeadingZeros(chunks))];
    int depth = 0;
    int[] cv = new int[8];
    int p = off;
    for (long c = 0; c < chunks - 1; c++) {
      System.arraycopy(key, 0, cv, 0, 8);
      for (int b = 0; b < CHUNK / BLOCK; b++) {
        int flags = KEYED_HASH | (b == 0 ? CHUNK_START : 0) | (b == CHUNK / BLOCK - 1 ? CHUNK_END : 0);
        compressBytes(cv, in, p, c, BLOCK, flags);
        p += BLOCK;
      }
      // merge completed subtrees: as many as trailing zero bits of the chunk count so far
      long total = c + 1;
      while ((total & 1) == 0) {
        depth--;
        parent(key, stack, 8 * depth, cv, KEYED_HASH);
        total >>>= 1;
      }
      System.arraycopy(cv, 0, stack, 8 * depth, 8);
      depth++;
    }
    // the last chunk: all blocks but the last compressed; the last is kept as the pending output
    long counter = chunks - 1;
    int rest = off + len - p;
    System.arraycopy(key, 0, cv, 0, 8);
    int startFlag = CHUNK_START;
    while (rest > BLOCK) {
      compressBytes(cv, in, p, counter, BLOCK, KEYED_HASH | startFlag);
      startFlag = 0;
      p += BLOCK;
      rest -= BLOCK;
    }
    byte[] last = new byte[BLOCK];
    System.arraycopy(in, p, last, 0, rest);
    int lastFlags = KEYED_HASH | startFlag | CHUNK_END;
    if (depth == 0) {
      compressBytes(cv, last, 0, counter, rest, lastFlags | ROOT);
    } else {
      compressBytes(cv, last, 0, counter, rest, lastFlags);
      while (depth > 1) {
        depth--;
        parent(key, stack, 8 * depth, cv, KEYED_HASH);
      }
      parent(key, stack, 0, cv, KEYED_HASH | ROOT);
    }
    for (int i = 0; i < 8; i++) {
      LE.set(out, outOff + 4 * i, cv[i]);
    }
  }

  /** {@code right = parent(stack[at..at+8], right)}, chaining from the key. */
  private static void parent(int[] key, int[] stack, int at, int[] right, int flags) {
    compress(key, right,
        stack[at], stack[at + 1], stack[at + 2], stack[at + 3],
        stack[at + 4], stack[at + 5], stack[at + 6], stack[at + 7],
        right[0], right[1], right[2], right[3], right[4], right[5], right[6], right[7],
        0, BLOCK, flags | PARENT);
  }

  private static void compressBytes(int[] cv, byte[] in, int p, long counter, int blockLen, int flags) {
    compress(cv, cv,
        (int) LE.get(in, p), (int) LE.get(in, p + 4), (int) LE.get(in, p + 8), (int) LE.get(in, p + 12),
        (int) LE.get(in, p + 16), (int) LE.get(in, p + 20), (int) LE.get(in, p + 24), (int) LE.get(in, p + 28),
        (int) LE.get(in, p + 32), (int) LE.get(in, p + 36), (int) LE.get(in, p + 40), (int) LE.get(in, p + 44),
        (int) LE.get(in, p + 48), (int) LE.get(in, p + 52), (int) LE.get(in, p + 56), (int) LE.get(in, p + 60),
        counter, blockLen, flags);
  }

  /** The compression function; writes the 8-word chaining value to {@code out} ({@code out} may be {@code cv}). */
  private static void compress(int[] cv, int[] out,
      int m0, int m1, int m2, int m3, int m4, int m5, int m6, int m7,
      int m8, int m9, int m10, int m11, int m12, int m13, int m14, int m15,
      long counter, int blockLen, int flags) {
    int s0 = cv[0];
    int s1 = cv[1];
    int s2 = cv[2];
    int s3 = cv[3];
    int s4 = cv[4];
    int s5 = cv[5];
    int s6 = cv[6];
    int s7 = cv[7];
    int s8 = IV0;
    int s9 = IV1;
    int s10 = IV2;
    int s11 = IV3;
    int s12 = (int) counter;
    int s13 = (int) (counter >>> 32);
    int s14 = blockLen;
    int s15 = flags;
    // round 1
    s0 += s4 + m0; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m1; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m2; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m3; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m4; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m5; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m6; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m7; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m8; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m9; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m10; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m11; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m12; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m13; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m14; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m15; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 2
    s0 += s4 + m2; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m6; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m3; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m10; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m7; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m0; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m4; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m13; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m1; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m11; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m12; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m5; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m9; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m14; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m15; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m8; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 3
    s0 += s4 + m3; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m4; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m10; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m12; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m13; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m2; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m7; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m14; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m6; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m5; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m9; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m0; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m11; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m15; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m8; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m1; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 4
    s0 += s4 + m10; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m7; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m12; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m9; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m14; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m3; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m13; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m15; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m4; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m0; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m11; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m2; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m5; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m8; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m1; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m6; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 5
    s0 += s4 + m12; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m13; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m9; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m11; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m15; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m10; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m14; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m8; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m7; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m2; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m5; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m3; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m0; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m1; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m6; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m4; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 6
    s0 += s4 + m9; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m14; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m11; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m5; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m8; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m12; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m15; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m1; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m13; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m3; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m0; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m10; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m2; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m6; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m4; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m7; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);
    // round 7
    s0 += s4 + m11; s12 = Integer.rotateRight(s12 ^ s0, 16);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 12);
    s0 += s4 + m15; s12 = Integer.rotateRight(s12 ^ s0, 8);
    s8 += s12; s4 = Integer.rotateRight(s4 ^ s8, 7);
    s1 += s5 + m5; s13 = Integer.rotateRight(s13 ^ s1, 16);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 12);
    s1 += s5 + m0; s13 = Integer.rotateRight(s13 ^ s1, 8);
    s9 += s13; s5 = Integer.rotateRight(s5 ^ s9, 7);
    s2 += s6 + m1; s14 = Integer.rotateRight(s14 ^ s2, 16);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 12);
    s2 += s6 + m9; s14 = Integer.rotateRight(s14 ^ s2, 8);
    s10 += s14; s6 = Integer.rotateRight(s6 ^ s10, 7);
    s3 += s7 + m8; s15 = Integer.rotateRight(s15 ^ s3, 16);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 12);
    s3 += s7 + m6; s15 = Integer.rotateRight(s15 ^ s3, 8);
    s11 += s15; s7 = Integer.rotateRight(s7 ^ s11, 7);
    s0 += s5 + m14; s15 = Integer.rotateRight(s15 ^ s0, 16);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 12);
    s0 += s5 + m10; s15 = Integer.rotateRight(s15 ^ s0, 8);
    s10 += s15; s5 = Integer.rotateRight(s5 ^ s10, 7);
    s1 += s6 + m2; s12 = Integer.rotateRight(s12 ^ s1, 16);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 12);
    s1 += s6 + m12; s12 = Integer.rotateRight(s12 ^ s1, 8);
    s11 += s12; s6 = Integer.rotateRight(s6 ^ s11, 7);
    s2 += s7 + m3; s13 = Integer.rotateRight(s13 ^ s2, 16);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 12);
    s2 += s7 + m4; s13 = Integer.rotateRight(s13 ^ s2, 8);
    s8 += s13; s7 = Integer.rotateRight(s7 ^ s8, 7);
    s3 += s4 + m7; s14 = Integer.rotateRight(s14 ^ s3, 16);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 12);
    s3 += s4 + m13; s14 = Integer.rotateRight(s14 ^ s3, 8);
    s9 += s14; s4 = Integer.rotateRight(s4 ^ s9, 7);

    out[0] = s0 ^ s8;
    out[1] = s1 ^ s9;
    out[2] = s2 ^ s10;
    out[3] = s3 ^ s11;
    out[4] = s4 ^ s12;
    out[5] = s5 ^ s13;
    out[6] = s6 ^ s14;
    out[7] = s7 ^ s15;
  }
}
