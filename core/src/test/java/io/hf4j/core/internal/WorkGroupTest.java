package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkGroupTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private final List<ExecutorService> pools = new ArrayList<>();

  private ExecutorService pool(int threads) {
    ExecutorService p = Executors.newFixedThreadPool(threads);
    pools.add(p);
    return p;
  }

  @AfterEach
  void stopPools() {
    for (ExecutorService p : pools) p.shutdownNow();
  }

  private static CompletableFuture<Void> all(List<CompletableFuture<?>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
  }

  @Test
  void theCallerAloneFinishesTheWorkWhenEveryExecutorThreadIsBusy() {
    ExecutorService one = pool(1);
    CountDownLatch release = new CountDownLatch(1);
    one.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    AtomicInteger onCaller = new AtomicInteger();
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      Thread caller = Thread.currentThread();
      try (WorkGroup group = new WorkGroup(one)) {
        WorkGroup.Lane lane = group.lane(4);
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          futures.add(lane.run(() -> {
            if (Thread.currentThread() == caller) onCaller.incrementAndGet();
          }));
        }
        group.helpUntil(all(futures), () -> { }, 20);
      }
    });
    release.countDown();
    assertEquals(20, onCaller.get(), "the only executor thread was busy: the caller ran every task");
  }

  @Test
  void aFanOutOnASmallExecutorCompletesWhenTheCallsThemselvesOccupyItsThreads() {
    // Two executor threads, eight calls each fanning out 50 tasks from a task of that same executor: the calls
    // hold both threads, their helpers queue behind them, and only the callers' own participation moves on.
    ExecutorService two = pool(2);
    AtomicInteger done = new AtomicInteger();
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      List<CompletableFuture<?>> calls = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        calls.add(CompletableFuture.runAsync(() -> {
          try (WorkGroup group = new WorkGroup(two)) {
            WorkGroup.Lane lane = group.lane(3);
            List<CompletableFuture<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) tasks.add(lane.run(done::incrementAndGet));
            group.helpUntil(all(tasks), () -> { }, 20);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }, two));
      }
      all(calls).join();
    });
    assertEquals(8 * 50, done.get());
  }

  @Test
  void aLaneRunsAtMostItsParallelismAtOnce() throws Exception {
    ExecutorService eight = pool(8);
    AtomicInteger current = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch twoRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    try (WorkGroup group = new WorkGroup(eight)) {
      WorkGroup.Lane lane = group.lane(2);
      List<CompletableFuture<?>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(lane.run(() -> {
          max.accumulateAndGet(current.incrementAndGet(), Math::max);
          twoRunning.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          current.decrementAndGet();
        }));
      }
      assertTrue(twoRunning.await(30, TimeUnit.SECONDS));
      // Even the caller may not take a third one while two run.
      assertFalse(group.runOne(), "a lane at its bound gives the caller nothing");
      release.countDown();
      group.helpUntil(all(futures), () -> { }, 20);
    }
    assertEquals(2, max.get());
  }

  @Test
  void aSerialLaneRunsItsTasksOneAtATimeInOrder() throws Exception {
    ExecutorService four = pool(4);
    List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger current = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    try (WorkGroup group = new WorkGroup(four)) {
      WorkGroup.Lane serial = group.lane(1);
      List<CompletableFuture<?>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        futures.add(serial.run(() -> {
          max.accumulateAndGet(current.incrementAndGet(), Math::max);
          order.add(n);
          current.decrementAndGet();
        }));
      }
      group.helpUntil(all(futures), () -> { }, 20);
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) expected.add(i);
    assertEquals(expected, order);
    assertEquals(1, max.get());
  }

  @Test
  void closeDropsWhatDidNotStartAndWaitsForWhatRuns() throws Exception {
    ExecutorService one = pool(1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WorkGroup group = new WorkGroup(one);
    WorkGroup.Lane lane = group.lane(1);
    CompletableFuture<Void> first = lane.run(() -> {
      running.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    CompletableFuture<Void> second = lane.run(() -> { });
    assertTrue(running.await(30, TimeUnit.SECONDS));
    CompletableFuture<Void> closed = CompletableFuture.runAsync(group::close);
    // close() cannot return while the first task runs; the second never starts.
    org.junit.jupiter.api.Assertions.assertThrows(CancellationException.class, second::join);
    assertFalse(closed.isDone(), "close waits for the running task");
    release.countDown();
    closed.get(30, TimeUnit.SECONDS);
    assertTrue(first.isDone() && !first.isCompletedExceptionally());
    CompletableFuture<Void> late = lane.run(() -> { });
    assertTrue(late.isCompletedExceptionally(), "a task queued after close is dropped at once");
  }

  @Test
  void anExecutorThatRefusesWorkLeavesItToTheCaller() throws Exception {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    try (WorkGroup group = new WorkGroup(r -> {
      throw new RejectedExecutionException("shut down");
    })) {
      CompletableFuture<Void> f = group.lane(4).run(() -> ranOn.set(Thread.currentThread()));
      group.helpUntil(f, () -> { }, 20);
    }
    assertEquals(Thread.currentThread(), ranOn.get());
  }
}
