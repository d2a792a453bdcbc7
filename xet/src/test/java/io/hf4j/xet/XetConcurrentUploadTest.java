package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several xorb uploads in flight: they really overlap, stay within the session's bound, and a failure, a
 * cancellation or an interrupt stops all of them, registers nothing and records only the xorbs the CAS confirmed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class XetConcurrentUploadTest {
  private static final String TOKEN = "xet_write_token_secret_456";
  private static final int XORB = 1 << 20;
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path tmp;
  /** The application's executor (the session makes no threads of its own). */
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  /** Opened at the end of every test, so that no held server thread outlives it. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    executor.shutdownNow();
  }

  private FakeCas cas() throws IOException {
    FakeCas cas = new FakeCas(TOKEN, Files.createDirectories(tmp.resolve("cas")));
    server.setDispatcher(cas);
    cas.baseUrl = server.url("/").toString();
    return cas;
  }

  private CasClient client() {
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().sleeper(d -> { }).jitter(0)
        .hfHome(tmp.resolve("hf-home")).build();
    String base = server.url("/").toString();
    return new CasClient(config, force -> new XetToken(base, TOKEN, Instant.now().plusSeconds(3600)));
  }

  private XetUploadSession.Options options() {
    return XetUploadSession.Options.defaults().withMaxXorbBytes(XORB).withExecutor(executor)
        .withUploadedXorbDir(tmp.resolve("record"));
  }

  private static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private List<Path> records() throws IOException {
    Path dir = tmp.resolve("record");
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  /** Every record names a xorb the CAS stored; no temporary file is left. */
  private void assertRecordsAreStoredXorbs(FakeCas cas) throws IOException {
    for (Path p : records()) {
      String name = p.getFileName().toString();
      assertFalse(name.endsWith(".tmp"), "a half-written record: " + p);
      assertTrue(cas.xorbOffsets.containsKey(XetHash.parse(name)), "recorded but not stored: " + name);
    }
  }

  private static MockResponse await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  @Test
  void theNextXorbIsSentWhileTheFirstIsStillInFlight() throws IOException {
    FakeCas cas = cas();
    CountDownLatch second = new CountDownLatch(1);
    AtomicBoolean overlapped = new AtomicBoolean();
    // the first POST is answered only once the second one has arrived
    cas.xorbPostHook = n -> {
      if (n == 1) {
        try {
          overlapped.set(second.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        second.countDown();
      }
      return null;
    };
    CasClient c = client();
    XetUploadSession s = new XetUploadSession(c, options());
    assertTrue(s.maxUploadsInFlight() >= 2, "room for several: " + s.maxUploadsInFlight());
    byte[] a = random(1, 3_500_000);
    byte[] b = random(2, 2_500_000);
    XetUploadSession.XetFileResult ra = s.add(new ByteArrayInputStream(a), a.length);
    XetUploadSession.XetFileResult rb = s.add(new ByteArrayInputStream(b), b.length);
    XetUploadSession.XetUploadSummary sum = s.flush();
    assertTrue(overlapped.get(), "the second xorb POST arrived while the first was held");
    assertEquals(sum.xorbsUploaded(), cas.xorbPosts.get());
    assertEquals(sum.xorbsUploaded(), records().size(), "every stored xorb is recorded");
    assertRecordsAreStoredXorbs(cas);
    assertEquals(2, cas.files.size());
    assertArrayEquals(a, download(c, ra));
    assertArrayEquals(b, download(c, rb));
  }

  @Test
  void uploadsInFlightStayWithinTheBoundDerivedFromTheHeap() throws IOException {
    // 64 MiB xorbs: none in flight at -Xmx256m (each is sent when sealed), one at 384 MiB, the cap with room
    assertEquals(0, XetUploadSession.uploadsInFlight(256L << 20, Xorb.MAX_SERIALIZED_BYTES));
    assertEquals(1, XetUploadSession.uploadsInFlight(384L << 20, Xorb.MAX_SERIALIZED_BYTES));
    assertEquals(XetUploadSession.MAX_UPLOADS_IN_FLIGHT,
        XetUploadSession.uploadsInFlight(2L << 30, Xorb.MAX_SERIALIZED_BYTES));
    assertEquals(XetUploadSession.MAX_UPLOADS_IN_FLIGHT, XetUploadSession.uploadsInFlight(256L << 20, XORB));
    assertEquals(0, XetUploadSession.uploadsInFlight(64L << 20, XORB));

    FakeCas cas = cas();
    CasClient c = client();
    XetUploadSession s = new XetUploadSession(c, options());
    int bound = s.maxUploadsInFlight();
    assertTrue(bound >= 2, "bound " + bound);
    // every POST is held until `bound` of them are in progress at once: the client must reach the bound
    CountDownLatch full = new CountDownLatch(bound);
    cas.xorbPostHook = n -> {
      full.countDown();
      return await(full);
    };
    byte[] data = random(3, 12_000_000);
    XetUploadSession.XetFileResult r = s.add(new ByteArrayInputStream(data), data.length);
    s.flush();
    assertEquals(0, full.getCount(), "the uploads reached the bound together");
    assertEquals(bound, cas.maxPostsInProgress.get(), "never more than the bound in flight");
    assertTrue(cas.xorbPosts.get() > bound, "more xorbs than the bound: " + cas.xorbPosts.get());
    assertArrayEquals(data, download(c, r));
  }

  @Test
  void aFailedXorbAmongSeveralInFlightFailsTheSessionRegistersNothingAndRecordsOnlyStoredXorbs() throws IOException {
    FakeCas cas = cas();
    CountDownLatch second = new CountDownLatch(1);
    // the first POST waits for the second, which the CAS refuses (400: not retried); the others go through
    cas.xorbPostHook = n -> {
      if (n == 1) {
        return await(second);
      }
      if (n == 2) {
        second.countDown();
        return new MockResponse.Builder().code(400).body("malformed xorb").build();
      }
      return null;
    };
    XetUploadSession s = new XetUploadSession(client(), options());
    byte[] data = random(4, 8_000_000);
    HfHttpException e = assertThrows(HfHttpException.class, () -> {
      s.add(new ByteArrayInputStream(data), data.length);
      s.flush();
    });
    assertEquals(400, e.statusCode());
    assertTrue(cas.log.stream().noneMatch(l -> l.contains("/v1/shards")), "no shard: " + cas.log);
    assertTrue(cas.files.isEmpty());
    assertRecordsAreStoredXorbs(cas);
    assertTrue(records().size() < cas.xorbPosts.get(), "the refused xorb is not recorded");
    // the session refuses further work
    IllegalStateException ise = assertThrows(IllegalStateException.class, s::flush);
    assertTrue(ise.getMessage().contains("start a new session"), ise.getMessage());
    assertInstanceOf(HfHttpException.class, ise.getCause());
    assertThrows(IllegalStateException.class, () -> s.add(new ByteArrayInputStream(new byte[10]), 10));
    s.close();
  }

  /** Every POST is held until the test ends; the returned latch opens once two of them are in flight. */
  private CountDownLatch holdEveryPost(FakeCas cas) {
    CountDownLatch two = new CountDownLatch(2);
    cas.xorbPostHook = n -> {
      two.countDown();
      return await(release);
    };
    return two;
  }

  private Thread uploadInBackground(XetUploadSession s, byte[] data, AtomicReference<Throwable> thrown,
      AtomicBoolean interruptKept) {
    Thread t = new Thread(() -> {
      try {
        s.add(new ByteArrayInputStream(data), data.length);
        s.flush();
      } catch (Throwable e) {
        thrown.set(e);
        interruptKept.set(Thread.currentThread().isInterrupted());
      }
    }, "xet-upload-under-test");
    t.start();
    return t;
  }

  @Test
  void cancellingStopsEveryUploadInFlightAndLeavesNothingHalfDone() throws Exception {
    FakeCas cas = cas();
    CountDownLatch two = holdEveryPost(cas);
    CancellationToken token = CancellationToken.create();
    XetUploadSession s = new XetUploadSession(client(), options().withCancellationToken(token)
        .withGlobalDedupe(false));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = uploadInBackground(s, random(5, 8_000_000), thrown, new AtomicBoolean());
    assertTrue(two.await(60, TimeUnit.SECONDS), "two xorb uploads in flight");
    token.cancel();
    // the CAS never answers the held POSTs: the upload can only end by aborting them
    t.join(TimeUnit.MINUTES.toMillis(2));
    assertFalse(t.isAlive(), "the upload stopped without the CAS answering");
    assertInstanceOf(CancelledException.class, thrown.get(), String.valueOf(thrown.get()));
    assertTrue(cas.log.stream().noneMatch(l -> l.contains("/v1/shards")), "no shard: " + cas.log);
    assertEquals(List.of(), records(), "nothing confirmed, nothing recorded");
    assertThrows(IllegalStateException.class, s::flush);
    s.close();
  }

  @Test
  void interruptingTheUploadingThreadStopsEveryUploadInFlight() throws Exception {
    FakeCas cas = cas();
    CountDownLatch two = holdEveryPost(cas);
    XetUploadSession s = new XetUploadSession(client(), options().withGlobalDedupe(false));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread t = uploadInBackground(s, random(6, 8_000_000), thrown, interruptKept);
    assertTrue(two.await(60, TimeUnit.SECONDS), "two xorb uploads in flight");
    t.interrupt();
    t.join(TimeUnit.MINUTES.toMillis(2));
    assertFalse(t.isAlive(), "the upload stopped without the CAS answering");
    assertInstanceOf(CancelledException.class, thrown.get(), String.valueOf(thrown.get()));
    assertTrue(interruptKept.get(), "the thread's interrupt status is kept");
    assertTrue(cas.log.stream().noneMatch(l -> l.contains("/v1/shards")), "no shard: " + cas.log);
    assertEquals(List.of(), records());
    s.close();
  }

  @Test
  void closeCancelsTheUploadsInFlightAndWaitsForThem() throws Exception {
    FakeCas cas = cas();
    CountDownLatch two = holdEveryPost(cas);
    XetUploadSession s = new XetUploadSession(client(), options().withGlobalDedupe(false));
    byte[] data = random(7, 3_500_000); // three full xorbs and a partial one
    s.add(new ByteArrayInputStream(data), data.length); // returns with its full xorbs still in flight
    assertTrue(two.await(60, TimeUnit.SECONDS), "uploads in flight after add returned");
    s.close();
    assertEquals(List.of(), records());
    IllegalStateException e = assertThrows(IllegalStateException.class, s::flush);
    assertNotNull(e.getMessage());
  }

  private static byte[] download(CasClient c, XetUploadSession.XetFileResult r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XetDownloader(c).download(r.xetHash(), r.size(), out);
    return out.toByteArray();
  }
}
