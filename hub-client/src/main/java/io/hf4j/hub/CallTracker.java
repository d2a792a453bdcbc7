package io.hf4j.hub;

import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;

/**
 * The shared state of one upload's threads: the first failure, the abort flag, and the HTTP calls in
 * flight (cancelled on abort so that no thread keeps sending after the upload returns).
 */
final class CallTracker {
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;
  /** The thread that made the call: it runs some of the call's tasks, and an interrupt of it cancels the call. */
  private final Thread caller = Thread.currentThread();

  /**
   * Records the first failure and aborts everything; later failures are dropped (they are consequences). A failure
   * of a task the calling thread ran because that thread was interrupted is the call's cancellation.
   */
  void fail(Throwable t) {
    if (Thread.currentThread() == caller && !(t instanceof io.hf4j.core.CancelledException) && interrupted(t)) {
      t = new io.hf4j.core.CancelledException("Upload interrupted; re-run it to resume");
      Thread.currentThread().interrupt();
    }
    if (failure.compareAndSet(null, t)) {
      aborted = true;
      for (Call c : calls) c.cancel();
    }
  }

  private static boolean interrupted(Throwable t) {
    return Thread.currentThread().isInterrupted() || causedByInterrupt(t);
  }

  /** Whether {@code t} comes from an interrupt (a socket timeout does not count). Also used by downloads. */
  static boolean causedByInterrupt(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException
          || (c instanceof java.io.InterruptedIOException && !(c instanceof java.net.SocketTimeoutException))) {
        return true;
      }
      if (c.getCause() == c) break;
    }
    return false;
  }

  boolean aborted() {
    return aborted;
  }

  @Nullable Throwable failure() {
    return failure.get();
  }

  /** Throws the unwinding signal when the upload was aborted. */
  void check() {
    if (aborted) throw abortSignal();
  }

  Aborted abortSignal() {
    return new Aborted();
  }

  void register(Call call) {
    calls.add(call);
    if (aborted) call.cancel();
  }

  void unregister(Call call) {
    calls.remove(call);
  }

  /** Unwinds a worker after another thread failed or the upload was cancelled; never reaches the caller. */
  static final class Aborted extends HfException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("upload aborted");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
