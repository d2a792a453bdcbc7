package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The per-blob lock keeps a second thread and a second process out while one downloads. */
@Timeout(60)
class CacheLockTest {
  @TempDir Path tmp;

  @Test
  void threadsOfOneProcessTakeTurns() throws Exception {
    Path lockFile = tmp.resolve(".locks/models--a--b/etag.lock");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(8);
    for (int i = 0; i < 8; i++) {
      new Thread(() -> {
        CacheLock lock = CacheLock.acquire(lockFile);
        try {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Thread.sleep(20);
          inside.decrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          lock.close();
          done.countDown();
        }
      }).start();
    }
    assertTrue(done.await(30, TimeUnit.SECONDS));
    assertEquals(1, maxInside.get());
  }

  @Test
  void anotherProcessHoldingTheLockBlocksUntilItReleases() throws Exception {
    Path lockFile = tmp.resolve(".locks/models--a--b/shared.lock");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheLockHolder.class.getName(),
        lockFile.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("locked"));
      assertEquals("locked", line);

      AtomicLong acquiredAt = new AtomicLong();
      Thread waiter = new Thread(() -> {
        CacheLock lock = CacheLock.acquire(lockFile);
        acquiredAt.set(System.nanoTime());
        lock.close();
      });
      waiter.start();
      waiter.join(700);
      assertTrue(waiter.isAlive(), "the lock must wait for the other process");
      assertEquals(0, acquiredAt.get());

      long releasedAt = System.nanoTime();
      holder.getOutputStream().write('\n');
      holder.getOutputStream().flush();
      waiter.join(20_000);
      assertFalse(waiter.isAlive());
      assertTrue(acquiredAt.get() >= releasedAt);
      assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
    } finally {
      holder.destroyForcibly();
    }
  }
}
