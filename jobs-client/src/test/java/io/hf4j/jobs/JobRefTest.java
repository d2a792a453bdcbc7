package io.hf4j.jobs;

import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.jobs.JobScript;
import io.hf4j.testkit.jobs.JobsEmulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The org-namespace round trip: a job run in an organisation is read, waited for, logged, relabelled,
 * duplicated and cancelled by the client that ran it (acting in its user's namespace), through the job's
 * {@link JobRef}, against the testkit's Jobs emulation.
 */
class JobRefTest {
  private final EmulatorClock clock = EmulatorClock.manual(Instant.parse("2026-11-20T12:00:00Z"));
  private final HubEmulator hub = HubEmulator.builder().clock(clock).build().start();
  private final JobsEmulation emulation = hub.module(JobsEmulation.class);
  private final HfConfig config = hub.hfConfigBuilder().clock(clock).sleeper(clock::advance).build();
  private final JobsClient jobs = JobsClient.create(config);

  @AfterEach
  void close() {
    hub.close();
    clock.close();
  }

  private static List<String> texts(Stream<JobLogLine> s) {
    try (s) {
      return s.map(JobLogLine::text).collect(Collectors.toList());
    }
  }

  private List<String> jobPaths() {
    return hub.requests().stream().map(RecordedRequest::path).filter(p -> p.startsWith("/api/jobs/"))
        .collect(Collectors.toList());
  }

  @Test
  void orgJobRoundTripWithTheClientThatRanIt() {
    emulation.script("python:3.12", JobScript.builder()
        .log(Duration.ofSeconds(1), "epoch 1").log(Duration.ofSeconds(2), "epoch 2")
        .complete(Duration.ofSeconds(3)).build());
    JobInfo job = jobs.runJob(RunJobParams.builder().image("python:3.12").command("python", "train.py")
        .namespace("testorg").build());
    assertEquals("testorg", job.namespace());
    assertEquals("testuser", jobs.namespace(), "the client itself acts in its user's namespace");
    // the plain string id is the client's namespace: the org job is not there
    assertThrows(JobNotFoundException.class, () -> jobs.inspectJob(job.id()));

    JobId ref = job.jobId();
    assertEquals(JobId.of("testorg", job.id()), ref);
    assertEquals(job.id(), jobs.inspectJob(job).id());
    assertEquals(job.id(), jobs.inspectJob(ref).id());
    assertEquals(JobStage.RUNNING, jobs.waitForJob(job, JobStage.RUNNING, WaitParams.timeout(Duration.ofMinutes(1))).stage());

    JobInfo relabelled = jobs.updateJobLabels(ref, Map.of("team", "vision"));
    assertEquals(Map.of("team", "vision"), relabelled.labels());

    JobInfo done = jobs.waitForJob(ref, Duration.ofMinutes(5));
    assertEquals(JobStage.COMPLETED, done.stage());
    assertEquals(List.of("epoch 1", "epoch 2"), texts(jobs.fetchJobLogs(done)));
    assertEquals(List.of("epoch 1", "epoch 2"), texts(jobs.fetchJobLogs(ref, JobLogsParams.snapshot())));

    JobInfo again = jobs.duplicateJob(done);
    assertEquals("testorg", again.namespace());
    assertFalse(again.id().equals(job.id()));
    JobInfo canceled = jobs.cancelJob(again);
    assertEquals(JobStage.CANCELED, canceled.stage());
    assertEquals(JobStage.CANCELED, jobs.inspectJob(again.jobId()).stage());

    // every job call after the first (refused) inspect went to the organisation's namespace
    List<String> paths = jobPaths();
    assertTrue(paths.stream().filter(p -> p.contains("/" + job.id())).count() >= 5, paths.toString());
    assertEquals(1, paths.stream().filter(p -> p.startsWith("/api/jobs/testuser/")).count(), paths.toString());
  }

  @Test
  void metricsFollowTheJobsNamespace() {
    emulation.script("python:3.12", JobScript.builder().complete(Duration.ofHours(1)).build());
    JobInfo job = jobs.runJob(RunJobParams.builder().image("python:3.12").command("python").namespace("testorg").build());
    assertEquals(JobStage.RUNNING, jobs.waitForJob(job, JobStage.RUNNING, WaitParams.timeout(Duration.ofMinutes(1))).stage());
    try (Stream<JobMetrics> metrics = jobs.fetchJobMetrics(job)) {
      assertEquals(1, metrics.limit(1).count());
    }
    JobInfo canceled = jobs.cancelJob(job.jobId());
    assertEquals(JobStage.CANCELED, canceled.stage());
    List<String> paths = jobPaths();
    assertTrue(paths.stream().noneMatch(p -> p.startsWith("/api/jobs/testuser")), paths.toString());
  }

  @Test
  void jobIdValuesParseValidateAndPrint() {
    JobId id = JobId.parse("testorg/0123456789abcdef01234567");
    assertEquals("testorg", id.namespace());
    assertEquals("0123456789abcdef01234567", id.id());
    assertEquals("testorg/0123456789abcdef01234567", id.toString());
    assertEquals(id, JobId.parse(id.toString()));
    assertTrue(id.jobId() == id);
    assertEquals(JobId.of("testuser", "abc"), jobs.jobId("abc"));
    for (String bad : List.of("", "abc", "/abc", "org/", "a/b/c", "bad ns/abc", "org/bad id")) {
      HfValidationException e = assertThrows(HfValidationException.class, () -> JobId.parse(bad), bad);
      assertFalse(e.getMessage().isBlank());
    }
    assertThrows(HfValidationException.class, () -> JobId.of("org", "x y"));
    assertThrows(NullPointerException.class, () -> jobs.inspectJob((JobRef) null));
    assertThrows(JobNotFoundException.class, () -> jobs.inspectJob(JobId.of("testorg", "000000000000000000000000")));
  }
}
