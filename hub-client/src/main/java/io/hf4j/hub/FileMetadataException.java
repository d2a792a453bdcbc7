package io.hf4j.hub;

import io.hf4j.core.HfException;

/**
 * A {@code HEAD} on a {@code /resolve/} URL answered without the headers a Hub sends ({@code
 * X-Repo-Commit}, an ETag, a size): usually a proxy or firewall in the way. Downloads then fall back to
 * the cache and, when the file is not cached, throw a {@link CacheMissException} caused by this one.
 * Python: {@code FileMetadataError}.
 */
public class FileMetadataException extends HfException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with this message.
   *
   * @param message the message
   */
  public FileMetadataException(String message) {
    super(message);
  }
}
