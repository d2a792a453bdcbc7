package io.hf4j.hub;

import io.hf4j.core.HfInterruptedException;

/**
 * An upload stopped because its {@link CancellationToken} was cancelled or its thread was interrupted
 * (then the thread's interrupt flag is set again). Commits that landed before stay on the Hub; nothing
 * was half-committed. Re-run the same call to resume: files already on the Hub are not sent again.
 */
public class UploadCancelledException extends HfInterruptedException {
  private static final long serialVersionUID = 1L;

  public UploadCancelledException(String message) {
    super(message);
  }

  public UploadCancelledException(String message, InterruptedException cause) {
    super(message, cause);
  }
}
