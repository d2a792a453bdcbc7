package io.hf4j.core;

/**
 * A long-running call (upload, download, wait, log stream) stopped because its {@link CancellationToken}
 * was cancelled or its thread was interrupted (then the thread's interrupt flag is set again). Work that
 * completed before stays (commits that landed, files already in the cache); nothing is half-written.
 * Re-run the same call to resume.
 */
public class CancelledException extends HfInterruptedException {
  private static final long serialVersionUID = 1L;

  /**
   * A cancellation without an interrupt.
   *
   * @param message what was cancelled and what stays
   */
  public CancelledException(String message) {
    super(message);
  }

  /**
   * A cancellation caused by an interrupt.
   *
   * @param message what was cancelled and what stays
   * @param cause the interrupt
   */
  public CancelledException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
