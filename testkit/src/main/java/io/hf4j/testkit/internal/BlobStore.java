package io.hf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content-addressed file storage (by SHA-256). Everything streams through temporary files on disk, so large
 * objects never sit whole in the heap.
 */
public final class BlobStore {
  /** A finished upload in a temporary file, hashed. */
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

  private final Path root;
  private final Path tmp;

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
    return tmp.resolve(UUID.randomUUID().toString());
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
   * {@code hash} (a multipart part is not hashed: the completion hashes the whole object once). One pass, 1 MiB
   * reads. Stops at {@code limit + 1} bytes so the caller can tell that the body was too long.
   */
  public Written write(InputStream in, long limit, boolean hash) throws IOException {
    Path file = newTempFile();
    MessageDigest sha = hash ? Hashes.digest("SHA-256") : null;
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (sha != null) sha.update(buf, 0, n);
        out.write(buf, 0, n);
        total += n;
        if (limit >= 0 && total > limit) {
          break;
        }
      }
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    String digest = sha == null ? "" : Hashes.hex(sha.digest());
    return new Written(file, digest, sha == null ? Ids.randomHex(16) : digest.substring(0, 32), total);
  }

  public Written write(byte[] bytes) {
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      return write(in, -1);
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
    Files.createDirectories(target.getParent());
    try {
      Files.move(written.file(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.deleteIfExists(written.file());
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(written.file(), target, StandardCopyOption.REPLACE_EXISTING);
    }
    return written.sha256();
  }

  /** Stores bytes; returns their SHA-256. */
  public String put(byte[] bytes) {
    try {
      return adopt(write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
