package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import java.io.IOException;

/**
 * A downloaded file did not match what the Hub said it is: its size, the sha256 of an LFS file, or the git blob
 * id of a regular file. Nothing is left behind: the partial download is deleted before this is thrown, and no blob,
 * snapshot link or local file is created. Retrying downloads the file again.
 */
public class DownloadIntegrityException extends HfIoException {
  private static final long serialVersionUID = 1L;

  /** The file's path in the repo. */
  private final String path;

  /**
   * For the file {@code path} of a repo.
   *
   * @param message the message
   * @param path the path in the repo
   */
  public DownloadIntegrityException(String message, String path) {
    super(message, new IOException("integrity check failed for " + path));
    this.path = path;
  }

  /**
   * The file's path in the repo.
   *
   * @return the file's path in the repo
   */
  public String path() {
    return path;
  }
}
