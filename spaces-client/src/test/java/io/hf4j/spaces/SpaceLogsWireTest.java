package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.StreamLimitException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact wire of {@code fetchSpaceLogs}: the endpoints, headers and the event shape the Python client
 * parses ({@code data: {"data": ..., "timestamp": ...}}, keep-alive comments and empty events), and what a broken
 * or hostile server cannot do (garbage, an endless line, an endless stream).
 */
class SpaceLogsWireTest {
  static final RepoId ID = RepoId.space("acme/demo");

  @StartStop final MockWebServer hub = new MockWebServer();
  @TempDir Path home;
  SpacesClient spaces;

  @BeforeEach
  void setUp() {
    FakeTime clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    spaces = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  private static List<String> texts(Stream<SpaceLogLine> s) {
    try (s) {
      return s.map(SpaceLogLine::text).toList();
    }
  }

  @Test
  void buildLogSnapshotReadsThePythonEventShape() throws Exception {
    hub.enqueue(MockResponses.sse(": keep-alive\n\n"
        + "data: {\"data\": \"--> FROM python:3.12\\n\", \"timestamp\": \"2026-01-01T00:00:01.000Z\"}\n\n"
        + "data: \n\n"
        + "data: {\"data\":\"--> RUN pip install -r requirements.txt\",\"timestamp\":\"2026-01-01T00:00:02Z\"}\n\n"
        + "data: {\"data\":\"DONE\"}\n\n"));
    List<SpaceLogLine> lines = new ArrayList<>();
    SpaceLogsSummary summary = spaces.fetchSpaceLogs(ID, SpaceLogsParams.buildLog(), lines::add);
    assertEquals(List.of("--> FROM python:3.12", "--> RUN pip install -r requirements.txt", "DONE"),
        lines.stream().map(SpaceLogLine::text).toList());
    assertEquals(Instant.parse("2026-01-01T00:00:01Z"), lines.get(0).timestamp());
    assertEquals(null, lines.get(2).timestamp());
    assertEquals(new SpaceLogsSummary(3, 0, 0), summary);
    RecordedRequest req = hub.takeRequest();
    assertEquals("GET", req.getMethod());
    assertEquals("/api/spaces/acme/demo/logs/build", req.getTarget());
    assertEquals("text/event-stream", req.getHeaders().get("Accept"));
    assertEquals("Bearer " + TestSupport.TOKEN, req.getHeaders().get("Authorization"));
  }

  @Test
  void runLogIsTheDefaultAndAStream() throws Exception {
    hub.enqueue(TestSupport.sse("===== Application Startup at 2026-01-01 00:00:00 =====", "* Running on local URL:  http://0.0.0.0:7860"));
    assertEquals(List.of("===== Application Startup at 2026-01-01 00:00:00 =====", "* Running on local URL:  http://0.0.0.0:7860"),
        texts(spaces.fetchSpaceLogs(ID, SpaceLogsParams.defaults())));
    assertEquals("/api/spaces/acme/demo/logs/run", hub.takeRequest().getTarget());
  }

  @Test
  void garbageEventsAreSkippedAndCounted() {
    hub.enqueue(MockResponses.sse("data: {\"data\": \"one\"}\n\n"
        + "data: not json at all\n\n"
        + "data: {\"message\": \"no data key\"}\n\n"
        + "data: [1, 2]\n\n"
        + "data: {\"data\": 42}\n\n"
        + "event: weird\ndata: {\"data\": \"two\"}\n\n"
        + "data: {\"data\": \"three\", \"timestamp\": \"yesterday\"}\n\n"));
    List<String> lines = new ArrayList<>();
    SpaceLogsSummary summary = spaces.fetchSpaceLogs(ID, SpaceLogsParams.defaults(), l -> lines.add(l.text()));
    assertEquals(List.of("one", "two", "three"), lines);
    assertEquals(4, summary.skipped());
  }

  @Test
  void noLogsYetIsEmptyNotAnErrorNorAHang() {
    hub.enqueue(MockResponses.sse(""));
    long start = System.nanoTime();
    assertEquals(List.of(), texts(spaces.fetchSpaceLogs(ID, SpaceLogsParams.buildLog())));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "ended when the server closed");
  }

