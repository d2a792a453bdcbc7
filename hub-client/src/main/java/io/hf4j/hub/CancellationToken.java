package io.hf4j.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cancels a running upload from another thread. Pass it in the upload's params and call {@link
 * #cancel()}: the upload stops its transfers, waits for its worker threads and throws {@link
 * UploadCancelledException}. A commit already being posted is let finish, so the repo never holds
 * half of a commit; re-running the same upload later resumes where it stopped.
 *
 * <p>Interrupting the uploading thread has the same effect.
 *
 * <pre>{@code
 * CancellationToken cancel = CancellationToken.create();
 * executor.submit(() -> hub.uploadFolder(repo, folder, UploadFolderParams.builder().cancellationToken(cancel).build()));
 * cancel.cancel();
 * }</pre>
 */
public final class CancellationToken {
  private volatile boolean cancelled;
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

  private CancellationToken() {}

  /** A token that is not cancelled yet. */
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
        // A hook only speeds cancellation up; the upload also polls isCancelled().
      }
    }
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code hook} on cancellation (at once if already cancelled); returns a handle that removes it. */
  Runnable onCancel(Runnable hook) {
    hooks.add(hook);
    if (cancelled) hook.run();
    return () -> hooks.remove(hook);
  }
}
