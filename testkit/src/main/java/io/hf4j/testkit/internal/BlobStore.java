package io.hf4j.testkit.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;

/**
 * Content-addressed file storage (by SHA-256). Everything streams through temporary files on disk, so large
 * objects never sit whole in the heap.
 */
public final class BlobStore {
  /**
   * A body written to a temporary file.
   *
   * @param file the temporary file
   * @param sha256 its SHA-256 in hex, or empty when the write did not hash (multipart parts)
   * @param etag the S3 ETag answered for it (unquoted): opaque to clients, so it is taken from the SHA-256 when there
   *     is one, else made unique per write (no MD5 pass over the bytes only to name them)
   * @param size its length in bytes
   */
  public record Written(Path file, String sha256, String etag, long size) {}

  /** Per thread: the direct buffer {@link #receiveAgainst} reads stored bytes into (at most 512 KiB each). */
  private static final ThreadLocal<ByteBuffer> STORED = new ThreadLocal<>();
  /** Per thread: the direct buffer a {@link DirectBody} is read into for the comparison (at most 512 KiB each). */
  private static final ThreadLocal<ByteBuffer> BODY = new ThreadLocal<>();

  private final Path root;
  private final Path tmp;
  /** Temporary file names: unique per store (a random prefix, then a counter), without a SecureRandom per file. */
  private final String tmpPrefix = Ids.randomHex(6) + "-";
  private final AtomicLong tmpCounter = new AtomicLong();
  /** The two-hex-digit directories already created (at most 256), so storing a blob costs no directory syscalls. */
  private final Set<Path> madeDirs = ConcurrentHashMap.newKeySet();

