package io.hf4j.xet;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Streams an input through the chunker in bounded memory, as a pipeline over a few reusable blocks: the calling
 * thread reads a block and finds its chunk boundaries (the gear scan is sequential), then hands the chunk hashes
 * (in groups of about 1 MiB) and the block's sha256 update (a serial lane, in block order) to the executor and
 * goes on with the next block; the sink sees each block, in order, once its hashes are done. While the caller
 * scans block {@code k + 1} and feeds block {@code k - 1} to the sink, the executor hashes block {@code k}.
 * Memory: {@link #DEPTH} blocks of {@code blockSize} bytes, whatever the input size.
 */
final class ChunkStream {
  static final int DEFAULT_BLOCK = 4 * 1024 * 1024;
  /** Blocks in flight: one being scanned, one being hashed, one being consumed. */
  static final int DEPTH = 3;
  /** Chunk bytes per hashing task. */
  private static final int TASK_BYTES = 1024 * 1024;

  /** Receives the chunks of one block; the buffer is reused after the call returns. */
  interface Sink {
    void accept(byte[] buf, int[] starts, int[] lengths, XetHash[] hashes, int count) throws IOException;
  }

  /** What a pass over the input produced. */
  record Result(long size, @Nullable String sha256Hex) {}

  /** One block in flight. */
  private static final class Block {
    final byte[] buf;
    int[] starts = new int[0];
    int[] lens = new int[0];
    XetHash[] hashes = new XetHash[0];
    int count;
    Parallel.@Nullable Batch hashing;
    Parallel.@Nullable Step sha;

    Block(byte[] buf) {
      this.buf = buf;
    }
  }

  private ChunkStream() {}

  static Result run(InputStream in, boolean sha256, Sink sink) throws IOException {
    return run(in, sha256, DEFAULT_BLOCK, Parallel.DEFAULT, sink);
  }

  static Result run(InputStream in, boolean sha256, @Nullable Executor executor, Sink sink) throws IOException {
    return run(in, sha256, DEFAULT_BLOCK, -1, Parallel.orDefault(executor), sink);
  }

  /** Like {@link #run(InputStream, boolean, Executor, Sink)} for an input expected to hold {@code sizeHint} bytes. */
  static Result run(InputStream in, boolean sha256, long sizeHint, @Nullable Executor executor, Sink sink)
      throws IOException {
    return run(in, sha256, DEFAULT_BLOCK, sizeHint, Parallel.orDefault(executor), sink);
  }

  static Result run(InputStream in, boolean sha256, int blockSize, Executor executor, Sink sink) throws IOException {
    return run(in, sha256, blockSize, -1, executor, sink);
  }

  /**
   * The pipeline. With {@code sizeHint >= 0} smaller than a block, the first block holds just the expected bytes
   * plus one (so the end is seen without a second block): a small file does not allocate a whole block. A wrong
   * hint costs nothing but that: later blocks have the full size, and the small block is not reused.
   */
  static Result run(InputStream in, boolean sha256, int blockSize, long sizeHint, Executor executor, Sink sink)
      throws IOException {
    int size = Math.max(blockSize, 2 * GearChunker.MAX);
    int firstSize = sizeHint >= 0 && sizeHint < size ? (int) sizeHint + 1 : size;
    MessageDigest md = sha256 ? sha() : null;
    Parallel.Lane shaLane = md == null ? null : new Parallel.Lane(executor);
    ArrayDeque<Block> pending = new ArrayDeque<>();
    ArrayDeque<Block> free = new ArrayDeque<>();
    Block prev = null;
    int carryFrom = 0;
    int carryLen = 0;
    long total = 0;
    boolean eof = false;
    boolean ok = false;
    try {
      while (true) {
        if (pending.size() == DEPTH) {
          Block done = consume(pending.poll(), shaLane, sink);
          if (done.buf.length == size) {
            free.add(done);
          }
        }
        Block b = free.isEmpty() ? new Block(new byte[prev == null ? firstSize : size]) : free.poll();
        byte[] buf = b.buf;
        if (carryLen > 0) {
          System.arraycopy(prev.buf, carryFrom, buf, 0, carryLen);
        }
        int filled = carryLen;
        while (!eof && filled < buf.length) {
          int n = in.read(buf, filled, buf.length - filled);
          if (n < 0) {
            eof = true;
          } else {
            filled += n;
          }
        }
        int newBytes = filled - carryLen;
        total += newBytes;
        b.sha = null;
        if (md != null && newBytes > 0) {
          final int from = carryLen;
          b.sha = shaLane.submit(() -> md.update(buf, from, newBytes));
        }
        scan(b, filled, eof);
        startHashing(b, executor);
        pending.add(b);
        int pos = b.count == 0 ? 0 : b.starts[b.count - 1] + b.lens[b.count - 1];
        prev = b;
        carryFrom = pos;
        carryLen = filled - pos;
        if (eof && carryLen == 0) {
          break;
        }
      }
      while (!pending.isEmpty()) {
        consume(pending.poll(), shaLane, sink);
      }
      ok = true;
    } finally {
      if (!ok) {
        for (Block b : pending) {
          if (b.hashing != null) {
            b.hashing.cancel();
          }
        }
        if (shaLane != null) {
          shaLane.cancel();
        }
      }
    }
    String hex = md == null ? null : HexFormat.of().formatHex(md.digest());
    return new Result(total, hex);
  }

  /** Finds the chunk boundaries in {@code buf[0, filled)}; the unfinished tail (if more input follows) stays out. */
  private static void scan(Block b, int filled, boolean eof) {
    int max = filled / GearChunker.MIN + 2;
    if (b.starts.length < max) {
      b.starts = new int[max];
      b.lens = new int[max];
    }
    int count = 0;
    int pos = 0;
    while (pos < filled) {
      int cut = GearChunker.findCut(b.buf, pos, filled, eof);
      if (cut < 0) {
        break;
      }
      b.starts[count] = pos;
      b.lens[count] = cut - pos;
      count++;
      pos = cut;
    }
    b.count = count;
    b.hashes = new XetHash[count];
  }

  /** Hands the chunk hashes of a block to the executor, in groups of about {@link #TASK_BYTES}. */
  private static void startHashing(Block b, Executor executor) {
    b.hashing = null;
    int n = b.count;
    if (n == 0) {
      return;
    }
    // group boundaries: task t hashes chunks [groupStart[t], groupStart[t + 1])
    int[] groupStart = new int[n + 1];
    int groups = 0;
    int bytes = TASK_BYTES;
    for (int i = 0; i < n; i++) {
      if (bytes >= TASK_BYTES) {
        groupStart[groups++] = i;
        bytes = 0;
      }
      bytes += b.lens[i];
    }
    groupStart[groups] = n;
    byte[] buf = b.buf;
    int[] starts = b.starts;
    int[] lens = b.lens;
    XetHash[] hashes = b.hashes;
    b.hashing = Parallel.start(executor, groups, t -> {
      for (int i = groupStart[t]; i < groupStart[t + 1]; i++) {
        hashes[i] = XetHashing.chunkHash(buf, starts[i], lens[i]);
      }
    });
  }

  /** Waits for a block's hashes and sha256 update (helping), feeds it to the sink, returns it for reuse. */
  private static Block consume(Block b, Parallel.@Nullable Lane shaLane, Sink sink) throws IOException {
    if (b.hashing != null) {
      b.hashing.join();
      b.hashing = null;
    }
    if (b.sha != null) {
      shaLane.await(b.sha);
      b.sha = null;
    }
    if (b.count > 0) {
      sink.accept(b.buf, b.starts, b.lens, b.hashes, b.count);
    }
    return b;
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
