package io.hf4j.bench;

import io.hf4j.core.CancellationToken;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a call with a deadline, so a hung upload is reported instead of stalling the bench. */
final class Guard {
  private Guard() {}

  /**
   * Runs {@code work} on a daemon thread; past {@code limit} it cancels the token, interrupts the
   * thread, abandons it and throws {@link TimeoutException}. Unchecked failures of the call are rethrown.
   */
  static <T> T call(Duration limit, CancellationToken cancel, Callable<T> work) throws TimeoutException {
    ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-guarded");
      t.setDaemon(true);
      return t;
    });
    Future<T> f = ex.submit(work);
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancel.cancel();
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new IllegalStateException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      ex.shutdown();
    }
  }
}