  public BlobStore(Path root) {
    this.root = root;
    this.tmp = root.resolve("tmp");
    try {
      Files.createDirectories(tmp);
      // Files of uploads cut short by a kill: nothing refers to them any more.
      try (java.util.stream.Stream<Path> orphans = Files.list(tmp)) {
        for (Path p : (Iterable<Path>) orphans::iterator) Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path path(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  public boolean has(String sha256) {
    return Hashes.isSha256Hex(sha256) && Files.isRegularFile(path(sha256));
  }

  public long size(String sha256) {
    try {
      return Files.size(path(sha256));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public InputStream open(String sha256) throws IOException {
    return Files.newInputStream(path(sha256));
  }

  public byte[] read(String sha256) {
    try {
      return Files.readAllBytes(path(sha256));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path newTempFile() throws IOException {
    return tmp.resolve(tmpPrefix + tmpCounter.incrementAndGet());
  }

  /**
   * Copies at most {@code limit} bytes (-1: all) of {@code in} into a temporary file while hashing it with SHA-256.
   * Stops at {@code limit + 1} bytes so the caller can tell that the body was too long.
   */
  public Written write(InputStream in, long limit) throws IOException {
    return write(in, limit, true);
  }

  /**
   * Copies at most {@code limit} bytes (-1: all) of {@code in} into a temporary file, hashing it with SHA-256 when
   * {@code hash}. One pass: the body is read into a 1 MiB buffer until it is full, then hashed and written with one
   * write call. Stops at {@code limit + 1} bytes so the caller can tell that the body was too long.
   */
  public Written write(InputStream in, long limit, boolean hash) throws IOException {
    Path file = newTempFile();
    MessageDigest sha = hash ? Hashes.digest("SHA-256") : null;
    long total;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      total = copyAt(in, out, 0, limit, sha);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    String digest = sha == null ? "" : Hashes.hex(sha.digest());
    return new Written(file, digest, sha == null ? Ids.randomHex(16) : digest.substring(0, 32), total);
  }

  /**
   * Copies {@code in} into {@code out} from {@code offset} on, at most {@code limit} bytes (-1: all), updating
   * {@code sha} (when not null) with what it writes. Reads one byte past the limit to tell a body that is too long
   * (that byte is neither written nor hashed); returns the number of bytes read, at most {@code limit + 1}.
   */
  static long copyAt(InputStream in, FileChannel out, long offset, long limit, MessageDigest sha) throws IOException {
    return copyAt(in, out, offset, limit, sha, null);
  }

  /**
   * As {@link #copyAt(InputStream, FileChannel, long, long, MessageDigest)}, each write made holding {@code writes}
   * (when not null): several bodies written into one file at once otherwise contend for the file's inode lock in the
   * kernel, which spins; a Java lock parks the waiting thread instead.
   */
  static long copyAt(InputStream in, FileChannel out, long offset, long limit, MessageDigest sha, Lock writes)
      throws IOException {
    byte[] buf = new byte[bufferSize(limit, 1 << 20)];
    ByteBuffer wrapped = ByteBuffer.wrap(buf);
    long total = 0;
    while (limit < 0 || total <= limit) {
      int want = limit < 0 ? buf.length : (int) Math.min(buf.length, limit + 1 - total);
      int n = in.readNBytes(buf, 0, want);
      if (n <= 0) {
        break;
      }
      int keep = limit < 0 ? n : (int) Math.min(n, limit - total);
      if (keep > 0) {
        if (sha != null) {
          sha.update(buf, 0, keep);
        }
        wrapped.clear().limit(keep);
        long at = offset + total;
        if (writes != null) {
          writes.lock();
        }
        try {
          while (wrapped.hasRemaining()) {
            at += out.write(wrapped, at);
          }
        } finally {
          if (writes != null) {
            writes.unlock();
          }
        }
      }
      total += n;
      if (n < want) {
        break;
      }
    }
    return total;
  }

  /**
   * A body received against a stored blob.
   *
   * @param total the bytes read (at most the limit + 1)
   * @param written null when every byte read within the limit equals the stored blob's byte at the same position
   *     (nothing was written), else the whole body in a temporary file (as {@link #write(InputStream, long, boolean)}
   *     leaves it)
   */
  public record Compared(long total, Written written) {}

  /**
   * Receives at most {@code limit} bytes of {@code in} (reading one more to tell a body that is too long), comparing
   * them with the stored blob {@code sha256} from {@code offset} on. While they match, nothing is written or hashed:
   * a client sending bytes the store already holds (the same file into another repo, a retried upload) costs a read
   * of cached pages and a comparison. At the first byte that differs, the matched prefix is copied from the blob into
   * a temporary file and the rest of the body follows it there, hashed with SHA-256 when {@code hash}, so the caller
   * checks it as if it had been written from the start.
   */
  public Compared receiveAgainst(InputStream in, String sha256, long offset, long limit, boolean hash)
      throws IOException {
    if (in instanceof DirectBody d && d.readsDirect()) {
      return receiveDirect(d, in, sha256, offset, limit, hash);
    }
    byte[] buf = new byte[bufferSize(limit, 1 << 19)];
    ByteBuffer body = ByteBuffer.wrap(buf);
    // The stored bytes are read into a direct buffer (kept per thread) and compared there with the body: one copy out
    // of the page cache, not the two of a heap buffer (the JDK reads into a temporary direct buffer and copies it).
    // Mapping the blob instead cost more here (a page fault per few pages on this kind of VM).
    ByteBuffer stored = storedBuffer(buf.length);
    long total = 0;
    try (FileChannel blob = FileChannel.open(path(sha256), StandardOpenOption.READ)) {
      while (total <= limit) {
        int want = (int) Math.min(buf.length, limit + 1 - total);
        int n = in.readNBytes(buf, 0, want);
        if (n <= 0) {
          break;
        }
        int inside = (int) Math.min(n, limit - total);
        int differs = mismatch(blob, offset + total, stored, body.limit(inside).position(0));
        if (differs >= 0) {
          return new Compared(-1, writeAfterMismatch(in, blob, offset, total, buf, n, limit, hash));
        }
        total += n;
        if (n < want) {
          break;
        }
      }
    }
    return new Compared(total, null);
  }

  /**
   * Reads the blob's bytes from {@code position} into {@code stored} (as many as {@code body} has left) and compares:
   * the index of the first byte that differs, or of the first the blob does not have; -1 when they are equal.
   */
  private static int mismatch(FileChannel blob, long position, ByteBuffer stored, ByteBuffer body) throws IOException {
    int inside = body.remaining();
    stored.clear().limit(inside);
    while (stored.hasRemaining() && blob.read(stored, position + stored.position()) > 0) {
      // until the region is read (the caller checked that the blob covers it)
    }
    int got = stored.flip().remaining();
    int differs = body.mismatch(stored);
    return differs < 0 && got < inside ? got : differs;
  }

  /**
   * {@link #receiveAgainst} for a body read straight from the socket ({@link DirectBody}): the body goes into a direct
   * buffer of its own and is compared there, without the copy into a heap array. The same reads and answers: up to one
   * byte past the limit, and at the first difference the bytes read so far go to {@link #writeAfterMismatch}.
   */
  private Compared receiveDirect(DirectBody d, InputStream in, String sha256, long offset, long limit, boolean hash)
      throws IOException {
    int size = bufferSize(limit, 1 << 19);
    ByteBuffer body = buffer(BODY, size);
    ByteBuffer stored = buffer(STORED, size);
    long total = 0;
    try (FileChannel blob = FileChannel.open(path(sha256), StandardOpenOption.READ)) {
      while (total <= limit) {
        int want = (int) Math.min(size, limit + 1 - total);
        body.clear().limit(want);
        while (body.hasRemaining() && d.read(body) >= 0) {
          // until the buffer holds what was asked for, or the body ended
        }
        int n = body.position();
        if (n <= 0) {
          break;
        }
        int inside = (int) Math.min(n, limit - total);
        int differs = mismatch(blob, offset + total, stored, body.flip().limit(inside));
        if (differs >= 0) {
          byte[] buf = new byte[n];
          body.clear().limit(n);
          body.get(buf);
          return new Compared(-1, writeAfterMismatch(in, blob, offset, total, buf, n, limit, hash));
        }
        total += n;
        if (n < want) {
          break;
        }
      }
    }
    return new Compared(total, null);
  }

  /** A direct buffer of at least {@code size} bytes for this thread (at most 512 KiB are kept per thread). */
  private static ByteBuffer storedBuffer(int size) {
    return buffer(STORED, size);
  }

  private static ByteBuffer buffer(ThreadLocal<ByteBuffer> kept, int size) {
    ByteBuffer b = kept.get();
    if (b == null || b.capacity() < size) {
      b = ByteBuffer.allocateDirect(Math.max(size, 64 * 1024));
      kept.set(b);
    }
    return b;
  }

  /** A copy buffer for a body of at most {@code limit} bytes (-1: unknown): the body and one byte, at most {@code max}. */
  private static int bufferSize(long limit, int max) {
    return limit < 0 ? max : (int) Math.max(1, Math.min(max, limit + 1));
  }

  /**
   * The rest of {@link #receiveAgainst}: {@code matched} bytes equal the blob from {@code offset}, {@code buf} holds
   * the next {@code n} bytes read, {@code in} the rest. Written as {@link #write(InputStream, long, boolean)} writes the
   * body replayed from its start: the matched prefix read back from the blob, then {@code buf}, then {@code in}.
   */
  private Written writeAfterMismatch(InputStream in, FileChannel blob, long offset, long matched, byte[] buf, int n,
      long limit, boolean hash) throws IOException {
    InputStream prefix = new BlobRegion(blob, offset, matched);
    InputStream replay = new SequenceInputStream(prefix, new SequenceInputStream(new ByteArrayInputStream(buf, 0, n), in));
    return write(replay, limit, hash);
  }

  /** {@code length} bytes of a stored blob from {@code offset}; a blob ending sooner is an error, not a short body. */
  private static final class BlobRegion extends InputStream {
    private final FileChannel blob;
    private long at;
    private final long end;

    BlobRegion(FileChannel blob, long offset, long length) {
      this.blob = blob;
      this.at = offset;
      this.end = offset + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (at >= end) {
        return -1;
      }
      int r = blob.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - at)), at);
      if (r <= 0) {
        throw new IOException("stored blob shorter than expected");
      }
      at += r;
      return r;
    }
  }

  /**
   * Stores bytes held in memory (a regular file of a commit); returns their SHA-256. Nothing is written when the
   * store already has them.
   */
  public String put(byte[] bytes) {
    String sha256 = Hashes.sha256(bytes);
    try {
      if (Files.isRegularFile(path(sha256))) {
        return sha256;
      }
      Path file = newTempFile();
      try {
        Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return adopt(new Written(file, sha256, sha256.substring(0, 32), bytes.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Moves a written temporary file into the store under its hash. */
  public String adopt(Written written) throws IOException {
    Path target = path(written.sha256());
    if (Files.exists(target)) {
      Files.deleteIfExists(written.file());
      return written.sha256();
    }
    Path dir = target.getParent();
    if (!madeDirs.contains(dir)) {
      Files.createDirectories(dir);
      madeDirs.add(dir);
    }
    try {
      Files.move(written.file(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(written.file());
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written.file(), target, StandardCopyOption.REPLACE_EXISTING);
    }
    return written.sha256();
  }

  public void discard(Written written) {
    if (written != null) {
      try {
        Files.deleteIfExists(written.file());
      } catch (IOException ignored) {
        // best effort
      }
    }
  }

  /** Deletes a directory tree (used for in-memory mode's temporary storage). */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
