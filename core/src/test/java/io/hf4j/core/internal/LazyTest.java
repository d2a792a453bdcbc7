package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
  @Test
  void buildsOnceForEveryThreadAndNotBeforeFirstUse() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    Lazy<Object> lazy = Lazy.of(() -> {
      builds.incrementAndGet();
      return new Object();
    });
    assertNull(lazy.ifBuilt());
    assertEquals(0, builds.get());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> got = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        got.add(pool.submit(() -> {
          go.await();
          return lazy.get();
        }));
      }
      go.countDown();
      Object first = got.get(0).get(30, TimeUnit.SECONDS);
      for (Future<Object> f : got) assertSame(first, f.get(30, TimeUnit.SECONDS));
      assertSame(first, lazy.ifBuilt());
      assertEquals(1, builds.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedBuildIsTriedAgain() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.of(() -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("trust store unreadable");
      return "ok";
    });
    assertThrows(IllegalStateException.class, lazy::get);
    assertNull(lazy.ifBuilt());
    assertEquals("ok", lazy.get());
    assertEquals(2, calls.get());
  }
}