  @Test
  void unknownSpaceIsTypedNotFound() {
    hub.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound")
        .setHeader("Content-Type", "application/json").body("{\"error\":\"Repository not found\"}").build());
    assertThrows(RepositoryNotFoundException.class, () -> texts(spaces.fetchSpaceLogs(ID, SpaceLogsParams.defaults())));
  }

  @Test
  void tailKeepsTheLastLines() {
    hub.enqueue(TestSupport.sse("a", "b", "c", "d", "e"));
    assertEquals(List.of("d", "e"), texts(spaces.fetchSpaceLogs(ID, SpaceLogsParams.builder().tail(2).build())));
    hub.enqueue(TestSupport.sse("a", "b"));
    assertEquals(List.of(), texts(spaces.fetchSpaceLogs(ID, SpaceLogsParams.builder().tail(0).build())));
  }

  @Test
  void aDataLineWithoutNewlineIsBoundedAndTyped() {
    Buffer body = new Buffer().writeUtf8("data: {\"data\": \"ok\"}\n\ndata: {\"data\": \"");
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    for (int i = 0; i < 40; i++) body.write(chunk); // 2.5 MiB, no newline
    hub.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build());
    List<String> lines = new ArrayList<>();
    StreamLimitException e = assertThrows(StreamLimitException.class,
        () -> spaces.fetchSpaceLogs(ID, SpaceLogsParams.defaults(), l -> lines.add(l.text())));
    assertEquals(List.of("ok"), lines);
    assertTrue(e.getMessage().contains("longer than 1048576 bytes") && e.getMessage().contains("/logs/run"), e.getMessage());
  }

  /** A server that never ends the stream: a keep-alive (or a line) every 50 ms, for minutes. */
  private static MockResponse endless(String event) {
    Buffer body = new Buffer();
    for (int i = 0; i < 20_000; i++) body.writeUtf8(event);
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(body).throttleBody(event.length(), 50, TimeUnit.MILLISECONDS).build();
  }

  @Test
  void anEndlessFollowIsBoundedByTheCallersDeadline() {
    AtomicBoolean runtimeAsked = new AtomicBoolean();
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/runtime")) {
          runtimeAsked.set(true);
          return MockResponses.json(TestSupport.runtime("RUNNING"));
        }
        return endless("data: {\"data\": \"tick\"}\n\n");
      }
    });
    List<String> lines = new ArrayList<>();
    long start = System.nanoTime();
    HfTimeoutException e = assertThrows(HfTimeoutException.class, () -> spaces.fetchSpaceLogs(ID,
        SpaceLogsParams.builder().follow(true).deadline(Duration.ofMillis(800)).build(), l -> lines.add(l.text())));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms >= 700 && ms < 10_000, ms + " ms");
    assertEquals(Duration.ofMillis(800), e.timeout());
    assertTrue(!lines.isEmpty() && lines.stream().allMatch("tick"::equals), lines.toString());
  }

  @Test
  void anEndlessSnapshotEndsAtTheSnapshotLimit() {
    hub.enqueue(endless("data: {\"data\": \"tick\"}\n\n"));
    List<String> lines = new ArrayList<>();
    long start = System.nanoTime();
    spaces.fetchSpaceLogs(ID, SpaceLogsParams.builder().snapshotLimit(Duration.ofMillis(600)).build(), l -> lines.add(l.text()));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(ms >= 500 && ms < 10_000, ms + " ms");
    assertTrue(!lines.isEmpty(), "read what came");
  }

  @Test
  void closingTheStreamCancelsAnEndlessFollow() throws Exception {
    hub.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/runtime")) return MockResponses.json(TestSupport.runtime("RUNNING"));
        return endless(": keep-alive\n\n" + "data: {\"data\": \"tick\"}\n\n");
      }
    });
    CountDownLatch gotTwo = new CountDownLatch(1);
    Stream<SpaceLogLine> s = spaces.fetchSpaceLogs(ID, SpaceLogsParams.builder().follow(true).build());
    Thread reader = new Thread(() -> {
      try {
        s.limit(2).forEach(l -> { });
      } finally {
        gotTwo.countDown();
      }
    });
    reader.start();
    assertTrue(gotTwo.await(20, TimeUnit.SECONDS), "read two lines");
    s.close();
    reader.join(TimeUnit.SECONDS.toMillis(20));
    assertTrue(!reader.isAlive());
  }

  @Test
  void followEndsWhenTheBuildIsOverAndAReconnectReplaysNothingTwice() {
    List<String> seen = new ArrayList<>();
    hub.setDispatcher(new Dispatcher() {
      int logCalls;
      int runtimeCalls;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/runtime")) {
          runtimeCalls++;
          return MockResponses.json(TestSupport.runtime(runtimeCalls == 1 ? "BUILDING" : "APP_STARTING"));
        }
        logCalls++;
        if (logCalls == 1) {
          // Two lines, then the connection drops mid-body.
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
              .body("data: {\"data\": \"step 1\"}\n\ndata: {\"data\": \"step 2\"}\n\ndata: {\"data\": \"st")
              .onResponseBody(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build();
        }
        return TestSupport.sse("step 1", "step 2", "step 3", "DONE");
      }
    });
    SpaceLogsSummary summary = spaces.fetchSpaceLogs(ID, SpaceLogsParams.builder().kind(SpaceLogKind.BUILD).follow(true).build(),
        l -> seen.add(l.text()));
    assertEquals(List.of("step 1", "step 2", "step 3", "DONE"), seen);
    assertEquals(1, summary.reconnects());
  }

  @Test
  void devModeIsAPostOfEnabled() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING").replace("\"devMode\":false", "\"devMode\":true")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    assertTrue(spaces.enableSpaceDevMode(ID).rawJson().contains("\"devMode\":true"));
    spaces.disableSpaceDevMode(ID);
    RecordedRequest on = hub.takeRequest();
    assertEquals("POST", on.getMethod());
    assertEquals("/api/spaces/acme/demo/dev-mode", on.getTarget());
    assertEquals("{\"enabled\":true}", on.getBody().utf8());
    assertEquals("{\"enabled\":false}", hub.takeRequest().getBody().utf8());
  }
}
