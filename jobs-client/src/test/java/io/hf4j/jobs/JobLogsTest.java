package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfIoException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobLogsTest {
  private static final String LOGS = "/api/jobs/alice/a1/logs";
  private static final String JOB = "/api/jobs/alice/a1";
  private static final String STARTED = Fixtures.logEvent("===== Job started at 2026-05-12 14:57:43 =====", "2026-05-12T14:57:43Z");

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final Router router = new Router();
  private JobsClient jobs;

  @BeforeEach
  void setUp() {
    server.setDispatcher(router);
    jobs = JobsClient.create(Fixtures.config(server, time, 0)).inNamespace("alice");
  }

  private static String history(int from, int to) {
    StringBuilder sb = new StringBuilder(STARTED);
    for (int i = from; i < to; i++) sb.append(Fixtures.logEvent("line " + i, "2026-05-12T14:58:" + (10 + i) + "Z"));
    return sb.toString();
  }

  private static List<String> expected(int from, int to) {
    List<String> l = new ArrayList<>();
    for (int i = from; i < to; i++) l.add("line " + i);
    return l;
  }

  private static MockResponse cutHalfway(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .chunkedBody(body, 64).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  private List<String> texts(Stream<JobLogLine> s) {
    try (s) {
      return s.map(JobLogLine::text).collect(Collectors.toList());
    }
  }

  @Test
  void parsesMultiLineDataCommentsAndKeepAlives() {
    String body = ": keep-alive\n\n" + STARTED
        + "data: {\"data\":\"one\",\n"
        + "data: \"timestamp\":\"2026-05-12T14:57:44Z\"}\n\n"
        + ": keep-alive\n"
        + "data:\n\n"
        + "event: ping\ndata: not json\n\n"
        + "data: {\"data\":\"two \\\"quoted\\\" \\u00e9\",\"timestamp\":\"2026-05-12T14:57:45.123Z\"}\r\n\r\n"
        + "data: {\"data\":\"no time\"}\n\n";
    router.on(LOGS, MockResponses.sse(body)).on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<JobLogLine> lines;
    try (Stream<JobLogLine> s = jobs.fetchJobLogs("a1")) {
      lines = s.collect(Collectors.toList());
    }
    assertEquals(List.of("one", "two \"quoted\" é", "no time"), lines.stream().map(JobLogLine::text).collect(Collectors.toList()));
    assertEquals(Instant.parse("2026-05-12T14:57:44Z"), lines.get(0).timestamp());
    assertEquals(Instant.parse("2026-05-12T14:57:45.123Z"), lines.get(1).timestamp());
    assertEquals(null, lines.get(2).timestamp());
  }

  @Test
  void sendsTheTokenAndAcceptsEventStreams() throws Exception {
    router.on(LOGS, MockResponses.sse(history(0, 1))).on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(expected(0, 1), texts(jobs.fetchJobLogs("a1")));
    var first = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(LOGS, first.getTarget());
    assertEquals("text/event-stream", first.getHeaders().get("Accept"));
    assertEquals("Bearer " + Fixtures.TOKEN, first.getHeaders().get("Authorization"));
  }

  @Test
  void reconnectsAfterAResetWithoutDuplicatesOrGaps() {
    router.on(LOGS, cutHalfway(history(0, 10)), MockResponses.sse(history(0, 12)))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(expected(0, 12), texts(jobs.fetchJobLogs("a1")));
    assertEquals(2, router.count(LOGS));
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void survivesSeveralResetsInARow() {
    router.on(LOGS, cutHalfway(history(0, 4)), cutHalfway(history(0, 8)), cutHalfway(history(0, 16)), MockResponses.sse(history(0, 20)))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "RUNNING")),
            MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<String> got = new ArrayList<>();
    jobs.fetchJobLogs("a1", JobLogsParams.defaults(), line -> got.add(line.text()));
    assertEquals(expected(0, 20), got);
  }

  @Test
  void brokenStreamOfAnEndedJobIsReadToTheEnd() {
    // The job ended while the stream broke: one last connection collects the missing lines.
    router.on(LOGS, cutHalfway(history(0, 10)), MockResponses.sse(history(0, 10)))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(expected(0, 10), texts(jobs.fetchJobLogs("a1")));
  }

  @Test
  void tailStartsFromTheLastLinesAndReconnectsByTimestamp() {
    String tail = STARTED + Fixtures.logEvent("line 7", "2026-05-12T14:58:17Z")
        + Fixtures.logEvent("line 8", "2026-05-12T14:58:18Z") + Fixtures.logEvent("line 8b", "2026-05-12T14:58:18Z")
        + Fixtures.logEvent("line 9", "2026-05-12T14:58:19Z");
    String full = history(0, 9) + Fixtures.logEvent("line 8b", "2026-05-12T14:58:18Z") + Fixtures.logEvent("line 9", "2026-05-12T14:58:19Z")
        + Fixtures.logEvent("line 10", "2026-05-12T14:58:20Z");
    router.on(LOGS, cutHalfway(tail), MockResponses.sse(full))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<String> got = texts(jobs.fetchJobLogs("a1", JobLogsParams.builder().tail(3).build()));
    assertEquals(List.of("line 7", "line 8", "line 8b", "line 9", "line 10"), got);
    List<String> logTargets = router.targets().stream().filter(t -> t.startsWith(LOGS)).collect(Collectors.toList());
    assertEquals(List.of(LOGS + "?tail=3", LOGS), logTargets, "tail is sent on the first connection only");
  }

  @Test
  void snapshotReadsTheHistoryOnceWithoutCheckingTheJob() {
    router.on(LOGS, MockResponses.sse(history(0, 3)));
    assertEquals(expected(0, 3), texts(jobs.fetchJobLogs("a1", JobLogsParams.snapshot())));
    assertEquals(List.of(LOGS), router.targets());
  }

  @Test
  void streamThatEndsWhileSchedulingIsReopened() {
    router.on(LOGS, MockResponses.sse(STARTED), MockResponses.sse(history(0, 2)))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "SCHEDULING")), MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(expected(0, 2), texts(jobs.fetchJobLogs("a1")));
    assertEquals(2, router.count(LOGS));
  }

  @Test
  void unknownJobIsATypedNotFound() {
    router.on(LOGS, new MockResponse.Builder().code(404).body("{\"error\":\"Job not found\"}").build());
    assertThrows(JobNotFoundException.class, () -> texts(jobs.fetchJobLogs("a1")));
  }

  @Test
  void givesUpAfterTooManyFailedConnections() {
    router.on(LOGS, new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build())
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")));
    HfIoException e = assertThrows(HfIoException.class,
        () -> jobs.fetchJobLogs("a1", JobLogsParams.builder().maxRetries(2).build(), line -> { }));
    assertTrue(e.getMessage().contains("failed 3 times"), e.getMessage());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), time.sleeps());
  }

  @Test
  void consumerExceptionStopsTheReadAndIsRethrown() {
    router.on(LOGS, MockResponses.sse(history(0, 5))).on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<String> got = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> jobs.fetchJobLogs("a1", JobLogsParams.defaults(), l -> {
      got.add(l.text());
      if (got.size() == 2) throw new IllegalStateException("enough");
    }));
    assertEquals("enough", e.getMessage());
    assertEquals(expected(0, 2), got);
  }

  /** Writes some events, then keep-alives until the client goes away: a stream that never ends. */
  private static final class EndlessBody implements MockResponseBody {
    private final String events;

    EndlessBody(String events) {
      this.events = events;
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      sink.writeUtf8(events).flush();
      for (int i = 0; i < 300; i++) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        sink.writeUtf8(": keep-alive\n\n").flush();
      }
    }
  }

  private static MockResponse endless(String events) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(new EndlessBody(events)).build();
  }

  @Test
  void closingTheStreamStopsReadingAtOnce() {
    router.on(LOGS, endless(history(0, 5))).on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")));
    long start = System.nanoTime();
    try (Stream<JobLogLine> s = jobs.fetchJobLogs("a1")) {
      Iterator<JobLogLine> it = s.iterator();
      assertEquals("line 0", it.next().text());
      assertEquals("line 1", it.next().text());
    }
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "returned promptly");
  }

  @Test
  void livenessComesFromInspectNotFromTheStream() {
    // The stream stays open with keep-alives although the job ended: the liveness check closes it and
    // a last connection reads the rest.
    router.on(LOGS, endless(history(0, 3)), MockResponses.sse(history(0, 6)))
        .on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<String> got = texts(jobs.fetchJobLogs("a1", JobLogsParams.builder().livenessInterval(Duration.ofMillis(200)).build()));
    assertEquals(expected(0, 6), got);
    assertTrue(router.count(JOB) >= 1);
  }
}
