package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a lock file, held across threads of this JVM (a striped in-process lock, since
 * the JVM refuses two overlapping file locks) and across processes: {@code flock(2)} on Linux and macOS, the
 * same kind of lock the Python client's {@code filelock} takes (see {@link Flock}), else a Java file lock.
 * Like Python's {@code WeakFileLock}, a file system that cannot lock (some network mounts) degrades to the
 * in-process lock only: correctness never depends on the lock, since every download writes its own partial
 * file and every blob is verified and renamed into place atomically; the lock only avoids downloading twice.
 */
final class CacheLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

  static {
    for (int i = 0; i < STRIPES.length; i++) STRIPES[i] = new ReentrantLock();
  }

  private static final long POLL_MILLIS = 50;

  private final ReentrantLock local;
  private final @Nullable FileChannel channel;
  private final @Nullable FileLock fileLock;
  private final int flockFd;

  private CacheLock(ReentrantLock local, @Nullable FileChannel channel, @Nullable FileLock fileLock, int flockFd) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
    this.flockFd = flockFd;
  }

  /** Whether this lock excludes other processes through flock(2) (not only other threads). */
  boolean isFlock() {
    return flockFd >= 0;
  }

  /**
   * One attempt without waiting: the lock, or null when another thread or process holds it. For tests and for
   * callers that would rather do something else than wait.
   */
  static @Nullable CacheLock tryAcquire(Path lockFile) {
    Path abs = lockFile.toAbsolutePath().normalize();
    ReentrantLock local = STRIPES[Math.floorMod(abs.hashCode(), STRIPES.length)];
    if (!local.tryLock()) return null;
    try {
      if (Flock.available()) {
        Files.createDirectories(abs.getParent());
        int fd = Flock.open(abs);
        if (Flock.tryLock(fd) == Flock.Attempt.LOCKED && Flock.stillLinked(fd)) return new CacheLock(local, null, null, fd);
        Flock.release(fd);
        local.unlock();
        return null;
      }
      FileChannel channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.tryLock();
      if (fileLock == null) {
        closeQuietly(channel);
        local.unlock();
        return null;
      }
      return new CacheLock(local, channel, fileLock, -1);
    } catch (IOException | RuntimeException e) {
      local.unlock();
      throw new HfIoException("Cannot lock " + abs, e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Blocks until the lock is held. */
  static CacheLock acquire(Path lockFile) {
    Path abs = lockFile.toAbsolutePath().normalize();
    ReentrantLock local = STRIPES[Math.floorMod(abs.hashCode(), STRIPES.length)];
    try {
      local.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HfIoException("Interrupted while waiting for " + abs, new InterruptedIOException());
    }
    if (Flock.available()) {
      CacheLock flocked = acquireFlock(abs, local);
      if (flocked != null) return flocked;
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(abs.getParent());
      channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.tryLock();
      if (fileLock == null) {
        LOG.info("Waiting for another process to finish downloading (lock {})", abs);
        fileLock = channel.lock();
      }
      return new CacheLock(local, channel, fileLock, -1);
    } catch (IOException e) {
      closeQuietly(channel);
      if (Thread.currentThread().isInterrupted()) {
        local.unlock();
        throw new HfIoException("Interrupted while waiting for " + abs, e);
      }
      LOG.debug("cannot lock {} ({}); continuing with an in-process lock only", abs, e.toString());
      return new CacheLock(local, null, null, -1);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      local.unlock();
      throw e;
    }
  }

  /**
   * Polls {@code flock(LOCK_EX|LOCK_NB)} as filelock does (every 50 ms); null when this file system does not
   * support flock (the caller then tries a Java file lock). The in-process lock is held on return, or released
   * when this throws.
   */
  private static @Nullable CacheLock acquireFlock(Path abs, ReentrantLock local) {
    boolean logged = false;
    while (true) {
      int fd;
      try {
        Files.createDirectories(abs.getParent());
        fd = Flock.open(abs);
      } catch (IOException | RuntimeException e) {
        LOG.debug("cannot open {} for flock ({})", abs, e.toString());
        return null;
      }
      Flock.Attempt attempt = Flock.tryLock(fd);
      if (attempt == Flock.Attempt.LOCKED) {
        if (Flock.stillLinked(fd)) return new CacheLock(local, null, null, fd);
        Flock.release(fd);
        continue;
      }
      Flock.release(fd);
      if (attempt == Flock.Attempt.UNSUPPORTED) return null;
      if (!logged) {
        LOG.info("Waiting for another process to finish downloading (lock {})", abs);
        logged = true;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        local.unlock();
        throw new HfIoException("Interrupted while waiting for " + abs, new InterruptedIOException());
      }
    }
  }

  @Override
  public void close() {
    try {
      if (flockFd >= 0) Flock.release(flockFd);
      if (fileLock != null) fileLock.release();
    } catch (IOException e) {
      LOG.debug("cannot release a file lock: {}", e.toString());
    } finally {
      closeQuietly(channel);
      local.unlock();
    }
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("cannot close a lock file: {}", e.toString());
    }
  }
}
