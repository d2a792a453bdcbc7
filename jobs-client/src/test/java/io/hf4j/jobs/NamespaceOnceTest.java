package io.hf4j.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.ServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * {@link JobsClient#namespace()} asks {@code /api/whoami-v2} once per configuration, however many
 * threads ask first at the same time, and holds no monitor while the request is in flight.
 */
class NamespaceOnceTest {
  private static final int CALLERS = 8;
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();

  @Test
  void concurrentFirstCallsMakeOneWhoamiRequest() throws Exception {
    AtomicInteger whoamis = new AtomicInteger();
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        whoamis.incrementAndGet();
        inFlight.countDown();
        if (!release.await(10, TimeUnit.SECONDS)) throw new AssertionError("never released");
        return Fixtures.whoami("alice");
      }
    });
    HfConfig config = Fixtures.config(server, time, 0);
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<String>> names = new ArrayList<>();
      List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        JobsClient client = JobsClient.create(config); // distinct clients of one configuration
        names.add(pool.submit(() -> {
          threads.add(Thread.currentThread());
          start.await();
          return client.namespace();
        }));
      }
      start.countDown();
      // the whoami request is held open until every other caller is parked waiting for its answer
      if (!inFlight.await(10, TimeUnit.SECONDS)) throw new AssertionError("no whoami request");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (threads.size() < CALLERS
          || threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() < CALLERS - 1) {
        if (System.nanoTime() > deadline) throw new AssertionError("the callers never all waited");
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      // nobody blocked on a monitor (Thread.State.BLOCKED) while the request was in flight
      assertEquals(0, threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count());
      release.countDown();
      for (Future<String> f : names) assertEquals("alice", f.get(10, TimeUnit.SECONDS));
      assertEquals(1, whoamis.get());
      assertEquals("alice", JobsClient.create(config).namespace());
      assertEquals(1, whoamis.get(), "the answer is kept for the configuration");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedLookupIsNotKept() {
    AtomicInteger whoamis = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return whoamis.incrementAndGet() == 1
            ? new MockResponse.Builder().code(500).body("{\"error\":\"down\"}").build()
            : Fixtures.whoami("bob");
      }
    });
    JobsClient jobs = JobsClient.create(Fixtures.config(server, time, 0));
    assertThrows(ServerException.class, jobs::namespace);
    assertEquals("bob", jobs.namespace());
    assertEquals("bob", jobs.namespace());
    assertEquals(2, whoamis.get());
  }
}
