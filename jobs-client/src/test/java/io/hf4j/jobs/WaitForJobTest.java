package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.ServerException;
import io.hf4j.core.WaitEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class WaitForJobTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();

  private JobsClient jobs(int coreRetries) {
    return JobsClient.create(Fixtures.config(server, time, coreRetries)).inNamespace("alice");
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body("{\"error\":\"busy\"}").build();
  }

  @Test
  void returnsTheFinalStateOnCompletion() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    JobInfo done = jobs(0).waitForJob("a1", Duration.ofMinutes(5));
    assertEquals(JobStage.COMPLETED, done.stage());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500)), time.sleeps());
  }

  @Test
  void errorIsReturnedNotThrown() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "ERROR", "Job timeout")));
    JobInfo done = jobs(0).waitForJob("a1", Duration.ofMinutes(5));
    assertEquals(JobStage.ERROR, done.stage());
    assertEquals("Job timeout", done.status().message());
  }

  @Test
  void survivesServerErrorsRateLimitsAndResetsWhilePolling() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").setHeader("Content-Type", "application/json")
        .body("{\"error\":\"slow down\"}").build());
    server.enqueue(status(500));
    server.enqueue(new MockResponse.Builder().onRequestStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    JobInfo done = jobs(0).waitForJob("a1", Duration.ofMinutes(5));
    assertEquals(JobStage.COMPLETED, done.stage());
    assertEquals(6, server.getRequestCount());
    assertTrue(time.sleeps().contains(Duration.ofSeconds(7)), "waited the Retry-After: " + time.sleeps());
  }

  @Test
  void coreRetriesAbsorbTransientFailuresToo() {
    server.enqueue(status(502));
    server.enqueue(status(429));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(JobStage.COMPLETED, jobs(3).waitForJob("a1", Duration.ofMinutes(5)).stage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void timesOutWithATypedErrorAfterTheDeadline() {
    for (int i = 0; i < 30; i++) server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    HfTimeoutException e = assertThrows(HfTimeoutException.class,
        () -> jobs(0).waitForJob("a1", WaitParams.timeout(Duration.ofSeconds(60))));
    assertEquals(Duration.ofSeconds(60), e.timeout());
    assertTrue(e.getMessage().contains("it was RUNNING"), e.getMessage());
    Duration slept = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
    assertEquals(Duration.ofSeconds(60), slept, "never sleeps past the deadline: " + time.sleeps());
    assertTrue(time.sleeps().contains(Duration.ofSeconds(10)), "the interval grows to its cap: " + time.sleeps());
  }

  @Test
  void waitsForAChosenStage() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    assertEquals(JobStage.RUNNING, jobs(0).waitForJob("a1", JobStage.RUNNING, WaitParams.timeout(Duration.ofMinutes(1))).stage());
  }

  @Test
  void terminalStageEndsAWaitForAnotherStage() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "ERROR", "image not found")));
    assertEquals(JobStage.ERROR, jobs(0).waitForJob("a1", JobStage.RUNNING, WaitParams.timeout(Duration.ofMinutes(1))).stage());
  }

  @Test
  void unknownStageKeepsThePollingGoing() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "WARMING_UP")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "WARMING_UP")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    assertEquals(JobStage.COMPLETED, jobs(0).waitForJob("a1", Duration.ofMinutes(1)).stage());
  }

  @Test
  void unknownJobFailsAtOnce() {
    server.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"Job not found\"}").build());
    assertThrows(JobNotFoundException.class, () -> jobs(0).waitForJob("a1", Duration.ofMinutes(1)));
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void fixedIntervalWhenTheCapEqualsTheInterval() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    jobs(0).waitForJob("a1", WaitParams.builder().timeout(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(2)).maxPollInterval(Duration.ofSeconds(2)).build());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), time.sleeps());
  }

  @Test
  void theListenerSeesStageChangesAndRetries() {
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    server.enqueue(status(503));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "COMPLETED")));
    List<WaitEvent> events = new ArrayList<>();
    jobs(0).waitForJob("a1", WaitParams.builder().listener(events::add).build());
    assertEquals(List.of("StageChanged SCHEDULING", "Retrying 1", "StageChanged RUNNING", "StageChanged COMPLETED"),
        events.stream().map(e -> e instanceof WaitEvent.StageChanged s ? "StageChanged " + s.stage()
            : e instanceof WaitEvent.Retrying r ? "Retrying " + r.attempt() : e.toString()).toList());
    assertInstanceOf(JobInfo.class, ((WaitEvent.StageChanged) events.get(0)).status());
  }

  @Test
  void theTokenCancelsTheWait() {
    for (int i = 0; i < 5; i++) server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    CancellationToken token = CancellationToken.create();
    time.onSleep(d -> {
      if (time.sleeps().size() == 2) token.cancel();
    });
    assertThrows(CancelledException.class, () -> jobs(0).waitForJob("a1", WaitParams.builder().cancellationToken(token).build()));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theToleranceBudgetEndsARunOfFailures() {
    for (int i = 0; i < 3; i++) server.enqueue(status(503));
    assertThrows(ServerException.class, () -> jobs(0).waitForJob("a1", WaitParams.builder().maxRetries(2).build()));
    assertEquals(3, server.getRequestCount());
  }
}
