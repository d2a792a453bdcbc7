package io.hf4j.core;

/**
 * A token is required but none was configured: not passed explicitly, not in {@code HF_TOKEN} or
 * {@code HUGGING_FACE_HUB_TOKEN}, and no token file at {@code HF_TOKEN_PATH} / {@code $HF_HOME/token}.
 */
public class LocalTokenNotFoundException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and, where possible, what to do next
   */
  public LocalTokenNotFoundException(String message) {
    super(message);
  }
}
