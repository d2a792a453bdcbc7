package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobMetricsTest {
  private static final String METRICS = "/api/jobs/alice/a1/metrics";
  private static final String JOB = "/api/jobs/alice/a1";
  private static final String SAMPLE = "event: metric\n"
      + "data: {\"cpu_usage_pct\":12.5,\"cpu_millicores\":3500,\"memory_used_bytes\":1417216,\"memory_total_bytes\":15032385536,"
      + "\"rx_bps\":10,\"tx_bps\":20,\"gpus\":{\"d901cd7f\":{\"utilization\":40,\"memory_used_bytes\":5,\"memory_total_bytes\":22836000000}},"
      + "\"replica\":\"j6qz9\"}\n\n";

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private final Router router = new Router();
  private JobsClient jobs;

  @BeforeEach
  void setUp() {
    server.setDispatcher(router);
    jobs = JobsClient.create(Fixtures.config(server, time, 3)).inNamespace("alice");
  }

  @Test
  void samplesAreParsedUntilTheJobEnds() {
    router.on(METRICS, MockResponses.sse(": keep-alive\n\n" + SAMPLE + SAMPLE.replace("12.5", "13")),
            new MockResponse.Builder().code(500).body("{\"error\":\"job finished\"}").build())
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "RUNNING")),
            MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<JobMetrics> samples;
    try (Stream<JobMetrics> s = jobs.fetchJobMetrics("a1")) {
      samples = s.collect(Collectors.toList());
    }
    assertEquals(2, samples.size());
    JobMetrics m = samples.get(0);
    assertEquals(12.5, m.cpuUsagePct());
    assertEquals(3500, m.cpuMillicores());
    assertEquals(15032385536L, m.memoryTotalBytes());
    assertEquals(20, m.txBps());
    assertEquals(22836000000L, m.gpus().get("d901cd7f").memoryTotalBytes());
    assertEquals("j6qz9", m.replica());
    assertEquals(13.0, samples.get(1).cpuUsagePct());
  }

  @Test
  void serverErrorOfAJobThatJustEndedIsNotRetriedByCore() {
    router.on(METRICS, new MockResponse.Builder().code(500).body("{\"error\":\"job finished\"}").build())
        .on(JOB, MockResponses.json(Fixtures.job("a1", "RUNNING")), MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    jobs.fetchJobMetrics("a1", m -> { });
    assertEquals(1, router.count(METRICS), "sent once: " + router.targets());
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void finishedJobGivesNoSamplesAndNoError() {
    router.on(METRICS, new MockResponse.Builder().code(500).body("{\"error\":\"job finished\"}").build())
        .on(JOB, MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<JobMetrics> got = new java.util.ArrayList<>();
    jobs.fetchJobMetrics("a1", got::add);
    assertTrue(got.isEmpty());
  }
}
