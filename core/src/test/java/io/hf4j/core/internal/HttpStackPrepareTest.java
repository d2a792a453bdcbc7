package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpStack#prepare}: the client built ahead (on another thread, as the CLI does) is the one the next
 * configuration of its kind builds on, once, with the same behaviour on the wire as a client built from nothing; a
 * preparation of the other kind, or one that failed, leaves the build as it was.
 */
class HttpStackPrepareTest {
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

  private HfConfig config(String endpoint) {
    return HfConfig.builder().endpoint(endpoint).hfHome(home).token("hf_secret").maxRetries(0).build();
  }

  /** A preparation run to its end on a thread of its own: the client it built. */
  private static OkHttpClient preparedOnAnotherThread(boolean cleartext) throws InterruptedException {
    HttpStack.Prepared work = HttpStack.prepare(cleartext, null);
    runOnAnotherThread(work);
    OkHttpClient bare = work.client();
    assertNotNull(bare);
    return bare;
  }

  private static void runOnAnotherThread(Runnable work) throws InterruptedException {
    Thread t = new Thread(work, "prepare-test");
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(60));
  }

  @Test
  void theNextCleartextConfigurationBuildsOnThePreparedClientOnce() throws Exception {
    OkHttpClient bare = preparedOnAnotherThread(true);
    // One after the other: each configuration starts building its client when it is built.
    try (HfConfig first = config(server.url("/").toString())) {
      OkHttpClient client = first.httpClient();
      HfConfig second = config(server.url("/").toString());
      assertNotSame(bare, client);
      assertSame(bare.connectionPool(), client.connectionPool(), "the prepared pools, not new ones");
      assertSame(bare.dispatcher(), client.dispatcher());
      assertSame(bare.sslSocketFactory(), client.sslSocketFactory(), "TLS on first use, as for any http endpoint");
      assertInstanceOf(LazyTls.Trust.class, client.x509TrustManager());
      assertNotSame(bare.connectionPool(), second.httpClient().connectionPool(), "taken once");

      server.enqueue(new MockResponse.Builder().body("{}").build());
      try (Response r = client.newCall(new Request.Builder().url(server.url("/api/whoami-v2")).build()).execute()) {
        assertEquals(200, r.code());
      }
      RecordedRequest seen = server.takeRequest();
      assertEquals("Bearer hf_secret", seen.getHeaders().get("Authorization"), "hf4j's interceptors are on it");
      assertEquals(first.userAgent(), seen.getHeaders().get("User-Agent"));
      second.close();
    }
  }

  @Test
  void aBuildBeforeTheThreadRunsBuildsThePreparationItselfAndTheThreadThenDoesNothing() throws Exception {
    HttpStack.Prepared work = HttpStack.prepare(true, null);
    try (HfConfig c = config(server.url("/").toString())) {
      OkHttpClient client = c.httpClient();
      OkHttpClient bare = work.client();
      assertNotNull(bare, "built by the configuration's own build");
      assertSame(bare.connectionPool(), client.connectionPool());
      work.run();
      assertSame(bare, work.client(), "not built twice");
    }
  }

  @Test
  void aBuildWaitsForThePreparationInProgress() throws Exception {
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OkHttpClient[] made = new OkHttpClient[1];
    HttpStack.Prepared work = HttpStack.prepare(true, () -> {
      building.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      made[0] = new OkHttpClient.Builder().build();
      return made[0];
    });
    Thread t = new Thread(work, "prepare-test");
    t.start();
    assertTrue(building.await(60, TimeUnit.SECONDS));
    try (HfConfig c = config(server.url("/").toString())) {
      OkHttpClient[] built = new OkHttpClient[1];
      Thread builder = new Thread(() -> built[0] = c.httpClient(), "build");
      builder.start();
      // The build cannot finish before the preparation does: it waits for it rather than making its own.
      awaitState(builder, Thread.State.WAITING);
      assertNull(built[0]);
      release.countDown();
      builder.join(TimeUnit.SECONDS.toMillis(60));
      t.join(TimeUnit.SECONDS.toMillis(60));
      assertNotNull(built[0]);
      assertSame(made[0].connectionPool(), built[0].connectionPool());
    }
  }

  private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (t.getState() != state) {
      if (System.nanoTime() > deadline) throw new AssertionError(t + " never reached " + state);
      Thread.onSpinWait();
    }
  }

  @Test
  void aPreparationOfTheOtherKindIsLeftForItsOwnKind() throws Exception {
    OkHttpClient bare = preparedOnAnotherThread(false);
    try (HfConfig cleartext = config(server.url("/").toString()); HfConfig tls = config("https://hub.example")) {
      assertNotSame(bare.connectionPool(), cleartext.httpClient().connectionPool(), "an https preparation");
      OkHttpClient client = tls.httpClient();
      assertSame(bare.connectionPool(), client.connectionPool());
      assertSame(bare.sslSocketFactory(), client.sslSocketFactory(), "the TLS set up ahead, not set up again");
      assertSame(bare.x509TrustManager(), client.x509TrustManager());
    }
  }

  @Test
  void aFailedPreparationIsNotReportedAndTheBuildGoesOnWithoutIt() throws Exception {
    HttpStack.Prepared work = HttpStack.prepare(true, () -> {
      throw new IllegalStateException("no platform");
    });
    Throwable[] uncaught = new Throwable[1];
    Thread t = new Thread(work, "prepare-test");
    t.setUncaughtExceptionHandler((thread, e) -> uncaught[0] = e);
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(60));
    assertNull(uncaught[0], "nothing escapes the thread (its handler would print it)");
    assertNull(work.client());
    try (HfConfig c = config(server.url("/").toString())) {
      server.enqueue(new MockResponse.Builder().body("{}").build());
      try (Response r = c.httpClient().newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
        assertEquals(200, r.code());
      }
      assertInstanceOf(LazyTls.Trust.class, c.httpClient().x509TrustManager());
    }
  }
}
