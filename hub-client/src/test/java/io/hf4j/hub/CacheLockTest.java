package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hf4j.testfixtures.PythonPeer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

  private static final String PY_HOLD = String.join("\n",
      "import os, sys, time",
      "from filelock import FileLock",
      "lock = FileLock(sys.argv[1])",
      "lock.acquire()",
      "open(sys.argv[2], 'w').close()",
      "deadline = time.time() + 60",
      "while not os.path.exists(sys.argv[3]) and time.time() < deadline:",
      "    time.sleep(0.01)",
      "lock.release()",
      "print('released')",
      "");

  private static final String PY_TRY = String.join("\n",
      "import sys",
      "from filelock import FileLock, Timeout",
      "lock = FileLock(sys.argv[1], timeout=0)",
      "try:",
      "    lock.acquire()",
      "    lock.release()",
      "    print('acquired')",
      "except Timeout:",
      "    print('busy')",
      "");

  /** Polls for a file another process creates (a real asynchronous effect), up to a deadline. */
  private static void awaitFile(Path file, CompletableFuture<?> process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (process.isDone()) throw new AssertionError("the Python process ended early: " + process.join());
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + file);
      Thread.sleep(10);
    }
  }

  @Test
  @Timeout(120)
  void excludesAndIsExcludedByPythonsFilelock() throws Exception {
    assertTrue(Flock.available(), "flock(2) through JNA must load on this platform");
    Path lockFile = tmp.resolve(".locks/models--a--b/py.lock");
    Files.createDirectories(lockFile.getParent());
    Path ready = tmp.resolve("ready");
    Path release = tmp.resolve("release");

    // Python holds the lock: hf4j cannot take it until Python lets go.
    CompletableFuture<PythonPeer.Result> holder = CompletableFuture.supplyAsync(() -> PythonPeer.run(tmp.resolve("py1"),
        Duration.ofSeconds(90), Map.of(), PY_HOLD, lockFile.toString(), ready.toString(), release.toString()));
    awaitFile(ready, holder);
    assertNull(CacheLock.tryAcquire(lockFile), "Python holds the lock");
    Files.createFile(release);
    CacheLock lock = CacheLock.acquire(lockFile);
    assertTrue(lock.isFlock());
    holder.join().assertSuccess();

    // hf4j holds the lock: Python's filelock cannot take it until hf4j lets go.
    PythonPeer.Result busy = PythonPeer.run(tmp.resolve("py2"), Duration.ofSeconds(60), Map.of(), PY_TRY, lockFile.toString())
        .assertSuccess();
    assertEquals("busy", busy.stdout().strip());
    lock.close();
    PythonPeer.Result free = PythonPeer.run(tmp.resolve("py3"), Duration.ofSeconds(60), Map.of(), PY_TRY, lockFile.toString())
        .assertSuccess();
    assertEquals("acquired", free.stdout().strip());
    CacheLock again = CacheLock.tryAcquire(lockFile);
    assertNotNull(again);
    again.close();
  }
}
