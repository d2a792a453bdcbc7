package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.internal.AsyncCall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class HfConfigLifecycleTest {
  private static HfConfig.Builder offlineBuilder() {
    return HfConfig.builder().endpoint("http://127.0.0.1:1").noToken();
  }

  @Test
  void theOwnPoolHasNamedDaemonThreadsAndEndsThemOnClose() throws Exception {
    HfConfig config = offlineBuilder().build();
    CountDownLatch ran = new CountDownLatch(1);
    AtomicReference<Thread> worker = new AtomicReference<>();
    config.executor().execute(() -> {
      worker.set(Thread.currentThread());
      ran.countDown();
    });
    assertTrue(ran.await(30, TimeUnit.SECONDS));
    assertTrue(worker.get().getName().startsWith("hf4j-worker-"), worker.get().getName());
    assertTrue(worker.get().isDaemon());
    assertSame(config.executor(), config.executor(), "one pool per configuration");
    config.close();
    worker.get().join(TimeUnit.SECONDS.toMillis(30));
    assertFalse(worker.get().isAlive(), "close ends the pool's threads");
  }

  @Test
  void everyCallAfterCloseFailsWithATypedError() {
    HfConfig config = offlineBuilder().build();
    okhttp3.OkHttpClient client = config.httpClient();
    config.close();
    config.close(); // idempotent
    assertTrue(config.isClosed());
    ConfigClosedException e = assertThrows(ConfigClosedException.class, config::executor);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(ConfigClosedException.class, config::httpClient);
    // A client taken before close refuses too, before anything is sent.
    Request request = new Request.Builder().url("http://127.0.0.1:1/api/whoami-v2").build();
    ConfigClosedException sent = assertThrows(ConfigClosedException.class, () -> client.newCall(request).execute());
    assertTrue(sent.getMessage().contains("/api/whoami-v2"), sent.getMessage());
    assertTrue(client.dispatcher().executorService().isShutdown(), "the owned dispatcher is shut down");
    assertThrows(ConfigClosedException.class, () -> AsyncCall.start(config, "a call", token -> 1));
  }

  @Test
  void closeNeverShutsDownTheApplicationsExecutorOrOkHttpClient() throws Exception {
    ExecutorService mine = Executors.newFixedThreadPool(2);
    okhttp3.OkHttpClient base = new okhttp3.OkHttpClient();
    try {
      HfConfig config = offlineBuilder().executor(mine).httpClient(base).build();
      assertSame(mine, config.executor());
      config.httpClient();
      config.close();
      assertFalse(mine.isShutdown());
      assertEquals(42, mine.submit(() -> 42).get(30, TimeUnit.SECONDS));
      assertFalse(base.dispatcher().executorService().isShutdown());
    } finally {
      mine.shutdownNow();
      base.dispatcher().executorService().shutdown();
    }
  }

  @Test
  void aDerivedConfigSharesThePoolAndTheClosingOfItsParent() {
    HfConfig parent = offlineBuilder().build();
    HfConfig child = parent.toBuilder().readTimeout(Duration.ofSeconds(5)).build();
    assertSame(parent.executor(), child.executor());
    child.close();
    assertFalse(parent.isClosed(), "closing the derived config releases nothing shared");
    parent.executor();
    parent.close();
    assertTrue(child.isClosed());
    assertThrows(ConfigClosedException.class, child::executor);
  }

  @Test
  void cancellingAnAsyncCallCancelsItsTokenInterruptsItAndLeavesThePoolThreadClean() throws Exception {
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      HfConfig config = offlineBuilder().executor(one).build();
      CountDownLatch started = new CountDownLatch(1);
      AtomicReference<CancellationToken> seen = new AtomicReference<>();
      CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
      CompletableFuture<Integer> call = AsyncCall.start(config, "the wait", token -> {
        seen.set(token);
        started.countDown();
        try {
          new CountDownLatch(1).await();
          return 1;
        } catch (InterruptedException e) {
          interrupted.complete(true);
          throw new HfInterruptedException("interrupted while waiting", e);
        }
      });
      assertTrue(started.await(30, TimeUnit.SECONDS));
      assertTrue(call.cancel(true));
      assertTrue(call.isCancelled() && call.isDone());
      CompletionException e = assertThrows(CompletionException.class, call::join);
      assertTrue(e.getCause() instanceof CancelledException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().contains("the wait"), e.getCause().getMessage());
      assertTrue(seen.get().isCancelled());
      assertTrue(interrupted.get(30, TimeUnit.SECONDS));
      // The interrupt was meant for the call, not for the next task of the same thread.
      assertFalse(one.submit(() -> Thread.currentThread().isInterrupted()).get(30, TimeUnit.SECONDS));
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void anAsyncCallCompletesWithTheCallsResultOrItsException() throws Exception {
    HfConfig config = offlineBuilder().build();
    try {
      assertEquals(7, AsyncCall.start(config, "sum", token -> 3 + 4).get(30, TimeUnit.SECONDS));
      CompletableFuture<Object> failed = AsyncCall.start(config, "fail", token -> {
        throw new HfValidationException("bad input");
      });
      ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof HfValidationException);
      assertFalse(failed.isCancelled());
      CompletableFuture<Integer> done = AsyncCall.start(config, "sum", token -> 1);
      done.join();
      assertFalse(done.cancel(true), "a completed call is not cancelled");
      assertEquals(List.of(1), List.of(done.join()));
    } finally {
      config.close();
    }
  }
}
