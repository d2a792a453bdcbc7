package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to an optional listener; a listener that throws is logged (once) and ignored. */
final class DownloadProgress {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  static final DownloadProgress NONE = new DownloadProgress(null);

  private final @Nullable DownloadListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();

  private DownloadProgress(@Nullable DownloadListener listener) {
    this.listener = listener;
  }

  static DownloadProgress of(@Nullable DownloadListener listener) {
    return listener == null ? NONE : new DownloadProgress(listener);
  }

  void started(int totalFiles, long totalBytes) {
    emit(new DownloadEvent.Started(totalFiles, totalBytes));
  }

  void transferred(String path, long bytesDone, long bytesTotal) {
    if (listener != null) emit(new DownloadEvent.Progress(path, bytesDone, bytesTotal));
  }

  void completed(String path, Path localPath, boolean fromCache) {
    emit(new DownloadEvent.FileCompleted(path, localPath, fromCache));
  }

  private void emit(DownloadEvent event) {
    if (listener == null) return;
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      if (warned.compareAndSet(false, true)) {
        LOG.warn("The download progress listener threw; ignoring it for this download", e);
      }
    }
  }
}
