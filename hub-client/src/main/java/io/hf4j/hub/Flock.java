package io.hf4j.hub;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import org.jspecify.annotations.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flock(2)} on a lock file, through JNA: the lock the Python client's {@code filelock} takes on Linux and
 * macOS. Java's {@code FileChannel.lock} takes {@code fcntl} record locks instead, and on Linux the two ignore each
 * other, so a JVM and a Python process sharing one cache would not exclude each other with it.
 */
final class Flock {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  private static final int LOCK_EX = 2;
  private static final int LOCK_NB = 4;
  private static final int LOCK_UN = 8;
  private static final int O_RDWR = 2;
  private static final @Nullable CLib LIBC = load();

  /** The few libc calls used here. */
  interface CLib extends Library {
    int open(String path, int flags, int mode) throws LastErrorException;

    int flock(int fd, int operation) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  /** The outcome of one non-blocking attempt. */
  enum Attempt { LOCKED, BUSY, UNSUPPORTED }

  private Flock() {}

  private static @Nullable CLib load() {
    if (!Platform.isLinux() && !Platform.isMac()) return null;
    try {
      return Native.load(Platform.C_LIBRARY_NAME, CLib.class);
    } catch (LinkageError | RuntimeException e) {
      LOG.debug("flock(2) is not available ({}); cache locks are Java file locks only", e.toString());
      return null;
    }
  }

  /** Whether flock(2) can be used on this platform. */
  static boolean available() {
    return LIBC != null;
  }

  private static int oCreat() {
    return Platform.isMac() ? 0x200 : 0100;
  }

  private static int oNoFollow() {
    return Platform.isMac() ? 0x100 : 0400000;
  }

  /** Opens (creating, mode 0664 as huggingface_hub's WeakFileLock) the lock file; the descriptor. */
  static int open(Path file) {
    CLib c = java.util.Objects.requireNonNull(LIBC, "flock unavailable");
    try {
      return c.open(file.toString(), O_RDWR | oCreat() | oNoFollow(), 0664);
    } catch (LastErrorException e) {
      throw new IllegalStateException("open(" + file + ") failed: errno " + e.getErrorCode(), e);
    }
  }

  /** One non-blocking exclusive attempt on an open descriptor. */
  static Attempt tryLock(int fd) {
    CLib c = java.util.Objects.requireNonNull(LIBC, "flock unavailable");
    try {
      c.flock(fd, LOCK_EX | LOCK_NB);
      return Attempt.LOCKED;
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      // EWOULDBLOCK/EAGAIN (11 Linux, 35 macOS), EACCES (13), EINTR (4): held elsewhere or interrupted, try again.
      if (errno == 11 || errno == 35 || errno == 13 || errno == 4) return Attempt.BUSY;
      LOG.debug("flock failed with errno {}", errno);
      return Attempt.UNSUPPORTED;
    }
  }

  /**
   * Whether the locked descriptor still names the file at {@code path}: a lock taken on an inode another process
   * unlinked meanwhile excludes nobody (filelock drops it and retries the same way). Only checkable on Linux.
   */
  static boolean stillLinked(int fd) {
    Path proc = Path.of("/proc/self/fd/" + fd);
    if (!Files.exists(proc)) return true;
    try {
      Object nlink = Files.getAttribute(proc, "unix:nlink");
      return !(nlink instanceof Integer n) || n > 0;
    } catch (Exception e) {
      return true;
    }
  }

  /** Unlocks and closes the descriptor. */
  static void release(int fd) {
    CLib c = LIBC;
    if (c == null) return;
    try {
      c.flock(fd, LOCK_UN);
    } catch (LastErrorException e) {
      LOG.debug("flock(LOCK_UN) failed with errno {}", e.getErrorCode());
    }
    try {
      c.close(fd);
    } catch (LastErrorException e) {
      LOG.debug("close failed with errno {}", e.getErrorCode());
    }
  }
}
