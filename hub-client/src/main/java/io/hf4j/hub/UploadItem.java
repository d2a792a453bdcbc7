package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One file to add: where it goes, where its bytes come from, and what the upload learned about it. The
 * preupload fields are written by the coordinator before the item is handed to other threads; the
 * hashes are written by one hashing task each. Fields are volatile because the item then travels
 * through several pools.
 */
final class UploadItem {
  final String path;
  final @Nullable Path file;
  final byte @Nullable [] bytes;
  final long size;

  volatile boolean lfs;
  volatile boolean ignored;
  volatile @Nullable String remoteOid;
  volatile @Nullable String sha256;
  /** Stored through Xet (registered by the next flush), not through LFS. */
  volatile boolean viaXet;

  UploadItem(String path, @Nullable Path file, byte @Nullable [] bytes, long size) {
    this.path = path;
    this.file = file;
    this.bytes = bytes;
    this.size = size;
  }

  static UploadItem ofFile(String path, Path file, long size) {
    return new UploadItem(path, file, null, size);
  }

  static UploadItem ofBytes(String path, byte[] bytes) {
    return new UploadItem(path, null, bytes, bytes.length);
  }

  /** Bytes of a file's start the Hub looks at in a preupload call ({@code sample}). */
  static final int SAMPLE = 512;
  /**
   * Files up to this size are read whole when their sample is read, within the upload's budget ({@link
   * #sample(AtomicLong)}): their commit line, hash or transfer then reads the bytes held, not the file again.
   */
  static final int KEEP_MAX = 64 * 1024;

  /** The whole content of a small file, read with its sample; null when not held (then the file is read). */
  private volatile byte @Nullable [] kept;

  /** The first {@code min(512, size)} bytes, for the preupload {@code sample}. */
  byte[] sample() throws IOException {
    return sample(null);
  }

  /**
   * The preupload sample: an array whose first {@code min(512, length)} bytes are the sample (callers use no more).
   * A file of at most {@link #KEEP_MAX} bytes is read whole when {@code budget} (bytes the upload may still hold)
   * covers it: its content is then kept (read once for the sample and the upload) until {@link #drop}; a file whose
   * length is not the listed size is not kept (reading it later fails as before).
   */
  byte[] sample(@Nullable AtomicLong budget) throws IOException {
    int n = (int) Math.min(SAMPLE, size);
    if (bytes != null) return Arrays.copyOf(bytes, n);
    byte[] held = kept;
    if (held != null) return held;
    if (budget != null && size > 0 && size <= KEEP_MAX) {
      if (budget.addAndGet(-size) >= 0) {
        byte[] all = new byte[(int) size];
        int got;
        try {
          got = read(all, true);
        } catch (IOException | RuntimeException e) {
          budget.addAndGet(size);
          throw e;
        }
        if (got == size) {
          kept = all;
          return all;
        }
        budget.addAndGet(size);
        // Not the listed size (it changed since it was listed): its first bytes, as a sample read alone gives them.
        int first = Math.min(n, Math.min(got, all.length));
        return first == all.length ? all : Arrays.copyOf(all, first);
      }
      budget.addAndGet(size);
    }
    return readUpTo(n);
  }

  /** Releases the content held since {@link #sample(AtomicLong)} into {@code budget}; the file is read from then on. */
  void drop(AtomicLong budget) {
    byte[] k = kept;
    if (k != null) {
      kept = null;
      budget.addAndGet(k.length);
    }
  }

  /** The content in memory: the bytes given, or the file's content held since its sample was read; else null. */
  byte @Nullable [] memory() {
    return bytes != null ? bytes : kept;
  }

  /** Up to {@code n} bytes from the file's start (fewer at its end). */
  private byte[] readUpTo(int n) throws IOException {
    byte[] buf = new byte[n];
    int filled = read(buf, false);
    return filled == n ? buf : Arrays.copyOf(buf, filled);
  }

  /**
   * Fills {@code buf} from the file's start as far as the file goes; returns the bytes read, or, with {@code
   * whole}, {@code buf.length + 1} when the file has more. Through a {@link FileInputStream}: a read into the array
   * itself, where a {@link FileChannel} goes through a temporary direct buffer, an interruptible-channel protocol
   * and a cleaner, much more code for the JIT to compile before the first uploads of a JVM run it fast (some 1000
   * small files per call).
   */
  private int read(byte[] buf, boolean whole) throws IOException {
    int filled = 0;
    try (FileInputStream in = new FileInputStream(java.util.Objects.requireNonNull(file, "file").toFile())) {
      while (filled < buf.length) {
        int r = in.read(buf, filled, buf.length - filled);
        if (r < 0) return filled;
        filled += r;
      }
      return whole && in.read() >= 0 ? filled + 1 : filled;
    }
  }

  /** A fresh stream over the content from {@code offset}. */
  InputStream open(long offset) throws IOException {
    byte[] mem = memory();
    if (mem != null) {
      return new ByteArrayInputStream(mem, (int) offset, mem.length - (int) offset);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ch.position(offset);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return Channels.newInputStream(ch);
  }

  /** Where the content comes from, for messages. */
  String source() {
    return file != null ? file.toString() : "<" + size + " bytes>";
  }

  @Override
  public String toString() {
    return path;
  }
}
