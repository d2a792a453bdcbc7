package io.hf4j.hub;

import io.hf4j.core.HfException;

/**
 * A file or snapshot was needed from the local cache, because the Hub could not be asked (offline mode,
 * {@code localFilesOnly}, no connection, Hub down), and the cache does not hold it. The cause, when
 * present, is what prevented asking the Hub. Python: {@code LocalEntryNotFoundError}.
 */
public class CacheMissException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with this message.
   *
   * @param message the message
   */
  public CacheMissException(String message) {
    super(message);
  }

  /**
   * An exception with this message.
   *
   * @param message the message
   * @param cause the cause
   */
  public CacheMissException(String message, Throwable cause) {
    super(message, cause);
  }
}
