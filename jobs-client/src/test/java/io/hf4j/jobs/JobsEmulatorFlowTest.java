package io.hf4j.jobs;

import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.ConflictException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.jobs.JobRun;
import io.hf4j.testkit.jobs.JobScript;
import io.hf4j.testkit.jobs.JobsEmulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flows against the testkit's Jobs emulation on a manual clock. The client's sleeper advances that
 * clock, so polling and backoff move simulated time instead of waiting.
 */
class JobsEmulatorFlowTest {
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

  private static RunJobParams.Builder python(String... command) {
    return RunJobParams.builder().image("python:3.12").command(command);
  }

  private long logConnections(String jobId) {
    return hub.requests().stream().filter(r -> r.path().endsWith("/" + jobId + "/logs")).count();
  }

  private static List<String> texts(Stream<JobLogLine> s) {
    try (s) {
      return s.map(JobLogLine::text).collect(Collectors.toList());
    }
  }

  private static List<String> lines(int n) {
    List<String> l = new ArrayList<>();
    for (int i = 1; i <= n; i++) l.add("step " + i + " loss=" + (1.0 / i));
    return l;
  }

  @Test
  void runStreamLogsAndComplete() throws Exception {
    emulation.script("python:3.12", JobScript.builder()
        .logEvery(Duration.ofSeconds(1), lines(5).toArray(new String[0])).complete(Duration.ofSeconds(6)).build());
    JobInfo job = jobs.runJob(python("python", "train.py").timeout("10m").build());
    assertEquals(JobStage.SCHEDULING, job.stage());
    assertEquals("testuser", job.namespace());
    assertEquals(Duration.ofMinutes(10), job.effectiveTimeout());

    // Each second of simulated time prints one line, which must reach the follower before the next second.
    java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
    CompletableFuture<Void> log = CompletableFuture.runAsync(
        () -> jobs.fetchJobLogs(job.id(), JobLogsParams.defaults(), line -> got.add(line.text())));
    List<String> seen = new ArrayList<>();
    clock.advance(Duration.ofSeconds(1));                 // scheduled: the job runs
    for (int i = 1; i <= 5; i++) {
      clock.advance(Duration.ofSeconds(1));
      seen.add(got.poll(10, TimeUnit.SECONDS));
    }
    clock.advance(Duration.ofSeconds(1));                 // the job completes; the follower ends
    log.get(10, TimeUnit.SECONDS);
    assertEquals(lines(5), seen);
    assertTrue(got.isEmpty(), "no line repeated: " + got);
    JobInfo done = jobs.waitForJob(job.id(), Duration.ofMinutes(1));
    assertEquals(JobStage.COMPLETED, done.stage());
    assertEquals(Instant.parse("2026-11-20T12:00:07Z"), done.finishedAt());
    assertEquals(new JobDurations(1L, 6L, 7L), done.durations());
  }

  @Test
  void failingJobEndsInErrorWithItsMessage() {
    emulation.scriptNext(JobScript.builder().log(Duration.ofSeconds(1), "loading model")
        .fail(Duration.ofSeconds(2), "CUDA out of memory").build());
    JobInfo job = jobs.runJob(python("python", "train.py").flavor(JobHardware.A10G_SMALL).build());
    JobInfo done = jobs.waitForJob(job.id(), Duration.ofMinutes(1));
    assertEquals(JobStage.ERROR, done.stage());
    assertEquals("CUDA out of memory", done.status().message());
    assertEquals(List.of("loading model"), texts(jobs.fetchJobLogs(job.id())));
  }

