package io.hf4j.hub;

/**
 * Receives progress of {@code hfHubDownload} and {@code snapshotDownload}. Snapshot downloads call it
 * from several worker threads at once, so implementations must be thread-safe and fast. An exception
 * thrown by the listener is logged and never fails the download.
 */
@FunctionalInterface
public interface DownloadListener {
  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(DownloadEvent event);
}
