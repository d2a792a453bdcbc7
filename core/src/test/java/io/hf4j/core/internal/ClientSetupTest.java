package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.ConfigClosedException;
import io.hf4j.core.HfConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HfConfig.Builder#build()} starts building the configuration's HTTP client on a daemon thread of its own
 * ({@code hf4j-http-setup-N}): the first call finds it built or waits for that build (never a second one), {@link
 * HfConfig#close()} does not wait for it and the client it ends with is released, and a configuration given its own
 * OkHttp client starts nothing. The bare client of {@link HttpStack#prepare} stands in for the expensive part of the
 * build so that the tests can see, and hold, the build on the setup thread.
 */
class ClientSetupTest {
  @TempDir Path home;
  final MockWebServer server = new MockWebServer();

  @BeforeEach
  void setUp() throws Exception {
    server.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    HttpStack.forgetPrepared();
  }

  private HfConfig config() {
    return HfConfig.builder().endpoint(server.url("/").toString()).hfHome(home).token("hf_secret").maxRetries(0).build();
  }

  /** A bare client made by the thread that builds the configuration's client, which is recorded. */
  private static final class Bare {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> thread = new AtomicReference<>();
    final AtomicReference<OkHttpClient> made = new AtomicReference<>();
    final AtomicInteger builds = new AtomicInteger();
    final HttpStack.Prepared work;

    Bare(boolean hold) {
      if (!hold) release.countDown();
      work = HttpStack.prepare(true, () -> {
        builds.incrementAndGet();
        thread.set(Thread.currentThread());
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        OkHttpClient c = new OkHttpClient.Builder().build();
        made.set(c);
        return c;
      });
    }
  }

  @Test
  void buildingTheConfigurationStartsBuildingItsClientOnADaemonThreadWhichTheFirstCallUses() throws Exception {
    Bare bare = new Bare(false);
    try (HfConfig config = config()) {
      // Nothing asked for the client: the configuration started building it by itself.
      assertTrue(bare.started.await(60, TimeUnit.SECONDS), "the client's build started without a call");
      Thread setup = bare.thread.get();
      assertTrue(setup.getName().startsWith("hf4j-http-setup-"), setup.getName());
      assertTrue(setup.isDaemon());
      setup.join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(setup.isAlive(), "the setup thread ends when the client is built");

      OkHttpClient client = config.httpClient();
      assertSame(bare.made.get().connectionPool(), client.connectionPool(), "the client the setup thread built");
      assertEquals(1, bare.builds.get());
      server.enqueue(new MockResponse.Builder().body("{}").build());
      try (Response r = client.newCall(new Request.Builder().url(server.url("/api/whoami-v2")).build()).execute()) {
        assertEquals(200, r.code());
      }
      assertEquals("Bearer hf_secret", server.takeRequest().getHeaders().get("Authorization"), "hf4j's interceptors");
    }
  }

  @Test
  void aCallDuringTheBuildWaitsForItAndGetsTheSameClient() throws Exception {
    Bare bare = new Bare(true);
    try (HfConfig config = config()) {
      assertTrue(bare.started.await(60, TimeUnit.SECONDS));
      AtomicReference<OkHttpClient> got = new AtomicReference<>();
      Thread caller = new Thread(() -> got.set(config.httpClient()), "caller");
      caller.start();
      awaitState(caller, Thread.State.WAITING);
      assertEquals(null, got.get(), "the call waits for the build in progress");
      bare.release.countDown();
      caller.join(TimeUnit.SECONDS.toMillis(60));
      assertNotNull(got.get());
      assertSame(bare.made.get().connectionPool(), got.get().connectionPool());
      assertSame(got.get(), config.httpClient());
      assertEquals(1, bare.builds.get(), "built once");
    }
  }

  @Test
  void closeDoesNotWaitForTheBuildAndTheClientItEndsWithIsReleased() throws Exception {
    Bare bare = new Bare(true);
    HfConfig config = config();
    assertTrue(bare.started.await(60, TimeUnit.SECONDS));
    Thread setup = bare.thread.get();
    // The build is held: close returns all the same (it would never return if it waited for the build).
    CountDownLatch closed = new CountDownLatch(1);
    Thread closer = new Thread(() -> {
      config.close();
      closed.countDown();
    }, "closer");
    closer.start();
    assertTrue(closed.await(60, TimeUnit.SECONDS), "close returned while the client was being built");
    assertTrue(setup.isAlive());
    bare.release.countDown();
    setup.join(TimeUnit.SECONDS.toMillis(60));
    assertFalse(setup.isAlive());
    OkHttpClient made = bare.made.get();
    assertNotNull(made);
    assertTrue(made.dispatcher().executorService().isShutdown(), "the client built after close is released");
    assertThrows(ConfigClosedException.class, config::httpClient);
  }

  @Test
  void aCallWaitingForTheBuildFailsTypedWhenTheConfigurationIsClosed() throws Exception {
    Bare bare = new Bare(true);
    HfConfig config = config();
    assertTrue(bare.started.await(60, TimeUnit.SECONDS));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        config.httpClient();
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "caller");
    caller.start();
    awaitState(caller, Thread.State.WAITING);
    config.close();
    caller.join(TimeUnit.SECONDS.toMillis(60));
    assertTrue(failure.get() instanceof ConfigClosedException, String.valueOf(failure.get()));
    bare.release.countDown();
    bare.thread.get().join(TimeUnit.SECONDS.toMillis(60));
  }

  @Test
  void aConfigurationGivenItsOwnClientStartsNothing() throws Exception {
    Bare bare = new Bare(false);
    OkHttpClient mine = new OkHttpClient();
    try (HfConfig config = HfConfig.builder().endpoint(server.url("/").toString()).hfHome(home).httpClient(mine)
        .build()) {
      OkHttpClient client = config.httpClient();
      assertSame(mine.connectionPool(), client.connectionPool());
      assertEquals(0, bare.builds.get(), "no build of its own, on any thread");
    } finally {
      mine.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aPreparationAlreadyUnderWayOnAThreadOfItsOwnIsTakenOverWithoutASetupThread() throws Exception {
    // As the hf4j command: its own thread prepares the client before the configuration exists.
    Bare bare = new Bare(true);
    Thread prepare = new Thread(bare.work, "cli-prepare");
    prepare.start();
    assertTrue(bare.started.await(60, TimeUnit.SECONDS));
    java.util.Set<Thread> setupBefore = setupThreads();
    try (HfConfig config = config()) {
      // A setup thread started now would be alive, waiting for the held preparation.
      assertEquals(setupBefore, setupThreads(), "no setup thread beside the preparation under way");
      bare.release.countDown();
      OkHttpClient client = config.httpClient();
      assertSame(bare.made.get().connectionPool(), client.connectionPool(), "the preparation, taken over");
      assertSame(prepare, bare.thread.get());
      assertEquals(1, bare.builds.get());
    }
    prepare.join(TimeUnit.SECONDS.toMillis(60));
  }

  private static java.util.Set<Thread> setupThreads() {
    java.util.Set<Thread> out = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && t.getName().startsWith("hf4j-http-setup-")) out.add(t);
    }
    return out;
  }

  private static void awaitState(Thread t, Thread.State state) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (t.getState() != state) {
      if (System.nanoTime() > deadline) throw new AssertionError(t + " never reached " + state);
      Thread.onSpinWait();
    }
  }
}
