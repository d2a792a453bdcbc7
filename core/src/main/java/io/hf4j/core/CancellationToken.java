package io.hf4j.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancels a long-running call from another thread: uploads, downloads, waits and log streams all take
 * one in their params. Call {@link #cancel()}: the call stops its transfers or its polling, waits for
 * its worker threads and throws {@link CancelledException}. A commit already being posted is let
 * finish, so a repo never holds half of a commit; re-running the same upload or download later resumes
 * where it stopped.
 *
 * <p>Interrupting the calling thread has the same effect.
 *
 * <pre>{@code
 * CancellationToken cancel = CancellationToken.create();
 * executor.submit(() -> hub.uploadFolder(repo, folder, UploadFolderParams.builder().cancellationToken(cancel).build()));
 * cancel.cancel();
 * }</pre>
 *
 * <p>One token may be shared by several calls: cancelling it cancels all of them.
 */
public final class CancellationToken {
  private volatile boolean cancelled;
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

  private CancellationToken() {}

  /** {@return a token that is not cancelled yet} */
  public static CancellationToken create() {
    return new CancellationToken();
  }

  /** Requests cancellation. Idempotent; returns at once. */
  public void cancel() {
    if (cancelled) return;
    cancelled = true;
    for (Runnable hook : hooks) {
      try {
        hook.run();
      } catch (RuntimeException ignored) {
        // A hook only speeds cancellation up; the call also polls isCancelled().
      }
    }
  }

  /** {@return whether {@link #cancel()} was called} */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Throws {@link CancelledException} with {@code what} in its message when this token is cancelled.
   * For implementations of long-running calls, between steps.
   *
   * @param what the call being cancelled, e.g. {@code "Upload"}
   * @throws CancelledException if cancelled
   */
  public void throwIfCancelled(String what) {
    if (cancelled) throw new CancelledException(what + " cancelled");
  }

  /**
   * Runs {@code hook} once on cancellation (at once, on this thread, if already cancelled), for
   * implementations that must wake a blocked worker. Returns a handle that removes the hook; call it when
   * the call ends so a long-lived token does not collect hooks.
   *
   * @param hook what to run on {@link #cancel()}; must not block
   * @return a handle whose {@code run()} removes the hook
   */
  public Runnable onCancel(Runnable hook) {
    hooks.add(hook);
    if (cancelled) hook.run();
    return () -> hooks.remove(hook);
  }
}
