package io.hf4j.hub;

import java.nio.file.Path;
import java.util.Objects;

/** What a {@link DownloadListener} is told. Match with {@code instanceof}. */
public sealed interface DownloadEvent {
  /**
   * A snapshot download is about to fetch {@code totalFiles} files of {@code totalBytes} bytes in all
   * (cached files included). Only {@code snapshotDownload} sends it, once, before any file.
   */
  record Started(int totalFiles, long totalBytes) implements DownloadEvent {}

  /**
   * Bytes of one file arrived. {@code bytesDone} counts from the start of the file, so a resumed
   * download starts above zero.
   */
  record Progress(String path, long bytesDone, long bytesTotal) implements DownloadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path
     * @param bytesDone the bytes done
     * @param bytesTotal the bytes total
     */
    public Progress {
      Objects.requireNonNull(path, "path == null");
    }
  }

  /** One file is in place at {@code localPath}; {@code fromCache} when no byte had to be downloaded. */
  record FileCompleted(String path, Path localPath, boolean fromCache) implements DownloadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path
     * @param localPath the local path
     * @param fromCache the from cache
     */
    public FileCompleted {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(localPath, "localPath == null");
    }
  }
}
