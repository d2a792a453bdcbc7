package io.hf4j.xet;

/**
 * Xet bytes that are not what they claim to be: a malformed or truncated xorb or shard, a chunk whose
 * content does not match its hash, a xorb or file whose hash differs from the expected one.
 */
public class XetIntegrityException extends XetException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message naming what was wrong.
   *
   * @param message what was malformed or did not match
   */
  public XetIntegrityException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and its cause.
   *
   * @param message what was malformed or did not match
   * @param cause the underlying failure
   */
  public XetIntegrityException(String message, Throwable cause) {
    super(message, cause);
  }
}
