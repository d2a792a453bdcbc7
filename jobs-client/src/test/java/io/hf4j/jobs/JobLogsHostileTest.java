package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.StreamLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile or broken log server (issue 18, item 5) cannot make a log read run forever or fill the heap: an
 * endless {@code data:} line is a typed error, an endless stream ends by the snapshot limit (no follow), by the
 * job being finished (follow), or by the caller's deadline.
 */
class JobLogsHostileTest {
  private static final String LOGS = "/api/jobs/alice/a1/logs";
  private static final String JOB = "/api/jobs/alice/a1";

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final Router router = new Router();
  private JobsClient jobs;

  @BeforeEach
  void setUp() {
    server.setDispatcher(router);
    jobs = JobsClient.create(Fixtures.config(server, time, 0)).inNamespace("alice");
  }

  /** A stream that does not end for minutes: one event every 20 ms. */
  private static MockResponse endless() {
    String event = Fixtures.logEvent("again", "2026-05-12T14:58:00Z");
    Buffer body = new Buffer();
    for (int i = 0; i < 50_000; i++) body.writeUtf8(event);
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream")
        .body(body).throttleBody(event.length(), 20, TimeUnit.MILLISECONDS).build();
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  @Test
  void aDataLineWithoutNewlineIsATypedErrorNotAnOutOfMemory() {
    Buffer body = new Buffer().writeUtf8(Fixtures.logEvent("fine", "2026-05-12T14:58:00Z")).writeUtf8("data: {\"data\": \"");
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'y');
    for (int i = 0; i < 40; i++) body.write(chunk);
    router.on(LOGS, new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build())
        .on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<String> lines = new ArrayList<>();
    StreamLimitException e = assertThrows(StreamLimitException.class,
        () -> jobs.fetchJobLogs("a1", JobLogsParams.snapshot(), l -> lines.add(l.text())));
    assertEquals(List.of("fine"), lines);
    assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    assertEquals(1, router.count(LOGS), "not retried");
  }

  @Test
  void aSnapshotOfACompletedJobEndsThoughTheStreamNeverDoes() {
    router.on(LOGS, endless()).on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    long start = System.nanoTime();
    List<String> lines = new ArrayList<>();
    jobs.fetchJobLogs("a1", JobLogsParams.builder().follow(false).snapshotLimit(Duration.ofMillis(700)).build(),
        l -> lines.add(l.text()));
    long ms = millisSince(start);
    assertTrue(ms >= 600 && ms < 15_000, ms + " ms");
    assertTrue(!lines.isEmpty(), "what came was delivered");
  }

  @Test
  void followingEndsWhenTheJobIsFinishedThoughTheStreamNeverDoes() {
    router.on(LOGS, endless()).on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    long start = System.nanoTime();
    List<String> lines = new ArrayList<>();
    jobs.fetchJobLogs("a1", JobLogsParams.builder().livenessInterval(Duration.ofMillis(300))
        .snapshotLimit(Duration.ofMillis(500)).build(), l -> lines.add(l.text()));
    long ms = millisSince(start);
    assertTrue(ms >= 250 && ms < 15_000, ms + " ms");
    assertTrue(router.count(JOB) >= 1, "asked the job");
  }

  @Test
  void followingARunningJobEndsAtTheCallersDeadline() {
    router.on(LOGS, endless()).on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")));
    long start = System.nanoTime();
    HfTimeoutException e = assertThrows(HfTimeoutException.class, () -> jobs.fetchJobLogs("a1",
        JobLogsParams.builder().deadline(Duration.ofMillis(600)).build(), l -> { }));
    long ms = millisSince(start);
    assertTrue(ms >= 500 && ms < 15_000, ms + " ms");
    assertEquals(Duration.ofMillis(600), e.timeout());
  }
}
