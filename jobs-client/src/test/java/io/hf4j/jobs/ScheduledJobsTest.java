package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.ConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScheduledJobsTest {
  private static final String SCHEDULED = "{\"id\":\"687fb701029421ae5549d999\",\"createdAt\":\"2025-07-22T16:06:25.079Z\","
      + "\"schedule\":\"@hourly\",\"suspend\":false,\"concurrency\":false,"
      + "\"jobSpec\":{\"dockerImage\":\"python:3.12\",\"spaceId\":null,\"command\":[\"python\",\"-c\",\"print('hi')\"],"
      + "\"arguments\":[],\"environment\":{},\"secrets\":[\"HF_TOKEN\"],\"flavor\":\"cpu-basic\",\"timeoutSeconds\":null,"
      + "\"timeout\":3600,\"arch\":\"amd64\",\"tags\":[],\"labels\":{\"name\":\"nightly\"}},"
      + "\"status\":{\"lastJob\":{\"id\":\"687fb701029421ae5549d998\",\"at\":\"2025-07-22T17:00:00Z\"},"
      + "\"nextJobRunAt\":\"2025-07-22T18:00:00.000Z\"},"
      + "\"owner\":{\"id\":\"5e9ecfc04957053f60648a3e\",\"name\":\"alice\",\"type\":\"user\"}}";

  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private JobsClient jobs;

  @BeforeEach
  void setUp() {
    jobs = JobsClient.create(Fixtures.config(server, time, 0)).inNamespace("alice");
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("no request");
    return r;
  }

  private static RunJobParams hi() {
    return RunJobParams.builder().image("python:3.12").command("python", "-c", "print('hi')").build();
  }

  @Test
  void createSendsTheJobSpecAndTheSchedule() throws Exception {
    server.enqueue(MockResponses.json(SCHEDULED));
    ScheduledJobInfo info = jobs.createScheduledJob(CreateScheduledJobParams.builder("@hourly", hi()).build());
    RecordedRequest post = take();
    assertEquals("POST", post.getMethod());
    assertEquals("/api/scheduled-jobs/alice", post.getUrl().encodedPath());
    assertEquals("{\"jobSpec\":{\"command\":[\"python\",\"-c\",\"print('hi')\"],\"arguments\":[],\"environment\":{},"
        + "\"flavor\":\"cpu-basic\",\"labels\":{\"name\":\"python-3-12-5c1fcc4a\"},\"dockerImage\":\"python:3.12\"},"
        + "\"schedule\":\"@hourly\"}", post.getBody().utf8());
    assertEquals("687fb701029421ae5549d999", info.id());
    assertEquals(3600L, info.jobSpec().timeoutSeconds(), "a 'timeout' key is read when 'timeoutSeconds' is null");
    assertEquals(Instant.parse("2025-07-22T18:00:00Z"), info.status().nextJobRunAt());
    assertEquals("687fb701029421ae5549d998", info.status().lastJob().id());
    assertEquals(List.of("HF_TOKEN"), info.jobSpec().secrets());
    assertEquals("nightly", info.labels().get("name"));
  }

  @Test
  void cronScheduleWithOptionsAndTimeout() throws Exception {
    server.enqueue(MockResponses.json(SCHEDULED));
    jobs.createScheduledJob(CreateScheduledJobParams.builder("0 9 * * 1", hi().toBuilder().timeout("1h").build())
        .concurrency(true).suspend(true).build());
    String body = take().getBody().utf8();
    assertTrue(body.contains("\"timeoutSeconds\":3600"), body);
    assertTrue(body.endsWith("\"schedule\":\"0 9 * * 1\",\"concurrency\":true,\"suspend\":true}"), body);
  }

  @Test
  void snakeCaseAnswersAreReadToo() {
    server.enqueue(MockResponses.json("{\"id\":\"s1\",\"created_at\":\"2025-07-22T16:06:25Z\",\"schedule\":\"@daily\",\"suspend\":true,"
        + "\"job_spec\":{\"docker_image\":\"python:3.12\",\"command\":[\"x\"],\"secrets\":{}},"
        + "\"status\":{\"next_job_run_at\":\"2025-07-23T00:00:00Z\"},\"owner\":{\"id\":\"o\",\"name\":\"alice\",\"type\":\"user\"}}"));
    ScheduledJobInfo info = jobs.inspectScheduledJob("s1");
    assertEquals("python:3.12", info.jobSpec().dockerImage());
    assertTrue(info.suspend());
    assertNull(info.status().lastJob());
    assertEquals(Instant.parse("2025-07-23T00:00:00Z"), info.status().nextJobRunAt());
  }

  @Test
  void lifecycleCallsUseTheProtocolPaths() throws Exception {
    server.enqueue(MockResponses.json("[" + SCHEDULED + "]"));
    server.enqueue(MockResponses.json(SCHEDULED));
    server.enqueue(MockResponses.json(""));
    server.enqueue(MockResponses.json(""));
    server.enqueue(MockResponses.json(Fixtures.job("run1", "SCHEDULING")));
    server.enqueue(MockResponses.json(""));
    assertEquals(List.of("687fb701029421ae5549d999"),
        jobs.listScheduledJobs().map(ScheduledJobInfo::id).collect(Collectors.toList()));
    jobs.inspectScheduledJob("s1");
    jobs.suspendScheduledJob("s1");
    jobs.resumeScheduledJob("s1");
    assertEquals("run1", jobs.triggerScheduledJob("s1").id());
    jobs.deleteScheduledJob("s1");
    List<String> calls = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RecordedRequest r = take();
      calls.add(r.getMethod() + " " + r.getUrl().encodedPath() + (r.getBodySize() > 0 ? " body" : ""));
    }
    assertEquals(List.of(
        "GET /api/scheduled-jobs/alice",
        "GET /api/scheduled-jobs/alice/s1",
        "POST /api/scheduled-jobs/alice/s1/suspend",
        "POST /api/scheduled-jobs/alice/s1/resume",
        "POST /api/scheduled-jobs/alice/s1/run",
        "DELETE /api/scheduled-jobs/alice/s1"), calls);
  }

  @Test
  void triggerWhileARunIsActiveIsAConflict() {
    server.enqueue(new MockResponse.Builder().code(409).body("{\"error\":\"A job is already running\"}").build());
    ConflictException e = assertThrows(ConflictException.class, () -> jobs.triggerScheduledJob("s1"));
    assertTrue(e.getMessage().contains("already running"), e.getMessage());
  }

  @Test
  void unknownScheduledJobIsATypedNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"Scheduled job not found\"}").build());
    assertThrows(JobNotFoundException.class, () -> jobs.inspectScheduledJob("s1"));
  }

  @Test
  void labelsOfAScheduledJobAreReplaced() throws Exception {
    server.enqueue(MockResponses.json(SCHEDULED));
    ScheduledJobInfo info = jobs.updateScheduledJobLabels("s1", Map.of("env", "prod"));
    RecordedRequest put = take();
    assertEquals("PUT", put.getMethod());
    assertEquals("{\"labels\":{\"env\":\"prod\"}}", put.getBody().utf8());
    assertFalse(info.id().isEmpty());
  }
}
