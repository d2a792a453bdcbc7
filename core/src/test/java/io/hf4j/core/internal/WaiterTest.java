package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfTimeoutException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.HttpFailure;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.WaitEvent;
import io.hf4j.core.WaitParams;
import io.hf4j.testfixtures.FakeTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The waiting engine on a fake clock: every branch. */
class WaiterTest {
  private final FakeTime time = new FakeTime();
  private final List<WaitEvent> events = new ArrayList<>();

  /** Answers polls from a script: a stage name, or an exception to throw. "DONE" ends, "FAILED" throws, "??" is unknown. */
  private static final class Script implements Waiter.Probe<String> {
    final Deque<Object> answers = new ArrayDeque<>();
    int polls;
    @Nullable String timedOutLast;
    @Nullable HfException timedOutError;

    Script(Object... answers) {
      this.answers.addAll(List.of(answers));
    }

    @Override
    public String poll() {
      polls++;
      Object next = answers.size() > 1 ? answers.removeFirst() : answers.getFirst();
      if (next instanceof RuntimeException e) throw e;
      return (String) next;
    }

    @Override
    public String stage(String status) {
      return status;
    }

    @Override
    public Waiter.Verdict judge(String status) {
      if (status.equals("FAILED")) throw new IllegalStateException("failed stage");
      if (status.equals("DONE")) return Waiter.Verdict.DONE;
      return status.equals("??") ? Waiter.Verdict.UNKNOWN : Waiter.Verdict.WAITING;
    }

    @Override
    public RuntimeException timedOut(@Nullable String last, @Nullable HfException lastError, Duration timeout) {
      timedOutLast = last;
      timedOutError = lastError;
      return new HfTimeoutException("timed out at " + last, timeout);
    }
  }

  private Waiter waiter(WaitParams params) {
    return new Waiter("thing", params, Duration.ofSeconds(1), Duration.ofSeconds(10), time, time::sleep);
  }

  private WaitParams.Builder params() {
    return WaitParams.builder().listener(events::add);
  }

  private static ServerException server503() {
    return new ServerException(new HttpFailure(503, "GET", "/api/x", null, null, null, "busy"));
  }

  @Test
  void returnsTheDoneStatusAndReportsEachStageChangeOnce() {
    Script s = new Script("QUEUED", "QUEUED", "RUNNING", "DONE");
    assertEquals("DONE", waiter(params().build()).await(s));
    assertEquals(4, s.polls);
    assertEquals(List.of("QUEUED", "RUNNING", "DONE"),
        events.stream().map(e -> ((WaitEvent.StageChanged) e).stage()).toList());
  }

