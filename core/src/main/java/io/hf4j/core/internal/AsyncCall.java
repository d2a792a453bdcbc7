package io.hf4j.core.internal;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfConfig;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A blocking call run on a configuration's executor as a {@link CompletableFuture}, for the clients' {@code
 * async()} views. Cancelling the future ({@code cancel(true)} or {@code cancel(false)}) cancels the call's {@link
 * CancellationToken} and interrupts the thread running it (only while it runs this call): the future completes at
 * once with {@link CancelledException}, and the call stops shortly after, keeping what it completed (commits
 * that landed, files in the cache).
 *
 * @param <T> the call's result
 */
public final class AsyncCall<T> extends CompletableFuture<T> {
  private final String what;
  private final CancellationToken token = CancellationToken.create();
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Thread runner;
  private boolean interruptSent;
  private volatile boolean cancelRequested;

  private AsyncCall(String what) {
    this.what = what;
  }

  /**
   * Starts {@code call} on {@code config}'s executor. The call receives the token that cancelling the future
   * cancels; a call whose params take a token passes it on (the overload with the caller's token links the two).
   *
   * @param what the call, for the cancellation message (e.g. {@code "uploadFolder"})
   * @throws io.hf4j.core.ConfigClosedException if the configuration is closed
   */
  public static <T> AsyncCall<T> start(HfConfig config, String what, Function<CancellationToken, T> call) {
    Objects.requireNonNull(call, "call");
    Executor executor = config.executor();
    AsyncCall<T> f = new AsyncCall<>(what);
    try {
      executor.execute(() -> f.run(call));
    } catch (RejectedExecutionException e) {
      config.checkOpen(what);
      throw e;
    }
    return f;
  }

  /**
   * Starts {@code call} on {@code config}'s executor with one token that cancelling the future or the caller's own
   * token ({@code theirs}, may be null) cancels; the call passes it to its params. The caller's token is unhooked
   * when the call ends, so a long-lived token does not keep finished calls reachable.
   *
   * @param what the call, for the cancellation message (e.g. {@code "waitForJob"})
   * @param theirs the token the caller put in the call's params, or null
   * @throws io.hf4j.core.ConfigClosedException if the configuration is closed
   */
  public static <T> AsyncCall<T> start(HfConfig config, String what, @Nullable CancellationToken theirs,
      Function<CancellationToken, T> call) {
    Objects.requireNonNull(call, "call");
    if (theirs == null) return start(config, what, call);
    return start(config, what, token -> {
      Runnable unhook = theirs.onCancel(token::cancel);
      try {
        return call.apply(token);
      } finally {
        unhook.run();
      }
    });
  }

  private void run(Function<CancellationToken, T> call) {
    lock.lock();
    try {
      if (isDone()) return;
      runner = Thread.currentThread();
    } finally {
      lock.unlock();
    }
    try {
      T value = call.apply(token);
      complete(value);
    } catch (Throwable e) {
      completeExceptionally(cancelRequested && !(e instanceof CancelledException)
          ? cancelled() : e);
    } finally {
      boolean clear;
      lock.lock();
      try {
        runner = null;
        clear = interruptSent;
      } finally {
        lock.unlock();
      }
      // The executor's thread goes back to its pool without the interrupt meant for this call.
      if (clear) Thread.interrupted();
    }
  }

  private CancelledException cancelled() {
    return new CancelledException(what + " cancelled");
  }

  /**
   * Cancels the call: its token, and an interrupt of the thread running it. Completes this future with {@link
   * CancelledException} unless it was already complete.
   *
   * @param mayInterruptIfRunning ignored: the running call is always interrupted, hf4j's calls are built for it
   * @return whether this future was completed by this cancellation
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) return false;
    cancelRequested = true;
    // Completed first, so the call's own failure on the interrupt does not take the place of the cancellation.
    if (!completeExceptionally(cancelled())) {
      cancelRequested = false; // the call ended first
      return false;
    }
    token.cancel();
    lock.lock();
    try {
      if (runner != null) {
        interruptSent = true;
        runner.interrupt();
      }
    } finally {
      lock.unlock();
    }
    return true;
  }

  /** Whether {@link #cancel} completed this future. */
  @Override
  public boolean isCancelled() {
    return cancelRequested && isCompletedExceptionally();
  }
}
