package io.hf4j.spaces;

import com.squareup.moshi.JsonReader;
import io.hf4j.core.HfException;
import io.hf4j.core.LogStreamParams;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.Json;
import io.hf4j.core.internal.SseFollower;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.Request;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading Space build and run logs ({@code GET /api/spaces/{id}/logs/build|run}, server-sent events whose
 * {@code data} is {@code {"data": "<line>", "timestamp": "<ISO-8601>"}}, as Jobs logs) through core's shared
 * {@link SseFollower}: every reconnection replays the history, which is skipped by position.
 */
final class SpaceLogs {
  private static final Logger LOG = LoggerFactory.getLogger(SpacesClient.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final SpacesClient client;
  private final RepoId spaceId;
  private final String id;
  private volatile @Nullable SseFollower<SpaceLogLine> current;
  private volatile boolean canceled;
  private long skipped;
  private long reconnects;

  SpaceLogs(SpacesClient client, RepoId spaceId) {
    this.client = client;
    this.spaceId = spaceId;
    this.id = SpacesClient.id(spaceId);
  }

  /** Stops the read in progress (from any thread). */
  void cancel() {
    canceled = true;
    SseFollower<SpaceLogLine> f = current;
    if (f != null) f.cancel();
  }

  /** Reads as {@code params} say into {@code sink}. */
  SpaceLogsSummary read(SpaceLogsParams params, Consumer<SpaceLogLine> sink) {
    long[] lines = {0};
    Consumer<SpaceLogLine> counting = line -> {
      lines[0]++;
      sink.accept(line);
    };
    Integer tail = params.tail();
    if (tail == null) {
      run(follower(params, params.isFollow(), 0), counting);
    } else {
      int n = tail;
      Deque<SpaceLogLine> last = new ArrayDeque<>();
      long[] seen = {0};
      run(follower(params, false, 0), line -> {
        seen[0]++;
        if (n == 0) return;
        if (last.size() == n) last.removeFirst();
        last.addLast(line);
      });
      last.forEach(counting);
      if (params.isFollow() && !canceled) run(follower(params, true, seen[0]), counting);
    }
    return new SpaceLogsSummary(lines[0], skipped, reconnects);
  }

  private void run(SseFollower<SpaceLogLine> f, Consumer<SpaceLogLine> sink) {
    if (canceled) return;
    current = f;
    if (canceled) return;
    try {
      f.run(sink);
    } finally {
      skipped += f.skipped();
      reconnects += f.reconnects();
      current = null;
    }
  }

  SseFollower<SpaceLogLine> follower(SpaceLogsParams params, boolean follow, long startAt) {
    SpaceLogKind kind = params.kind();
    SseFollower.Target target = new SseFollower.Target() {
      @Override
      public Request request(boolean first) {
        return new Request.Builder().url(client.http().url("api/spaces/" + id + "/logs/" + kind.path()))
            .header("Accept", "text/event-stream").get().build();
      }

      @Override
      public boolean finished() {
        return pastLog(kind, client.getSpaceRuntime(spaceId).stage());
      }
    };
    Duration readTimeout = follow == params.isFollow() ? params.readTimeout()
        : follow ? LogStreamParams.FOLLOW_READ_TIMEOUT : LogStreamParams.SNAPSHOT_READ_TIMEOUT;
    return SseFollower.<SpaceLogLine>builder("the " + kind.path() + " log of Space " + id, client.http(), target,
            (type, data) -> line(data))
        .follow(follow)
        .replay(SseFollower.Replay.POSITION, SpaceLogLine::timestamp)
        .readTimeout(readTimeout)
        .drainReadTimeout(LogStreamParams.SNAPSHOT_READ_TIMEOUT)
        .livenessInterval(params.livenessInterval())
        .maxRetries(follow ? params.maxRetries() : 0)
        .deadline(params.deadline())
        .cancellationToken(params.cancellationToken())
        .snapshotLimit(params.snapshotLimit())
        .startAt(startAt)
        .build();
  }

  /** Whether the Space is past the given log: its build ended, or its app is stopped or failed. */
  static boolean pastLog(SpaceLogKind kind, SpaceStage stage) {
    if (kind == SpaceLogKind.BUILD) {
      return !stage.equals(SpaceStage.BUILDING) && !stage.equals(SpaceStage.RUNNING_BUILDING);
    }
    SpaceStage.Kind k = stage.kind();
    return k == SpaceStage.Kind.FAILED || k == SpaceStage.Kind.STOPPED;
  }

  /** A log event's line, or null when the event is not one (a blank keep-alive, or garbage). */
  static @Nullable SpaceLogLine line(String data) {
    String t = data.strip();
    if (!t.startsWith("{")) return null;
    Object json;
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(t))) {
      json = reader.readJsonValue();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (!(json instanceof Map<?, ?> m)) return null;
    Object text = m.get("data");
    if (!(text instanceof String s)) return null;
    Instant ts = null;
    if (m.get("timestamp") instanceof String time && !time.isBlank()) {
      try {
        ts = Json.parseInstant(time);
      } catch (RuntimeException e) {
        ts = null;
      }
    }
    return new SpaceLogLine(ts, stripTerminator(s));
  }