  @Test
  void cancelWhileRunning() {
    emulation.scriptNext(JobScript.builder().log(Duration.ZERO, "serving").runUntilStopped().build());
    JobInfo job = jobs.runJob(python("python", "-m", "http.server").exposePorts(8000).build());
    JobInfo running = jobs.waitForJob(job.id(), JobStage.RUNNING, WaitParams.timeout(Duration.ofMinutes(1)));
    assertEquals(JobStage.RUNNING, running.stage());
    assertEquals(List.of("https://" + job.id() + "--8000.hf.jobs"), running.status().exposeUrls());
    JobInfo canceled = jobs.cancelJob(job.id());
    assertEquals(JobStage.CANCELED, canceled.stage());
    assertEquals(JobStage.CANCELED, jobs.waitForJob(job.id(), Duration.ofMinutes(1)).stage());
    assertEquals(List.of("serving"), texts(jobs.fetchJobLogs(job.id())), "the log of a cancelled job ends");
  }

  @Test
  void timeoutEndsTheJobInError() {
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").timeout("90s").build());
    JobInfo done = jobs.waitForJob(job.id(), Duration.ofMinutes(5));
    assertEquals(JobStage.ERROR, done.stage());
    assertEquals("Job timeout", done.status().message());
    assertEquals(90L, done.timeoutSeconds());
    assertEquals(Duration.ofSeconds(91), Duration.between(done.createdAt(), done.finishedAt()));
  }

  @Test
  void withoutTimeoutTheDefaultIsVisibleAndApplied() {
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").build());
    assertTrue(job.usesDefaultTimeout());
    assertEquals(Duration.ofMinutes(30), job.effectiveTimeout());
    JobInfo done = jobs.waitForJob(job.id(), Duration.ofHours(1));
    assertEquals("Job timeout", done.status().message());
  }

  @Test
  void waitForJobTimesOutWithATypedError() {
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").timeout("1h").build());
    io.hf4j.core.HfTimeoutException e = assertThrows(io.hf4j.core.HfTimeoutException.class,
        () -> jobs.waitForJob(job.id(), Duration.ofSeconds(30)));
    assertTrue(e.getMessage().contains("RUNNING"), e.getMessage());
  }

  @Test
  void waitForJobReportsTheEmulatedStagesAndIsCancelledByItsToken() {
    emulation.scriptNext(JobScript.builder().scheduling(Duration.ofSeconds(3)).runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").timeout("1h").build());
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    List<String> stages = new ArrayList<>();
    WaitParams params = WaitParams.builder().cancellationToken(token).listener(e -> {
      if (e instanceof io.hf4j.core.WaitEvent.StageChanged s) {
        stages.add(s.stage());
        if (s.stage().equals("RUNNING")) token.cancel();
      }
    }).build();
    assertThrows(io.hf4j.core.CancelledException.class, () -> jobs.waitForJob(job, params));
    assertEquals(List.of("SCHEDULING", "RUNNING"), stages);
    assertEquals(JobStage.RUNNING, jobs.inspectJob(job).stage(), "cancelling the wait leaves the job alone");
  }

  @Test
  void followingTheLogIsCancelledByItsToken() throws Exception {
    emulation.scriptNext(JobScript.builder().scheduling(Duration.ZERO).log(Duration.ZERO, "one").log(Duration.ZERO, "two")
        .log(Duration.ZERO, "three").runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").timeout("1h").build());
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    List<String> seen = new ArrayList<>();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(() -> jobs.fetchJobLogs(job,
        JobLogsParams.builder().cancellationToken(token).build(), line -> {
          seen.add(line.text());
          if (line.text().equals("two")) token.cancel();
        }));
    java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
        () -> follow.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof io.hf4j.core.CancelledException, String.valueOf(e.getCause()));
    assertEquals(List.of("one", "two"), seen.subList(0, 2));
    assertEquals(JobStage.RUNNING, jobs.inspectJob(job).stage(), "cancelling the read leaves the job alone");
  }

  @Test
  void reconnectMidStreamDeliversEveryLineOnce() throws Exception {
    emulation.scriptNext(JobScript.builder().scheduling(Duration.ZERO)
        .logEvery(Duration.ofSeconds(1), lines(10).toArray(new String[0])).complete(Duration.ofSeconds(11)).build());
    JobInfo job = jobs.runJob(python("python", "train.py").build());
    clock.advance(Duration.ofSeconds(4));                 // lines 1-4 printed, the job runs on
    emulation.cutNextLogStream(job.id(), 3);              // the first connection breaks after 3 events
    java.util.concurrent.BlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
    CompletableFuture<Void> log = CompletableFuture.runAsync(
        () -> jobs.fetchJobLogs(job.id(), JobLogsParams.defaults(), line -> got.add(line.text())));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) seen.add(got.poll(10, TimeUnit.SECONDS));   // the history, across the cut
    for (int i = 5; i <= 10; i++) {
      clock.advance(Duration.ofSeconds(1));
      seen.add(got.poll(10, TimeUnit.SECONDS));
    }
    clock.advance(Duration.ofSeconds(1));                 // the job completes; the follower ends
    log.get(10, TimeUnit.SECONDS);
    assertEquals(lines(10), seen);
    assertTrue(got.isEmpty(), "no line repeated: " + got);
    assertTrue(logConnections(job.id()) >= 2, "reconnected");
  }

