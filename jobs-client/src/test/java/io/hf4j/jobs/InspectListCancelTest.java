package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfValidationException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectListCancelTest {
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

  @Test
  void inspectReadsEveryField() throws Exception {
    server.enqueue(MockResponses.json("{\"id\":\"687fb701029421ae5549d998\",\"type\":\"job\",\"createdAt\":\"2025-07-22T16:06:25.079Z\","
        + "\"updatedAt\":\"2025-07-22T16:06:33Z\",\"startedAt\":\"2025-07-22T16:06:31.079Z\",\"finishedAt\":null,"
        + "\"dockerImage\":null,\"spaceId\":\"lhoestq/duckdb\",\"command\":[\"python\",\"-c\",\"print(1)\"],\"arguments\":[],"
        + "\"environment\":{\"FOO\":\"foo\"},\"secrets\":[\"HF_TOKEN\",\"UV_SCRIPT_HF_TOKEN\"],\"flavor\":\"a10g-small\","
        + "\"arch\":\"amd64\",\"timeoutSeconds\":7200,\"attempts\":1,\"labels\":{\"name\":\"duck\",\"env\":\"prod\"},"
        + "\"volumes\":[{\"type\":\"dataset\",\"source\":\"a/b\",\"mountPath\":\"/data\",\"readOnly\":true}],"
        + "\"status\":{\"stage\":\"RUNNING\",\"message\":null,\"exposeUrls\":[\"https://687fb701029421ae5549d998--8000.hf.jobs\"],"
        + "\"sshUrl\":\"ssh://687fb701029421ae5549d998@ssh.hf.jobs\",\"failureCount\":0},"
        + "\"durations\":{\"schedulingSecs\":6,\"runningSecs\":2,\"totalSecs\":8},"
        + "\"owner\":{\"id\":\"5e9ecfc04957053f60648a3e\",\"name\":\"alice\",\"type\":\"user\",\"avatarUrl\":\"/a.png\"},"
        + "\"initiator\":{\"type\":\"scheduled-job\",\"id\":\"687fb701029421ae5549d999\"},"
        + "\"createdBy\":{\"id\":\"5e9ecfc04957053f60648a3e\",\"name\":\"alice\"},\"somethingNew\":{\"x\":1}}"));
    JobInfo job = jobs.inspectJob("687fb701029421ae5549d998");
    assertEquals("/api/jobs/alice/687fb701029421ae5549d998", take().getUrl().encodedPath());
    assertEquals("job", job.type());
    assertEquals(Instant.parse("2025-07-22T16:06:25.079Z"), job.createdAt());
    assertEquals(Instant.parse("2025-07-22T16:06:33Z"), job.updatedAt());
    assertEquals(Instant.parse("2025-07-22T16:06:31.079Z"), job.startedAt());
    assertNull(job.finishedAt());
    assertNull(job.dockerImage());
    assertEquals("lhoestq/duckdb", job.spaceId());
    assertEquals("hf.co/spaces/lhoestq/duckdb", job.image());
    assertEquals(List.of("python", "-c", "print(1)"), job.command());
    assertEquals(Map.of("FOO", "foo"), job.environment());
    assertEquals(List.of("HF_TOKEN", "UV_SCRIPT_HF_TOKEN"), job.secrets());
    assertEquals(JobHardware.A10G_SMALL, job.flavor());
    assertEquals("amd64", job.arch());
    assertEquals(7200L, job.timeoutSeconds());
    assertEquals(1, job.attempts());
    assertEquals("duck", job.name());
    assertEquals(JobVolume.dataset("a/b", "/data").withReadOnly(true), job.volumes().get(0));
    assertEquals(JobStage.RUNNING, job.stage());
    assertEquals(List.of("https://687fb701029421ae5549d998--8000.hf.jobs"), job.status().exposeUrls());
    assertEquals("ssh://687fb701029421ae5549d998@ssh.hf.jobs", job.status().sshUrl());
    assertEquals(0, job.status().failureCount());
    assertEquals(new JobDurations(6L, 2L, 8L), job.durations());
    assertEquals(new JobOwner("5e9ecfc04957053f60648a3e", "alice", "user", "/a.png"), job.owner());
    assertEquals(JobInitiator.SCHEDULED_JOB, job.initiator().type());
    assertEquals("alice", job.namespace());
    assertEquals(new JobCreator("5e9ecfc04957053f60648a3e", "alice"), job.createdBy());
  }

  @Test
  void secretsSentAsAnObjectAreReadAsNames() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING").replace("\"secrets\":[\"HF_TOKEN\"]", "\"secrets\":{}")));
    assertEquals(List.of(), jobs.inspectJob("a1").secrets());
  }

  @Test
  void unknownStageIsKept() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "HIBERNATING")));
    JobInfo job = jobs.inspectJob("a1");
    assertEquals("HIBERNATING", job.stage().value());
    assertFalse(job.isTerminal());
  }

  @Test
  void unknownJobIsATypedNotFound() {
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"Job not found\"}").build());
    JobNotFoundException e = assertThrows(JobNotFoundException.class, () -> jobs.inspectJob("000000000000000000000000"));
    assertTrue(e.getMessage().contains("Job not found"), e.getMessage());
  }

  @Test
  void badJobIdIsRefusedBeforeSending() {
    assertThrows(HfValidationException.class, () -> jobs.inspectJob("../x"));
    assertThrows(HfValidationException.class, () -> jobs.inspectJob(""));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void listFollowsLinkPagesLazilyWithFilters() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("Link", "<" + server.url("/api/jobs/alice?stage=RUNNING&cursor=abc") + ">; rel=\"next\"")
        .body("[" + Fixtures.job("a1", "RUNNING") + "," + Fixtures.job("a2", "RUNNING") + "]").build());
    server.enqueue(MockResponses.json("[" + Fixtures.job("a3", "SCHEDULING") + "]"));
    try (Stream<JobInfo> list = jobs.listJobs(ListJobsParams.builder()
        .stages(JobStage.RUNNING, JobStage.SCHEDULING).label("env", "prod").label("team", "nlp").build())) {
      Iterator<JobInfo> it = list.iterator();
      assertEquals("a1", it.next().id());
      RecordedRequest first = take();
      assertEquals("/api/jobs/alice?stage=RUNNING&stage=SCHEDULING&label=env%3Dprod&label=team%3Dnlp", first.getTarget());
      assertEquals("a2", it.next().id());
      assertEquals(1, server.getRequestCount(), "the second page is fetched only when needed");
      assertEquals("a3", it.next().id());
      assertFalse(it.hasNext());
      assertEquals("/api/jobs/alice?stage=RUNNING&cursor=abc", take().getTarget());
    }
  }

  @Test
  void listWithoutFiltersSendsNoQuery() throws Exception {
    server.enqueue(MockResponses.json("[]"));
    assertEquals(List.of(), jobs.listJobs().collect(Collectors.toList()));
    assertEquals("/api/jobs/alice", take().getTarget());
  }

  @Test
  void updatingIsNotAcceptedAsAFilter() {
    assertThrows(HfValidationException.class, () -> ListJobsParams.builder().stages(JobStage.UPDATING));
  }

  @Test
  void cancelSendsNoBodyAndReturnsTheCanceledJob() throws Exception {
    server.enqueue(MockResponses.json(""));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "CANCELED")));
    JobInfo job = jobs.cancelJob("a1");
    RecordedRequest cancel = take();
    assertEquals("POST", cancel.getMethod());
    assertEquals("/api/jobs/alice/a1/cancel", cancel.getUrl().encodedPath());
    assertEquals(0, cancel.getBodySize());
    assertNull(cancel.getHeaders().get("Content-Type"));
    assertEquals(JobStage.CANCELED, job.stage());
    assertEquals("/api/jobs/alice/a1", take().getUrl().encodedPath());
  }

  @Test
  void cancelUsesTheEchoedJobWhenTheServerSendsOne() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "CANCELED")));
    assertEquals(JobStage.CANCELED, jobs.cancelJob("a1").stage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void labelsAreReplacedWithAPut() throws Exception {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING").replace("{\"name\":\"python-3-12-5c1fcc4a\"}", "{\"env\":\"dev\"}")));
    JobInfo job = jobs.updateJobLabels("a1", Map.of("env", "dev"));
    RecordedRequest put = take();
    assertEquals("PUT", put.getMethod());
    assertEquals("/api/jobs/alice/a1/labels", put.getUrl().encodedPath());
    assertEquals("{\"labels\":{\"env\":\"dev\"}}", put.getBody().utf8());
    assertEquals(Map.of("env", "dev"), job.labels());
    assertThrows(HfValidationException.class, () -> jobs.updateJobLabels("a1", Map.of("bad key", "x")));
  }

  @Test
  void duplicateStartsANewJob() throws Exception {
    server.enqueue(MockResponses.json(Fixtures.job("b2", "SCHEDULING")));
    assertEquals("b2", jobs.duplicateJob("a1").id());
    RecordedRequest dup = take();
    assertEquals("POST", dup.getMethod());
    assertEquals("/api/jobs/alice/a1/duplicate", dup.getUrl().encodedPath());
  }
}
