package io.hf4j.jobs;

import io.hf4j.testfixtures.StopOnlySleeps;
import io.hf4j.core.WaitParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.ConfigClosedException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.Sleeper;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.jobs.JobScript;
import io.hf4j.testkit.jobs.JobsEmulation;
import java.time.Duration;
import java.time.Instant;
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

/** {@link JobsClient#async()} against the testkit's Jobs emulation on a manual clock. */
class AsyncJobsTest {
  private final EmulatorClock clock = EmulatorClock.manual(Instant.parse("2026-11-20T12:00:00Z"));
  private final HubEmulator hub = HubEmulator.builder().clock(clock).build().start();
  private final JobsEmulation emulation = hub.module(JobsEmulation.class);
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
  void close() {
    tokenOnly.release();
    pool.shutdownNow();
    hub.close();
    clock.close();
  }

  private static RunJobParams.Builder python(String... command) {
    return RunJobParams.builder().image("python:3.12").command(command);
  }

  @Test
  void runJobAndWaitCompletesWithTheFinalStateOnTheConfigsExecutor() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(clock).sleeper(clock::advance).executor(pool).build();
    JobsClient jobs = JobsClient.create(config);
    emulation.scriptNext(JobScript.builder().log(Duration.ofSeconds(1), "training").complete(Duration.ofSeconds(6)).build());
    CompletableFuture<JobInfo> done = jobs.async().runJobAndWait(python("python", "train.py").build(),
        WaitParams.builder().timeout(Duration.ofMinutes(1)).build());
    JobInfo job = done.get(60, TimeUnit.SECONDS);
    assertEquals(JobStage.COMPLETED, job.stage());
    assertEquals("testuser", job.namespace());
    assertEquals(JobStage.COMPLETED, jobs.async().waitForJob(job, Duration.ofMinutes(1)).get(60, TimeUnit.SECONDS).stage());
    assertEquals(JobStage.COMPLETED, jobs.async().waitForJob(job.id(), Duration.ofMinutes(1)).get(60, TimeUnit.SECONDS).stage());
    config.close();
    assertThrows(ConfigClosedException.class, () -> jobs.async().waitForJob(job, Duration.ofMinutes(1)));
    assertFalse(pool.isShutdown());
  }

  @Test
  void cancellingAWaitStopsItButNotTheJob() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    // A sleeper that blocks until interrupted: the wait can only end by its cancellation.
    HfConfig config = hub.hfConfigBuilder().clock(clock).executor(pool).sleeper(d -> {
      sleeping.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.complete(true);
        throw e;
      }
    }).build();
    JobsClient jobs = JobsClient.create(config);
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").build());
    CompletableFuture<JobInfo> wait = jobs.async().waitForJob(job, Duration.ofHours(1));
    assertTrue(sleeping.await(60, TimeUnit.SECONDS));
    assertTrue(wait.cancel(true));
    CompletionException e = assertThrows(CompletionException.class, wait::join);
    assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
    assertTrue(interrupted.get(60, TimeUnit.SECONDS), "the sleeping wait was interrupted");
    assertFalse(jobs.inspectJob(job).stage().isTerminal(), "the job itself keeps running");
    // The executor's only thread is free again and not left interrupted.
    assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).get(60, TimeUnit.SECONDS));
  }

  @Test
  void cancellingTheFutureCancelsTheWaitsTokenNotTheCallers() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(clock).executor(pool).sleeper(tokenOnlySleeper).build();
    JobsClient jobs = JobsClient.create(config);
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    JobInfo job = jobs.runJob(python("sleep", "infinity").build());
    CancellationToken callers = CancellationToken.create();
    CompletableFuture<JobInfo> wait = jobs.async().waitForJob(job, WaitParams.builder().cancellationToken(callers).build());
    assertTrue(tokenOnly.sleeping.await(60, TimeUnit.SECONDS));

    assertTrue(wait.cancel(true));
    assertInstanceOf(CancelledException.class, assertThrows(CompletionException.class, wait::join).getCause());
    // The sleeper ignores interrupts: only the wait's token lets it go, and it does.
    tokenOnly.check();
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the wait ended: no thread is left polling");
    assertEquals(1, tokenOnly.sleeps.get(), "no poll after the cancellation");
    assertFalse(callers.isCancelled(), "the caller's own token is left as it is");
    assertFalse(jobs.inspectJob(job).stage().isTerminal(), "the job itself keeps running");
  }

  @Test
  void theCallersTokenStillCancelsAnAsyncRunAndWait() throws Exception {
    HfConfig config = hub.hfConfigBuilder().clock(clock).executor(pool).sleeper(tokenOnlySleeper).build();
    JobsClient jobs = JobsClient.create(config);
    emulation.scriptNext(JobScript.builder().runUntilStopped().build());
    CancellationToken callers = CancellationToken.create();
    CompletableFuture<JobInfo> wait = jobs.async().runJobAndWait(python("sleep", "infinity").build(),
        WaitParams.builder().cancellationToken(callers).build());
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