  @Test
  void reconnectAfterAnInjectedConnectionResetOnTheLogsEndpoint() {
    emulation.scriptNext(JobScript.builder().logEvery(Duration.ofSeconds(1), lines(6).toArray(new String[0]))
        .complete(Duration.ofSeconds(7)).build());
    JobInfo job = jobs.runJob(python("python", "train.py").build());
    jobs.waitForJob(job.id(), Duration.ofMinutes(1));
    FaultRule reset = hub.faults().inject(FaultRule.on("GET", "/api/jobs/*/*/logs").nth(1).resetDuringResponseBody());
    assertEquals(lines(6), texts(jobs.fetchJobLogs(job.id())));
    assertEquals(1, reset.fired());
    assertEquals(2, logConnections(job.id()));
  }

  @Test
  void tailReturnsTheLastLines() {
    emulation.scriptNext(JobScript.builder().logEvery(Duration.ofSeconds(1), lines(6).toArray(new String[0]))
        .complete(Duration.ofSeconds(7)).build());
    JobInfo job = jobs.runJob(python("python", "train.py").build());
    jobs.waitForJob(job.id(), Duration.ofMinutes(1));
    assertEquals(lines(6).subList(4, 6), texts(jobs.fetchJobLogs(job.id(), JobLogsParams.builder().tail(2).follow(false).build())));
  }

  @Test
  void scheduledJobTriggersRuns() {
    ScheduledJobInfo scheduled = jobs.createScheduledJob(CreateScheduledJobParams.builder("@hourly",
        python("python", "-c", "print('tick')").timeout("5m").build()).build());
    assertEquals(Instant.parse("2026-11-20T13:00:00Z"), scheduled.status().nextJobRunAt());
    assertEquals(300L, scheduled.jobSpec().timeoutSeconds());
    clock.advance(Duration.ofHours(2).plusSeconds(5));
    List<JobInfo> runs = jobs.listJobs().collect(Collectors.toList());
    assertEquals(2, runs.size());
    for (JobInfo run : runs) {
      assertEquals(JobInitiator.SCHEDULED_JOB, run.initiator().type());
      assertEquals(scheduled.id(), run.initiator().id());
      assertEquals(JobStage.COMPLETED, run.stage());
    }
    ScheduledJobInfo after = jobs.inspectScheduledJob(scheduled.id());
    assertEquals(runs.get(0).id(), after.status().lastJob().id(), "the newest run is listed first and is the last job");

    JobInfo manual = jobs.triggerScheduledJob(scheduled.id());
    assertThrows(ConflictException.class, () -> jobs.triggerScheduledJob(scheduled.id()));
    assertEquals(JobStage.COMPLETED, jobs.waitForJob(manual.id(), Duration.ofMinutes(1)).stage());

    jobs.suspendScheduledJob(scheduled.id());
    assertTrue(jobs.inspectScheduledJob(scheduled.id()).suspend());
    clock.advance(Duration.ofHours(3));
    assertEquals(3, jobs.listJobs().count());
    jobs.resumeScheduledJob(scheduled.id());
    assertEquals(1, jobs.listScheduledJobs().count());
    jobs.deleteScheduledJob(scheduled.id());
    assertThrows(JobNotFoundException.class, () -> jobs.inspectScheduledJob(scheduled.id()));
  }

