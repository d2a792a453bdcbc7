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

  private LoggingProgress() {}

  /**
   * The logger, set up on the first event: every upload's params hold this listener by default, and building them
   * (the command-line tool does so first thing) need not start the logging back end.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub.upload");
  }

  @Override
  public void onEvent(UploadEvent event) {
    Logger log = Log.LOG;
    if (event instanceof UploadEvent.Planned p) {
      log.info("Uploading {} file(s), {} bytes{}", p.files(), p.bytes(),
          p.deletions() > 0 ? ", deleting " + p.deletions() + " path(s)" : "");
    } else if (event instanceof UploadEvent.Committed c) {
      log.info("Committed {} file(s) as {} (part {}){}", c.files(), c.commit().oid(), c.part(),
          c.intermediate() ? "; the repo is between states until the last part lands" : "");
    } else if (event instanceof UploadEvent.Finished f) {
      log.info("Upload finished in {} ms: {} commit(s), {} file(s) committed, {} skipped, {} bytes uploaded",
          f.elapsed().toMillis(), f.commits(), f.filesCommitted(), f.filesSkipped(), f.bytesUploaded());
    } else if (log.isDebugEnabled()) {
      if (event instanceof UploadEvent.FileSkipped s) {
        log.debug("Skipping {} ({})", s.path(), s.reason());
      } else if (event instanceof UploadEvent.FileUploaded u) {
        log.debug("{} on storage ({} bytes{})", u.path(), u.size(), u.alreadyPresent() ? ", already present" : "");
      } else if (event instanceof UploadEvent.HashProgress h && h.bytesHashed() == h.size()) {
        log.debug("Hashed {} ({} bytes)", h.path(), h.size());
      }
    }
  }
}
