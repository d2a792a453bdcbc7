package io.hf4j.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives {@link UploadEvent}s while an upload runs. Called from the upload's worker threads, possibly
 * concurrently: keep it fast and thread-safe. An exception it throws is logged and otherwise ignored;
 * it never fails the upload.
 *
 * <pre>{@code
 * UploadListener bar = event -> {
 *   if (event instanceof UploadEvent.UploadProgress p) progress.update(p.path(), p.bytesUploaded(), p.size());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface UploadListener {
  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(UploadEvent event);

  /**
   * The default: logs the plan, each commit and the summary at INFO on logger {@code io.hf4j.hub.upload},
   * and per-file events at DEBUG. Prints nothing itself.
   *
   * @return the default: logs the plan, each commit and the summary at INFO on logger {
   */
  static UploadListener logging() {
    return LoggingProgress.INSTANCE;
  }
}

/** The SLF4J default listener. */
final class LoggingProgress implements UploadListener {
  static final LoggingProgress INSTANCE = new LoggingProgress();
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub.upload");

  private LoggingProgress() {}

  @Override
  public void onEvent(UploadEvent event) {
    if (event instanceof UploadEvent.Planned p) {
      LOG.info("Uploading {} file(s), {} bytes{}", p.files(), p.bytes(),
          p.deletions() > 0 ? ", deleting " + p.deletions() + " path(s)" : "");
    } else if (event instanceof UploadEvent.Committed c) {
      LOG.info("Committed {} file(s) as {} (part {}){}", c.files(), c.commit().oid(), c.part(),
          c.intermediate() ? "; the repo is between states until the last part lands" : "");
    } else if (event instanceof UploadEvent.Finished f) {
      LOG.info("Upload finished in {} ms: {} commit(s), {} file(s) committed, {} skipped, {} bytes uploaded",
          f.elapsed().toMillis(), f.commits(), f.filesCommitted(), f.filesSkipped(), f.bytesUploaded());
    } else if (LOG.isDebugEnabled()) {
      if (event instanceof UploadEvent.FileSkipped s) {
        LOG.debug("Skipping {} ({})", s.path(), s.reason());
      } else if (event instanceof UploadEvent.FileUploaded u) {
        LOG.debug("{} on storage ({} bytes{})", u.path(), u.size(), u.alreadyPresent() ? ", already present" : "");
      } else if (event instanceof UploadEvent.HashProgress h && h.bytesHashed() == h.size()) {
        LOG.debug("Hashed {} ({} bytes)", h.path(), h.size());
      }
    }
  }
}
