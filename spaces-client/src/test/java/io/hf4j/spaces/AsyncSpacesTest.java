package io.hf4j.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.StopOnlySleeps;
import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.ConfigClosedException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.Sleeper;
import io.hf4j.core.WaitParams;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link SpacesClient#async()} against the testkit's emulated Hub on a manual clock. */
class AsyncSpacesTest {
  static final RepoId ID = RepoId.space("testuser/demo");

  private final HubEmulator hub =
      HubEmulator.builder().clock(EmulatorClock.manual(Instant.parse("2026-03-01T10:00:00Z"))).build().start();
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final StopOnlySleeps tokenOnly = new StopOnlySleeps();
  private final Sleeper tokenOnlySleeper = new Sleeper() {
    @Override
    public void sleep(Duration duration) {
      tokenOnly.sleep(() -> false);
    }

    @Override
    public void sleep(Duration duration, BooleanSupplier stop) {
      tokenOnly.sleep(stop);
    }
  };

  @AfterEach
  void stop() {
    tokenOnly.release();
    pool.shutdownNow();
    hub.close();
  }

  private void deploy() {
    hub.repos().create(RepoType.SPACE, ID.toString(), false, Map.of("sdk", "gradio"));
    hub.repos().commit(RepoType.SPACE, ID.toString(), "main", "deploy",
        Map.of("app.py", "import gradio as gr\n".getBytes(StandardCharsets.UTF_8)), Set.of());
  }

  @Test
  void waitForSpaceCompletesWithTheRunningRuntime() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(hub.clock()).sleeper(d -> hub.clock().advance(d)).executor(pool).build();
    SpacesClient spaces = SpacesClient.create(config);
    deploy();
    SpaceRuntime running = spaces.async().waitForSpace(ID, Duration.ofMinutes(10)).get(60, TimeUnit.SECONDS);
    assertEquals(SpaceStage.RUNNING, running.stage());
    config.close();
    assertThrows(ConfigClosedException.class, () -> spaces.async().waitForSpace(ID, Duration.ofMinutes(10)));
    assertFalse(pool.isShutdown());
  }

  @Test
  void cancellingAWaitStopsIt() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    // A sleeper that blocks until interrupted: the wait can only end by its cancellation.
    HfConfig config = hub.hfConfigBuilder().clock(hub.clock()).executor(pool).sleeper(d -> {
      sleeping.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.complete(true);
        throw e;
      }
    }).build();
    SpacesClient spaces = SpacesClient.create(config);
    deploy();
    CompletableFuture<SpaceRuntime> wait = spaces.async().waitForSpace(ID, Duration.ofMinutes(10));
    assertTrue(sleeping.await(60, TimeUnit.SECONDS));
    assertTrue(wait.cancel(true));
    CompletionException e = assertThrows(CompletionException.class, wait::join);
    assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
    assertTrue(interrupted.get(60, TimeUnit.SECONDS), "the sleeping wait was interrupted");
    assertEquals(SpaceStage.BUILDING, spaces.getSpaceRuntime(ID).stage(), "the Space is left as it was");
    assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).get(60, TimeUnit.SECONDS));
  }

  @Test
  void cancellingTheFutureCancelsTheWaitsToken() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(hub.clock()).executor(pool).sleeper(tokenOnlySleeper).build();
    SpacesClient spaces = SpacesClient.create(config);
    deploy();
    CompletableFuture<SpaceRuntime> wait = spaces.async().waitForSpace(ID, Duration.ofMinutes(10));
    assertTrue(tokenOnly.sleeping.await(60, TimeUnit.SECONDS));

    assertTrue(wait.cancel(true));
    assertInstanceOf(CancelledException.class, assertThrows(CompletionException.class, wait::join).getCause());
    // The sleeper ignores interrupts: only the wait's token lets it go, and it does.
    tokenOnly.check();
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the wait ended: no thread is left polling");
    assertEquals(1, tokenOnly.sleeps.get(), "no poll after the cancellation");
    assertEquals(SpaceStage.BUILDING, spaces.getSpaceRuntime(ID).stage(), "the Space is left as it was");
  }

  @Test
  void theFutureAndTheCallersTokenBothCancelTheWait() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(hub.clock()).executor(pool).sleeper(tokenOnlySleeper).build();
    SpacesClient spaces = SpacesClient.create(config);
    deploy();
    CancellationToken callers = CancellationToken.create();
    CompletableFuture<SpaceRuntime> wait = spaces.async().waitForSpace(ID, WaitParams.builder().cancellationToken(callers).build());
    assertTrue(tokenOnly.sleeping.await(60, TimeUnit.SECONDS));

    callers.cancel();
    tokenOnly.check();
    ExecutionException e = assertThrows(ExecutionException.class, () -> wait.get(60, TimeUnit.SECONDS));
    assertInstanceOf(CancelledException.class, e.getCause());
    assertFalse(wait.isCancelled(), "the wait failed on the caller's token; the future itself was not cancelled");
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "no thread is left polling");
    assertEquals(1, tokenOnly.sleeps.get());
  }
}