  private static String stripTerminator(String s) {
    int end = s.length();
    if (end > 0 && s.charAt(end - 1) == '\n') end--;
    if (end > 0 && s.charAt(end - 1) == '\r') end--;
    return s.substring(0, end);
  }

  // ------------------------------------------------------------------------------ logs while waiting

  /**
   * Follows the build log, then the run log, on a daemon thread while a wait polls, handing lines to the
   * listener; {@link #finish} stops it and reads what it had not delivered yet.
   */
  static final class Watcher {
    private final SpacesClient client;
    private final RepoId spaceId;
    private final SpaceLogListener listener;
    private final Duration livenessInterval;
    private final SpaceLogs logs;
    private final Thread thread;
    private volatile boolean stopped;
    // Written by the watcher thread, read after join().
    private long buildDelivered;
    private long runDelivered;
    private boolean listenerFailed;

    Watcher(SpacesClient client, RepoId spaceId, SpaceLogListener listener, Duration livenessInterval) {
      this.client = client;
      this.spaceId = spaceId;
      this.listener = listener;
      this.livenessInterval = livenessInterval;
      this.logs = new SpaceLogs(client, spaceId);
      this.thread = new Thread(this::follow, "hf4j-space-logs-" + THREADS.incrementAndGet());
      this.thread.setDaemon(true);
    }

    Watcher start() {
      thread.start();
      return this;
    }

    private SpaceLogsParams follow(SpaceLogKind kind) {
      return SpaceLogsParams.builder().kind(kind).follow(true).livenessInterval(livenessInterval).build();
    }

    private void follow() {
      try {
        logs.run(logs.follower(follow(SpaceLogKind.BUILD), true, 0), line -> {
          buildDelivered++;
          deliver(SpaceLogKind.BUILD, line);
        });
        if (stopped) return;
        logs.run(logs.follower(follow(SpaceLogKind.RUN), true, 0), line -> {
          runDelivered++;
          deliver(SpaceLogKind.RUN, line);
        });
      } catch (RuntimeException e) {
        if (!stopped) LOG.debug("following the logs of Space {} while waiting stopped: {}", spaceId, e.toString());
      }
    }

    private void deliver(SpaceLogKind kind, SpaceLogLine line) {
      if (listenerFailed) return;
      try {
        listener.onEvent(new SpaceLogEvent.Line(kind, line));
      } catch (RuntimeException e) {
        listenerFailed = true;
        LOG.warn("the log listener of the wait for Space {} threw; no more lines are handed to it", spaceId, e);
      }
    }

    /** Stops following; returns once the thread is done (or after a bound). */
    void stop() {
      stopped = true;
      logs.cancel();
      thread.interrupt(); // a back-off sleep between two connections ends too
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    long delivered(SpaceLogKind kind) {
      return kind == SpaceLogKind.BUILD ? buildDelivered : runDelivered;
    }

    void deliverLate(SpaceLogKind kind, SpaceLogLine line) {
      deliver(kind, line);
    }

    boolean alive() {
      return thread.isAlive();
    }
  }

  /**
   * After a wait ended: reads each log once as a snapshot, hands the listener the lines it had not had yet,
   * and keeps the last {@code keep} lines of each.
   */
  static Map<SpaceLogKind, List<SpaceLogLine>> collect(SpacesClient client, RepoId spaceId, @Nullable Watcher watcher,
      int keep, List<SpaceLogKind> kinds, Duration readTimeout) {
    Map<SpaceLogKind, List<SpaceLogLine>> out = new java.util.EnumMap<>(SpaceLogKind.class);
    for (SpaceLogKind kind : kinds) {
      // A watcher still alive after stop() keeps its lines: never call the listener from two threads.
      long already = watcher == null || watcher.alive() ? Long.MAX_VALUE : watcher.delivered(kind);
      Deque<SpaceLogLine> last = new ArrayDeque<>();
      long[] position = {0};
      long skipFor = already;
      try {
        SpaceLogs logs = new SpaceLogs(client, spaceId);
        SpaceLogsParams p = SpaceLogsParams.builder().kind(kind).readTimeout(readTimeout).build();
        logs.run(logs.follower(p, false, 0), line -> {
          position[0]++;
          if (position[0] > skipFor) watcher.deliverLate(kind, line);
          if (keep > 0) {
            if (last.size() == keep) last.removeFirst();
            last.addLast(line);
          }
        });
      } catch (HfException e) {
        LOG.debug("could not read the {} log of Space {}: {}", kind.path(), spaceId, e.toString());
      }
      out.put(kind, new ArrayList<>(last));
    }
    return out;
  }
}
