package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import io.hf4j.core.Nullable;
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
 * the JVM refuses two overlapping file locks) and across processes (an OS file lock, the same kind the
 * Python client's {@code filelock} takes). Like Python's {@code WeakFileLock}, a file system that cannot
 * lock (some network mounts) degrades to the in-process lock only: correctness never depends on the
 * lock, since every blob is renamed into place atomically; the lock only avoids downloading twice.
 */
final class CacheLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

  static {
    for (int i = 0; i < STRIPES.length; i++) STRIPES[i] = new ReentrantLock();
  }

  private final ReentrantLock local;
  private final @Nullable FileChannel channel;
  private final @Nullable FileLock fileLock;

  private CacheLock(ReentrantLock local, @Nullable FileChannel channel, @Nullable FileLock fileLock) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
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
    FileChannel channel = null;
    try {
      Files.createDirectories(abs.getParent());
      channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.tryLock();
      if (fileLock == null) {
        LOG.info("Waiting for another process to finish downloading (lock {})", abs);
        fileLock = channel.lock();
      }
      return new CacheLock(local, channel, fileLock);
    } catch (IOException e) {
      closeQuietly(channel);
      if (Thread.currentThread().isInterrupted()) {
        local.unlock();
        throw new HfIoException("Interrupted while waiting for " + abs, e);
      }
      LOG.debug("cannot lock {} ({}); continuing with an in-process lock only", abs, e.toString());
      return new CacheLock(local, null, null);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
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
