package io.hf4j.xet;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Streams an input through the chunker in bounded memory: blocks of the input are read into one buffer,
 * chunk boundaries are found in one sequential pass, chunk hashes are computed in parallel on all cores,
 * and the optional sha256 runs on its own thread over the same bytes.
 */
final class ChunkStream {
  static final int DEFAULT_BLOCK = 8 * 1024 * 1024;

  /** Receives the chunks of one block; the buffer is reused after the call returns. */
  interface Sink {
    void accept(byte[] buf, int[] starts, int[] lengths, XetHash[] hashes, int count) throws IOException;
  }

  /** What a pass over the input produced. */
  record Result(long size, String sha256Hex) {}

  private static final ExecutorService SHA_THREAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hf4j-xet-sha256");
    t.setDaemon(true);
    return t;
  });

  private ChunkStream() {}

  static Result run(InputStream in, boolean sha256, Sink sink) throws IOException {
    return run(in, sha256, DEFAULT_BLOCK, sink);
  }

  static Result run(InputStream in, boolean sha256, int blockSize, Sink sink) throws IOException {
    byte[] buf = new byte[Math.max(blockSize, 2 * GearChunker.MAX)];
    MessageDigest md = sha256 ? sha() : null;
    int filled = 0;
    long total = 0;
    boolean eof = false;
    int[] starts = new int[buf.length / GearChunker.MIN + 2];
    int[] lens = new int[starts.length];
    while (true) {
      int readFrom = filled;
      while (!eof && filled < buf.length) {
        int n = in.read(buf, filled, buf.length - filled);
        if (n < 0) {
          eof = true;
        } else {
          filled += n;
        }
      }
      int newBytes = filled - readFrom;
      total += newBytes;
      CompletableFuture<Void> shaTask = null;
      if (md != null && newBytes > 0) {
        final int from = readFrom;
        shaTask = CompletableFuture.runAsync(() -> md.update(buf, from, newBytes), SHA_THREAD);
      }
      int count = 0;
      int pos = 0;
      while (pos < filled) {
        int cut = GearChunker.findCut(buf, pos, filled, eof);
        if (cut < 0) {
          break;
        }
        starts[count] = pos;
        lens[count] = cut - pos;
        count++;
        pos = cut;
      }
      XetHash[] hashes = new XetHash[count];
      final int n = count;
      if (n > 1) {
        IntStream.range(0, n).parallel().forEach(i -> hashes[i] = XetHashing.chunkHash(buf, starts[i], lens[i]));
      } else if (n == 1) {
        hashes[0] = XetHashing.chunkHash(buf, starts[0], lens[0]);
      }
      await(shaTask);
      if (n > 0) {
        sink.accept(buf, starts, lens, hashes, n);
      }
      if (eof && pos >= filled) {
        break;
      }
      // keep the unfinished chunk at the start of the buffer
      System.arraycopy(buf, pos, buf, 0, filled - pos);
      filled -= pos;
    }
    String hex = md == null ? null : HexFormat.of().formatHex(md.digest());
    return new Result(total, hex);
  }

  private static void await(CompletableFuture<Void> f) throws IOException {
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      throw new IllegalStateException("sha256 failed", e.getCause());
    }
  }

  static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
