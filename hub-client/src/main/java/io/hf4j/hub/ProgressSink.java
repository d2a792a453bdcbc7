package io.hf4j.hub;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the caller's listener, shielding the upload from it, and keeps the totals. */
final class ProgressSink {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressSink.class);
  private static final long UPLOAD_REPORT_STEP = 1 << 20;

  private final UploadListener listener;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final ConcurrentHashMap<UploadItem, AtomicLong> uploaded = new ConcurrentHashMap<>();
  final AtomicLong bytesHashed = new AtomicLong();
  final AtomicLong bytesUploaded = new AtomicLong();
  final AtomicInteger filesCommitted = new AtomicInteger();
  final AtomicInteger filesSkipped = new AtomicInteger();

  ProgressSink(UploadListener listener) {
    this.listener = listener;
  }

  void emit(UploadEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      if (warned.compareAndSet(false, true)) {
        LOG.warn("The upload's progress listener threw; its exceptions are ignored from now on", e);
      }
    }
  }

  void hashed(UploadItem item, long done, long previous) {
    bytesHashed.addAndGet(done - previous);
    emit(new UploadEvent.HashProgress(item.path, done, item.size));
  }

  /** A delta of bytes sent for an item (negative when a failed attempt is taken back). */
  void uploaded(UploadItem item, long delta) {
    bytesUploaded.addAndGet(delta);
    AtomicLong total = uploaded.computeIfAbsent(item, k -> new AtomicLong());
    long now = total.addAndGet(delta);
    long before = now - delta;
    if (delta > 0 && (now == item.size || now / UPLOAD_REPORT_STEP != before / UPLOAD_REPORT_STEP)) {
      emit(new UploadEvent.UploadProgress(item.path, Math.min(now, item.size), item.size));
    }
  }

  void skipped(UploadItem item, UploadEvent.SkipReason reason) {
    filesSkipped.incrementAndGet();
    emit(new UploadEvent.FileSkipped(item.path, reason));
  }

  void stored(UploadItem item, boolean alreadyPresent) {
    uploaded.remove(item);
    emit(new UploadEvent.FileUploaded(item.path, item.size, alreadyPresent));
  }
}
