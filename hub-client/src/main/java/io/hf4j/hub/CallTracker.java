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

  /** Records the first failure and aborts everything; later failures are dropped (they are consequences). */
  void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      aborted = true;
      for (Call c : calls) c.cancel();
    }
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