  @Test
  void listFiltersAndPagesAgainstTheEmulator() {
    emulation.pageSize(2);
    emulation.script("python:3.12", JobScript.builder().runUntilStopped().build());
    List<String> prod = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JobInfo j = jobs.runJob(python("python", "-c", "print(" + i + ")").label("env", i < 3 ? "prod" : "dev").build());
      if (i < 3) prod.add(0, j.id());
      clock.advance(Duration.ofMillis(10));
    }
    assertEquals(5, jobs.listJobs().count());
    assertEquals(prod, jobs.listJobs(ListJobsParams.builder().label("env", "prod").build()).map(JobInfo::id)
        .collect(Collectors.toList()));
    clock.advance(Duration.ofSeconds(2));
    jobs.cancelJob(prod.get(0));
    assertEquals(4, jobs.listJobs(ListJobsParams.builder().stages(JobStage.RUNNING).build()).count());
    assertEquals(List.of(prod.get(0)), jobs.listJobs(ListJobsParams.builder().stages(JobStage.CANCELED).build())
        .map(JobInfo::id).collect(Collectors.toList()));
    long pages = hub.requests().stream().map(RecordedRequest::path).filter("/api/jobs/testuser"::equals).count();
    assertTrue(pages >= 3 + 2 + 2 + 1, "pages were followed: " + pages);
  }

  @Test
  void labelsDuplicateHardwareAndMetrics() {
    JobInfo job = jobs.runJob(python("python", "-c", "print(1)").name("first").build());
    assertEquals("first", job.name());
    JobInfo relabeled = jobs.updateJobLabels(job.id(), Map.of("name", "renamed", "env", "dev"));
    assertEquals(Map.of("name", "renamed", "env", "dev"), relabeled.labels());
    JobInfo copy = jobs.duplicateJob(job.id());
    assertEquals("duplicated-job", copy.initiator().type());
    assertEquals(26, jobs.listJobsHardware().size());
    assertTrue(jobs.listJobsHardware().stream().anyMatch(h -> h.name().equals(JobHardware.H200X8) && !h.isCpu()));
    assertThrows(HfValidationException.class, () -> jobs.runJob(python("python").flavor("h200x9").build()));
    jobs.waitForJob(job.id(), Duration.ofMinutes(1));
    assertEquals(List.of(), jobs.fetchJobMetrics(job.id()).collect(Collectors.toList()), "a finished job has no metrics");
  }

  @Test
  void unknownJobIsATypedNotFound() {
    assertThrows(JobNotFoundException.class, () -> jobs.inspectJob("000000000000000000000000"));
    assertThrows(JobNotFoundException.class, () -> jobs.cancelJob("000000000000000000000000"));
    assertThrows(JobNotFoundException.class, () -> texts(jobs.fetchJobLogs("000000000000000000000000")));
  }

  @Test
  void namespaceWithoutJobsAccessSurfacesTheServerMessage() {
    emulation.denyJobs("testorg", "Jobs need a PRO subscription or credits in 'testorg'");
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> jobs.runJob(python("python").namespace("testorg").build()));
    assertTrue(e.getMessage().contains("Jobs need a PRO subscription or credits in 'testorg'"), e.getMessage());
    assertFalse(e.getMessage().contains(HubEmulator.DEFAULT_WRITE_TOKEN));
    PermissionDeniedException other = assertThrows(PermissionDeniedException.class,
        () -> jobs.inNamespace("otheruser").inspectJob("000000000000000000000000"));
    assertTrue(other.getMessage().contains("otheruser"), other.getMessage());
  }

  @Test
  void orgJobIsReadBackInItsNamespace() {
    JobInfo job = jobs.runJob(python("python").namespace("testorg").build());
    assertEquals("testorg", job.namespace());
    assertThrows(JobNotFoundException.class, () -> jobs.inspectJob(job.id()));
    assertEquals(job.id(), jobs.inNamespace(job.namespace()).inspectJob(job.id()).id());
  }

  @Test
  void uvJobRunsTheUvCommand() {
    JobInfo job = jobs.runUvJob(RunUvJobParams.builder("https://example.com/sft.py").dependencies("trl").python("3.12").build());
    assertEquals(List.of("uv", "run", "--with", "trl", "--python", "3.12", "https://example.com/sft.py"), job.command());
    assertEquals(RunUvJobParams.DEFAULT_IMAGE, job.dockerImage());
    assertTrue(job.name().startsWith("sft-"));
  }

  @Test
  void boundImageRunsAJavaTrainerThatTalksToTheEmulator() throws Exception {
    AtomicReference<String> seenNamespace = new AtomicReference<>();
    hub.jobImages().bind("acme/trainer:*", run -> {
      int epochs = Integer.parseInt(run.environment().get("EPOCHS"));
      HfConfig inside = ((JobRun) run).hfConfig();
      seenNamespace.set(JobsClient.create(inside).namespace());
      for (int e = 1; e <= epochs; e++) {
        run.sleep(Duration.ofSeconds(10));
        run.log("epoch " + e + "/" + epochs + " on " + run.environment().get("ACCELERATOR"));
      }
      return 0;
    });
    JobInfo job = jobs.runJob(RunJobParams.builder().image("acme/trainer:1.0").command("java", "-jar", "trainer.jar")
        .flavor(JobHardware.A10G_SMALL).env("EPOCHS", "3").secret("HF_TOKEN", HubEmulator.DEFAULT_WRITE_TOKEN)
        .timeout("1h").build());
    List<JobLogLine> got = new ArrayList<>();
    CompletableFuture<Void> follow = CompletableFuture.runAsync(
        () -> jobs.fetchJobLogs(job.id(), JobLogsParams.defaults(), got::add));
    for (int i = 0; i < 200 && !follow.isDone(); i++) {
      Thread.sleep(20);
      clock.advance(Duration.ofSeconds(1));
    }
    follow.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("epoch 1/3 on a10g-small", "epoch 2/3 on a10g-small", "epoch 3/3 on a10g-small"),
        got.stream().map(JobLogLine::text).collect(Collectors.toList()));
    assertEquals(JobStage.COMPLETED, jobs.waitForJob(job.id(), Duration.ofMinutes(1)).stage());
    assertEquals("testuser", seenNamespace.get());
  }

  @Test
  void waitForJobRidesOutInjectedServerErrorsAndRateLimits() {
    emulation.scriptNext(JobScript.builder().complete(Duration.ofSeconds(10)).build());
    JobInfo job = jobs.runJob(python("python").build());
    hub.faults().inject(FaultRule.on("GET", "/api/jobs/testuser/" + job.id()).times(2).status(503));
    hub.faults().inject(FaultRule.on("GET", "/api/jobs/testuser/" + job.id()).nth(4).rateLimited(Duration.ofSeconds(3)));
    JobsClient noCoreRetries = JobsClient.create(config.toBuilder().maxRetries(0).build());
    assertEquals(JobStage.COMPLETED, noCoreRetries.waitForJob(job.id(), Duration.ofMinutes(1)).stage());
    assertEquals(3, hub.faults().count(), "faults were injected: " + hub.faults().events());
    assertEquals(1, hub.faults().count(io.hf4j.testkit.FaultKind.RATE_LIMIT));
  }
}
