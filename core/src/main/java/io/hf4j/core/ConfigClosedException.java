package io.hf4j.core;

/**
 * A call was made through an {@link HfConfig} (or a client built from it) after {@link HfConfig#close()}: its
 * connections and its background threads are gone. Build a new configuration, or close the old one only when the
 * application no longer calls the Hub.
 */
public class ConfigClosedException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception naming what was refused.
   *
   * @param message what was called after close
   */
  public ConfigClosedException(String message) {
    super(message);
  }
}
