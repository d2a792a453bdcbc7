package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.hub.DownloadEvent;
import io.hf4j.hub.DownloadListener;
import io.hf4j.hub.UploadListener;
import io.hf4j.hub.UploadEvent;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for transfers, drawn on the terminal's stderr. An upload's bar counts every byte
 * twice, hashed and then sent (a small file is "sent" when its commit lands); a download's bar counts
 * the bytes received.
 */
final class Progress implements AutoCloseable {
  private final PrintStream stream;
  private final String task;
  private final Map<String, long[]> files = new ConcurrentHashMap<>();
  private @Nullable ProgressBar bar;

  private Progress(PrintStream stream, String task) {
    this.stream = stream;
    this.task = task;
  }

  static Progress upload(PrintStream stream) {
    return new Progress(stream, "Uploading");
  }

  static Progress download(PrintStream stream) {
    return new Progress(stream, "Downloading");
  }

  private synchronized ProgressBar bar(long max) {
    if (bar == null) {
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(Math.max(1, max))
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" MiB", 1L << 20)
          .showSpeed()
          .setConsumer(new ConsoleProgressBarConsumer(stream))
          .build();
    } else if (bar.getMax() < max) {
      bar.maxHint(max);
    }
    return bar;
  }

  private synchronized void step() {
    if (bar == null) return;
    long done = 0;
    for (long[] f : files.values()) done += f[0] + f[1];
    bar.stepTo(Math.min(done, bar.getMax()));
  }

  /** Fills the bar: the transfer completed (a cached file or an unchanged one sends no bytes). */
  synchronized void finish() {
    if (bar != null) bar.stepTo(bar.getMax());
  }

  /** The listener of an upload. */
  UploadListener uploadListener() {
    return event -> {
      if (event instanceof UploadEvent.Planned p) {
        bar(p.bytes() * 2);
      } else if (event instanceof UploadEvent.HashProgress h) {
        files.computeIfAbsent(h.path(), k -> new long[3])[0] = h.bytesHashed();
        files.get(h.path())[2] = h.size();
        step();
      } else if (event instanceof UploadEvent.UploadProgress u) {
        files.computeIfAbsent(u.path(), k -> new long[3])[1] = u.bytesUploaded();
        step();
      } else if (event instanceof UploadEvent.Committed) {
        for (long[] f : files.values()) f[1] = f[2];
        step();
      } else if (event instanceof UploadEvent.Finished) {
        finish();
      }
    };
  }

  /** The listener of a download. */
  DownloadListener downloadListener() {
    return event -> {
      if (event instanceof DownloadEvent.Started s) {
        bar(s.totalBytes());
      } else if (event instanceof DownloadEvent.Progress t) {
        files.computeIfAbsent(t.path(), k -> new long[3])[0] = t.bytesDone();
        synchronized (this) {
          if (bar == null) bar(t.bytesTotal());
        }
        step();
      } else if (event instanceof DownloadEvent.FileCompleted c) {
        long size;
        try {
          size = java.nio.file.Files.size(c.localPath());
        } catch (java.io.IOException e) {
          size = 0;
        }
        long[] f = files.computeIfAbsent(c.path(), k -> new long[3]);
        f[0] = Math.max(f[0], size);
        step();
      }
    };
  }

  @Override
  public synchronized void close() {
    if (bar != null) bar.close();
  }
}
