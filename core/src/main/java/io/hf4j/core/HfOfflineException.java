package io.hf4j.core;

/** A request was attempted while offline mode is on ({@code HF_HUB_OFFLINE=1}); nothing was sent. */
public class HfOfflineException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do next
   */
  public HfOfflineException(String message) {
    super(message);
  }
}