  @Test
  void theIntervalGrowsByHalfUpToTheCap() {
    Script s = new Script("A", "A", "A", "A", "A", "A", "A", "DONE");
    waiter(params().pollInterval(Duration.ofSeconds(2)).maxPollInterval(Duration.ofSeconds(6)).build()).await(s);
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(4500), Duration.ofSeconds(6),
        Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofSeconds(6)), time.sleeps());
  }

  @Test
  void theCallsDefaultsApplyWhenTheParamsLeaveThemUnset() {
    Script s = new Script("A", "A", "A", "A", "A", "A", "A", "DONE");
    waiter(WaitParams.defaults()).await(s);
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofMillis(2250), Duration.ofMillis(3375),
        Duration.ofMillis(5062), Duration.ofMillis(7593), Duration.ofSeconds(10)), time.sleeps());
  }

  @Test
  void theDeadlineEndsTheWaitWithTheLastStatusAndNeverSleepsPastIt() {
    Script s = new Script("BUILDING");
    HfTimeoutException e = assertThrows(HfTimeoutException.class,
        () -> waiter(params().timeout(Duration.ofSeconds(10)).build()).await(s));
    assertEquals("timed out at BUILDING", e.getMessage());
    assertEquals("BUILDING", s.timedOutLast);
    assertEquals(Duration.ofSeconds(10), time.slept());
    // 1 + 1.5 + 2.25 + 3.375 = 8.125, then only the 1.875 s left.
    assertEquals(Duration.ofMillis(1875), time.sleeps().get(time.sleeps().size() - 1));
  }

  @Test
  void transientFailuresAreRiddenOutAndReported() {
    Script s = new Script(server503(), new HfIoException("GET /x failed", new IOException("reset")), "DONE");
    assertEquals("DONE", waiter(params().build()).await(s));
    List<WaitEvent.Retrying> retries = events.stream().filter(e -> e instanceof WaitEvent.Retrying)
        .map(e -> (WaitEvent.Retrying) e).toList();
    assertEquals(2, retries.size());
    assertEquals(1, retries.get(0).attempt());
    assertInstanceOf(ServerException.class, retries.get(0).error());
    assertEquals(2, retries.get(1).attempt());
    assertEquals(Duration.ofMillis(1500), retries.get(1).delay());
  }

  @Test
  void aRateLimitWaitsAsLongAsTheServerAnnounced() {
    RateLimitException limited = new RateLimitException(
        new HttpFailure(429, "GET", "/api/x", null, null, null, null), null, Duration.ofSeconds(42));
    waiter(params().build()).await(new Script(limited, "DONE"));
    assertEquals(List.of(Duration.ofSeconds(42)), time.sleeps());
  }

  @Test
  void theToleranceIsABudgetOfConsecutiveFailures() {
    ServerException last = server503();
    Script s = new Script(server503(), server503(), last);
    ServerException e = assertThrows(ServerException.class, () -> waiter(params().maxRetries(2).build()).await(s));
    assertSame(last, e);
    assertEquals(3, s.polls);
  }

  @Test
  void aSuccessfulPollResetsTheBudget() {
    Script s = new Script(server503(), "A", server503(), "A", server503(), "DONE");
    assertEquals("DONE", waiter(params().maxRetries(1).build()).await(s));
  }

  @Test
  void zeroRetriesThrowsTheFirstFailure() {
    assertThrows(ServerException.class, () -> waiter(params().maxRetries(0).build()).await(new Script(server503(), "DONE")));
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void aTimeoutAfterAFailureCarriesIt() {
    Script s = new Script("A", server503());
    assertThrows(HfTimeoutException.class,
        () -> waiter(params().timeout(Duration.ofSeconds(3)).maxRetries(100).build()).await(s));
    assertEquals("A", s.timedOutLast);
    assertInstanceOf(ServerException.class, s.timedOutError);
  }

  @Test
  void aFailedStageThrowsWhatTheProbeThrows() {
    assertThrows(IllegalStateException.class, () -> waiter(params().build()).await(new Script("A", "FAILED")));
  }

  @Test
  void anUnknownStageIsReportedOnceAndPolledPast() {
    Script s = new Script("??", "??", "??", "DONE");
    assertEquals("DONE", waiter(params().build()).await(s));
    assertEquals(1, events.stream().filter(e -> e instanceof WaitEvent.UnknownStage u && u.stage().equals("??")).count());
  }

  @Test
  void theTokenCancelsBetweenPolls() {
    CancellationToken token = CancellationToken.create();
    Script s = new Script("A");
    time.onSleep(d -> {
      if (time.sleeps().size() == 3) token.cancel();
    });
    CancelledException e = assertThrows(CancelledException.class,
        () -> waiter(params().cancellationToken(token).build()).await(s));
    assertTrue(e.getMessage().contains("thing"), e.getMessage());
    assertEquals(3, s.polls);
  }

  @Test
  void aTokenCancelledBeforehandPollsNothing() {
    CancellationToken token = CancellationToken.create();
    token.cancel();
    Script s = new Script("DONE");
    assertThrows(CancelledException.class, () -> waiter(params().cancellationToken(token).build()).await(s));
    assertEquals(0, s.polls);
  }

  @Test
  void anInterruptCancelsAndKeepsTheFlag() {
    Waiter w = new Waiter("thing", WaitParams.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(1), time, d -> {
      throw new InterruptedException();
    });
    try {
      CancelledException e = assertThrows(CancelledException.class, () -> w.await(new Script("A")));
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aListenerThatThrowsEndsTheWait() {
    WaitParams p = WaitParams.builder().listener(e -> {
      throw new IllegalArgumentException("listener");
    }).build();
    assertEquals("listener", assertThrows(IllegalArgumentException.class, () -> waiter(p).await(new Script("A"))).getMessage());
  }

  @Test
  void paramsAreValidatedNamingTheField() {
    assertTrue(assertThrows(HfValidationException.class, () -> WaitParams.builder().timeout(Duration.ZERO).build())
        .getMessage().startsWith("timeout"));
    assertTrue(assertThrows(HfValidationException.class, () -> WaitParams.builder().pollInterval(Duration.ofSeconds(-1)).build())
        .getMessage().startsWith("pollInterval"));
    assertTrue(assertThrows(HfValidationException.class, () -> WaitParams.builder().maxRetries(-1).build())
        .getMessage().startsWith("maxRetries"));
    assertTrue(assertThrows(HfValidationException.class, () -> WaitParams.builder()
        .pollInterval(Duration.ofSeconds(5)).maxPollInterval(Duration.ofSeconds(1)).build()).getMessage().startsWith("maxPollInterval"));
    assertSame(WaitParams.defaults(), WaitParams.defaults());
    assertEquals(Duration.ofMinutes(1), WaitParams.timeout(Duration.ofMinutes(1)).timeout());
  }
}
