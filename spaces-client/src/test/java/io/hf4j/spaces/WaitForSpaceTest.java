package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.core.WaitParams;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling a Space's runtime until it runs, through the configured sleeper and clock. */
class WaitForSpaceTest {
  static final RepoId ID = RepoId.space("acme/demo");

  @StartStop final MockWebServer hub = new MockWebServer();
  @TempDir Path home;
  FakeTime clock;
  SpacesClient spaces;

  @BeforeEach
  void setUp() {
    clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    spaces = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  @Test
  void pollsThroughTransitionalStagesUntilRunning() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("APP_STARTING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    SpaceRuntime r = spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).build());
    assertEquals(SpaceStage.RUNNING, r.stage());
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), clock.sleeps());
    assertEquals(3, hub.getRequestCount());
  }

  @Test
  void buildErrorEndsTheWaitAtOnceWithStageAndServerMessage() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILD_ERROR").replace("\"storage\":null",
        "\"storage\":null,\"errorMessage\":\"Build failed with exit code: 1\"")));
    hub.enqueue(TestSupport.sse("--> RUN pip install -r requirements.txt", "ERROR: No matching distribution found for torchh",
        "--> ERROR: process \"/bin/sh -c pip install -r requirements.txt\" did not complete successfully: exit code: 1"));
    hub.enqueue(TestSupport.sse());
    SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(10)));
    assertEquals(SpaceStage.BUILD_ERROR, e.stage());
    assertEquals(SpaceLogKind.BUILD, e.logKind());
    assertEquals(3, e.logLines().size());
    assertEquals(SpaceDiagnosis.Kind.BUILD_STEP_FAILED, e.diagnosis().kind());
    assertTrue(e.getMessage().contains("RUN pip install -r requirements.txt") && e.getMessage().contains("torchh"), e.getMessage());
    assertEquals("Build failed with exit code: 1", e.serverMessage());
    assertEquals(ID, e.spaceId());
    assertTrue(e.getMessage().contains("BUILD_ERROR") && e.getMessage().contains("exit code: 1"), e.getMessage());
    assertEquals(1, clock.sleeps().size());
    assertEquals(List.of("/api/spaces/acme/demo/runtime", "/api/spaces/acme/demo/runtime", "/api/spaces/acme/demo/logs/build",
        "/api/spaces/acme/demo/logs/run"), paths(4));
  }

  private List<String> paths(int n) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        out.add(hub.takeRequest().getTarget());
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }

  @Test
  void everyFailedStageIsTyped() {
    for (String stage : List.of("RUNTIME_ERROR", "CONFIG_ERROR", "NO_APP_FILE")) {
      hub.enqueue(MockResponses.json(TestSupport.runtime(stage)));
      if (!stage.equals("NO_APP_FILE")) {
        hub.enqueue(TestSupport.sse());
        hub.enqueue(TestSupport.sse());
      }
      SpaceFailedException e = assertThrows(SpaceFailedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(1)));
      assertEquals(stage, e.stage().value());
    }
  }

  @Test
  void pausedSpaceEndsTheWaitAsStopped() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("PAUSED")));
    SpaceStoppedException e = assertThrows(SpaceStoppedException.class, () -> spaces.waitForSpace(ID, Duration.ofMinutes(1)));
    assertEquals(SpaceStage.PAUSED, e.stage());
    assertTrue(e.getMessage().contains("restart"), e.getMessage());
  }

  @Test
  void timeoutIsTypedWithTheLastStage() {
    for (int i = 0; i < 10; i++) hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    SpaceTimeoutException e = assertThrows(SpaceTimeoutException.class,
        () -> spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(4)).build()));
    assertTrue(e instanceof HfTimeoutException);
    assertEquals(Duration.ofSeconds(10), e.timeout());
    assertEquals(SpaceStage.BUILDING, e.lastStage());
    assertEquals(List.of(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2)), clock.sleeps(), "never past the deadline");
    assertEquals(4, hub.getRequestCount());
  }

  @Test
  void unknownStageIsPolledPast() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("WARMING_UP")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    assertEquals(SpaceStage.RUNNING, spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).build()).stage());
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(HfValidationException.class, () -> spaces.waitForSpace(ID, Duration.ofSeconds(-1)));
    assertThrows(HfValidationException.class, () -> spaces.waitForSpace(ID, WaitParams.builder().timeout(Duration.ofSeconds(1)).pollInterval(Duration.ZERO).build()));
    assertEquals(0, hub.getRequestCount());
  }

  @Test
  void anInterruptedWaitIsTypedAndKeepsTheInterruptFlag() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    SpacesClient interrupted = SpacesClient.create(TestSupport.configBuilder(hub, home, clock)
        .sleeper(d -> {
          throw new InterruptedException("cancelled");
        })
        .build());
    try {
      io.hf4j.core.CancelledException e = assertThrows(io.hf4j.core.CancelledException.class,
          () -> interrupted.waitForSpace(ID, Duration.ofMinutes(10)));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(e.getMessage().contains(ID.toString()), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, hub.getRequestCount());
  }

  @Test
  void transientFailuresAreRiddenOutAndTheListenerSeesStagesAndRetries() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    hub.enqueue(MockResponses.json(503, "{\"error\":\"busy\"}"));
    hub.enqueue(new mockwebserver3.MockResponse.Builder().code(429).setHeader("Retry-After", "30").body("{}").build());
    hub.enqueue(MockResponses.json(TestSupport.runtime("APP_STARTING")));
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING")));
    List<String> events = new java.util.ArrayList<>();
    SpacesClient noCoreRetries = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).maxRetries(0).build());
    SpaceRuntime r = noCoreRetries.waitForSpace(ID, WaitParams.builder().listener(e -> events.add(
        e instanceof io.hf4j.core.WaitEvent.StageChanged s ? s.stage()
            : e instanceof io.hf4j.core.WaitEvent.Retrying t ? "retry " + t.attempt() + " " + t.delay().toSeconds() : e.toString())).build());
    assertEquals(SpaceStage.RUNNING, r.stage());
    assertEquals(List.of("BUILDING", "retry 1 5", "retry 2 30", "APP_STARTING", "RUNNING"), events);
    assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5)), clock.sleeps());
  }

  @Test
  void theTokenCancelsTheWait() {
    for (int i = 0; i < 5; i++) hub.enqueue(MockResponses.json(TestSupport.runtime("BUILDING")));
    io.hf4j.core.CancellationToken token = io.hf4j.core.CancellationToken.create();
    clock.onSleep(d -> token.cancel());
    io.hf4j.core.CancelledException e = assertThrows(io.hf4j.core.CancelledException.class,
        () -> spaces.waitForSpace(ID, WaitParams.builder().cancellationToken(token).build()));
    assertTrue(e.getMessage().contains(ID.toString()), e.getMessage());
    assertEquals(1, hub.getRequestCount());
  }

  @Test
  void noRetriesLeftThrowsTheServerError() {
    hub.enqueue(MockResponses.json(503, "{\"error\":\"busy\"}"));
    SpacesClient noCoreRetries = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).maxRetries(0).build());
    assertThrows(io.hf4j.core.ServerException.class, () -> noCoreRetries.waitForSpace(ID, WaitParams.builder().maxRetries(0).build()));
  }
}
