package io.hf4j.core.internal;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfTimeoutException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one follower of server-sent-event streams (Jobs logs and metrics, Spaces build and run logs): reconnects
 * with back-off, skips what a reconnection replays so nothing is lost or repeated, asks the producer (the job or
 * the Space) whether it has finished instead of trusting the stream, and bounds every read: lines by {@link
 * SseConnection}'s limit, snapshot and drain connections by {@link Builder#snapshotLimit}, the whole read by the
 * caller's {@link Builder#deadline}. Internal; not thread-safe except {@link #cancel()}.
 *
 * <p>Replay handling ({@link Replay}): {@code POSITION} skips the first {@code n} events of each connection
 * ({@code n} the events delivered so far, the history replayed in full); {@code TIMESTAMP} skips events older than
 * (or as old as, up to the count seen) the newest delivered timestamp, for streams that started from a tail;
 * {@code NONE} delivers all (live samples, not replayed).
 *
 * @param <T> the item type
 */
public final class SseFollower<T> {
  private static final Logger LOG = LoggerFactory.getLogger(SseFollower.class);
  private static final AtomicInteger IDS = new AtomicInteger();

  /**
   * The one daemon thread that checks followed producers and enforces deadlines while streams are open. It ends
   * one second after the last stream's checks are cancelled and starts again with the next stream, so no hf4j
   * thread outlives the streams (a closed {@link io.hf4j.core.HfConfig} follows none).
   */
  static final ScheduledExecutorService WATCHDOG = watchdog();

  private static ScheduledExecutorService watchdog() {
    java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "hf4j-stream-watchdog-" + IDS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
    pool.setKeepAliveTime(1, TimeUnit.SECONDS);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** How a reconnection's replay is skipped. */
  public enum Replay {
    /** Nothing is replayed: deliver everything; the producer's end stops the read at once. */
    NONE,
    /** Each connection replays the whole history: skip by position. */
    POSITION,
    /** The first connection started from a tail: skip by timestamp. */
    TIMESTAMP
  }

  /** What is being read. */
  public interface Target {
    /** The request of one connection; {@code first} for the first one. */
    Request request(boolean first);

    /**
     * Whether the producer (the job, the Space's build or run) has finished, asked of the API. May throw; a
     * transient error ({@link ServerException}, {@link RateLimitException}, {@link HfIoException}) counts as
     * "not finished".
     */
    boolean finished();
  }

  /** Turns one event into an item: null for an event that is not one (counted as skipped unless blank). */
  public interface Parser<T> {
    /** The item, or null. */
    @Nullable T parse(@Nullable String type, String data);
  }

  private final String what;
  private final HfHttp http;
  private final OkHttpClient client;
  private final OkHttpClient drainClient;
  private final Target target;
  private final Parser<T> parser;
  private final boolean follow;
  private final Replay replay;
  private final @Nullable Function<T, @Nullable Instant> timestampOf;
  private final Predicate<T> hidden;
  private final @Nullable Duration livenessInterval;
  private final int maxRetries;
  private final IntPredicate tolerated;
  private final @Nullable Duration deadline;
  private final io.hf4j.core.@Nullable CancellationToken cancellationToken;
  private final Duration snapshotLimit;
  private final Sleeper sleeper;
  private final SseConnection connection;
  private volatile boolean finished;
  private volatile boolean deadlinePassed;
  private long deadlineNanos = Long.MAX_VALUE;

  // State confined to the reading thread.
  private long delivered;
  private long skipped;
  private long reconnects;
  private @Nullable Instant lastTimestamp;
  private int lastTimestampCount;

  private SseFollower(Builder<T> b) {
    this.what = b.what;
    this.http = b.http;
    this.client = sseClient(b.http, b.readTimeout);
    this.drainClient = sseClient(b.http, b.readTimeout.compareTo(b.drainReadTimeout) <= 0 ? b.readTimeout : b.drainReadTimeout);
    this.target = b.target;
    this.parser = b.parser;
    this.follow = b.follow;
    this.replay = b.replay;
    this.timestampOf = b.timestampOf;
    this.hidden = b.hidden;
    this.livenessInterval = b.livenessInterval;
    this.maxRetries = b.maxRetries;
    this.tolerated = b.tolerated;
    this.deadline = b.deadline;
    this.cancellationToken = b.cancellationToken;
    this.snapshotLimit = b.snapshotLimit;
    this.sleeper = b.http.config().sleeper();
    this.connection = new SseConnection(b.maxLineBytes);
    this.delivered = b.startAt;
  }

  /** A builder for reading {@code what} (named in messages, e.g. "the log of job 123"). */
  public static <T> Builder<T> builder(String what, HfHttp http, Target target, Parser<T> parser) {
    return new Builder<>(what, http, target, parser);
  }

  /** The shared client with another read timeout and no call timeout, for long-lived streams. */
  public static OkHttpClient sseClient(HfHttp http, Duration readTimeout) {
    return http.client().newBuilder()
        .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(0, TimeUnit.MILLISECONDS)
        .build();
  }

  /** Stops reading (from any thread): the read returns. */
  public void cancel() {
    connection.cancel();
  }

  /** Events that were not items (garbage), skipped so far. */
  public long skipped() {
    return skipped;
  }

  /** Events delivered (or hidden) so far, including the {@code startAt} offset. */
  public long delivered() {
    return delivered;
  }

  /** Connections reopened after the first. */
  public long reconnects() {
    return reconnects;
  }

  /**
   * Reads into {@code sink}; returns when the producer finished (following) or the history was read.
   *
   * @throws HfTimeoutException when the {@link Builder#deadline} passed first
   * @throws io.hf4j.core.StreamLimitException when a line broke the bound
   */
  public void run(Consumer<T> sink) {
    Objects.requireNonNull(sink, "sink == null");
    io.hf4j.core.CancellationToken token = cancellationToken;
    if (token != null) token.throwIfCancelled("Reading " + what);
    Runnable unhook = token == null ? () -> {} : token.onCancel(this::cancel);
    ScheduledFuture<?> watchdog = null;
    ScheduledFuture<?> timer = null;
    if (follow && livenessInterval != null) {
      long every = livenessInterval.toMillis();
      watchdog = WATCHDOG.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
    }
    if (deadline != null) {
      deadlineNanos = System.nanoTime() + deadline.toNanos();
      timer = WATCHDOG.schedule(() -> {
        deadlinePassed = true;
        connection.cancel();
      }, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      loop(sink);
      if (token != null) token.throwIfCancelled("Reading " + what);
      if (deadlinePassed) throw timeout();
    } finally {
      unhook.run();
      if (watchdog != null) watchdog.cancel(false);
      if (timer != null) timer.cancel(false);
      if (skipped > 0) LOG.warn("skipped {} events of {} that were not understood", skipped, what);
    }
  }

  private HfTimeoutException timeout() {
    return new HfTimeoutException("Stopped reading " + what + " after " + deadline + " (the deadline); "
        + (delivered) + " items read", Objects.requireNonNull(deadline));
  }

  private void checkLiveness() {
    if (finished) return;
    try {
      if (target.finished()) {
        LOG.debug("{}: producer finished; closing the stream to read the rest", what);
        finished = true;
        if (replay == Replay.NONE) {
          connection.cancel();
        } else {
          connection.interrupt();
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("liveness check for {} failed: {}", what, e.toString());
    }
  }

  private boolean producerFinished() {
    if (finished) return true;
    try {
      if (target.finished()) finished = true;
      return finished;
    } catch (ServerException | RateLimitException | HfIoException e) {
      LOG.debug("could not check whether {} finished: {}", what, e.toString());
      return false;
    }
  }

  private void loop(Consumer<T> sink) {
    boolean first = true;
    boolean draining = false;
    int failures = 0;
    int idle = 0;
    while (!connection.isCanceled()) {
      if (replay == Replay.NONE && follow && producerFinished()) return;
      Request request = target.request(first);
      ConnectionState state = new ConnectionState(first && replay == Replay.TIMESTAMP ? null : lastTimestamp, lastTimestampCount);
      long before = delivered;
      boolean bounded = draining || !follow;
      ScheduledFuture<?> cut = bounded
          ? WATCHDOG.schedule(() -> {
              state.cut = true;
              connection.interrupt();
            }, snapshotLimit.toMillis(), TimeUnit.MILLISECONDS)
          : null;
      SseConnection.Result result;
      try {
        if (!first) reconnects++;
        result = connection.read(http, draining ? drainClient : client, request, (type, data) -> onEvent(type, data, state, sink),
            tolerated);
      } finally {
        if (cut != null) cut.cancel(false);
      }
      first = false;
      if (delivered > before) {
        failures = 0;
        idle = 0;
      }
      LOG.debug("stream of {} ended: {} after {} new items", what, result.end(), delivered - before);
      if (state.cut) {
        LOG.warn("{} did not end within {}; stopped reading it", what, snapshotLimit);
        return;
      }
      if (draining && (result.end() == SseConnection.End.CLOSED || result.end() == SseConnection.End.TIMEOUT)) return;
      switch (result.end()) {
        case CANCELED:
          if (connection.isCanceled()) return;
          draining = true; // the watchdog saw the producer finish
          continue;
        case CLOSED:
          if (!follow || producerFinished()) return;
          // Ended although the producer has not (it may still be starting): come back after a pause.
          sleep(backoff(replay == Replay.NONE ? 1 : ++idle));
          continue;
        case TIMEOUT:
          if (!follow) return;
          if (producerFinished()) {
            if (replay == Replay.NONE) return;
            draining = true;
          }
          continue;
        case REFUSED:
        case FAILED:
        default:
          failures++;
          if (replay == Replay.NONE && producerFinished()) return;
          if (failures > maxRetries) {
            IOException e = result.error() != null ? result.error()
                : new IOException(result.status() > 0 ? "HTTP " + result.status() : "stream failed");
            throw new HfIoException("the stream of " + what + " failed " + failures + " times in a row: " + e.getMessage(), e);
          }
          LOG.debug("stream of {} broke ({}); reconnecting", what, String.valueOf(result.error()));
          sleep(backoff(failures));
          if (follow && replay != Replay.NONE && producerFinished()) draining = true;
      }
    }
  }

  /** 1, 2, 4, 8, then 10 s (the Python client's reconnection waits). */
  public static Duration backoff(int attempt) {
    long s = Math.min(10, 1L << Math.min(Math.max(attempt, 1) - 1, 4));
    return Duration.ofSeconds(s);
  }

  private void sleep(Duration d) {
    if (deadline != null) {
      // A back-off never outlasts the caller's deadline.
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) return;
      if (d.toNanos() > left) d = Duration.ofNanos(left);
    }
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.cancel();
      throw new io.hf4j.core.CancelledException("Reading " + what + " was interrupted", e);
    }
  }

  /** Per-connection state. */
  private static final class ConnectionState {
    final @Nullable Instant skipUntil;
    final int skipAtUntil;
    long position;
    int seenAtUntil;
    volatile boolean cut;

    ConnectionState(@Nullable Instant skipUntil, int skipAtUntil) {
      this.skipUntil = skipUntil;
      this.skipAtUntil = skipAtUntil;
    }
  }

  private void onEvent(@Nullable String type, String data, ConnectionState state, Consumer<T> sink) {
    T item = parser.parse(type, data);
    if (item == null) {
      if (!data.isBlank()) skipped++;
      return;
    }
    state.position++;
    Instant ts = timestampOf == null ? null : timestampOf.apply(item);
    if (replay == Replay.POSITION) {
      if (state.position <= delivered) return;
    } else if (replay == Replay.TIMESTAMP && state.skipUntil != null && ts != null) {
      int c = ts.compareTo(state.skipUntil);
      if (c < 0) return;
      if (c == 0 && state.seenAtUntil++ < state.skipAtUntil) return;
    }
    delivered++;
    if (ts != null) {
      if (ts.equals(lastTimestamp)) {
        lastTimestampCount++;
      } else if (lastTimestamp == null || ts.isAfter(lastTimestamp)) {
        lastTimestamp = ts;
        lastTimestampCount = 1;
      }
    }
    if (hidden.test(item)) return;
    sink.accept(item);
  }

  /** Builds an {@link SseFollower}. */
  public static final class Builder<T> {
    private final String what;
    private final HfHttp http;
    private final Target target;
    private final Parser<T> parser;
    private boolean follow = true;
    private Replay replay = Replay.POSITION;
    private @Nullable Function<T, @Nullable Instant> timestampOf;
    private Predicate<T> hidden = t -> false;
    private Duration readTimeout = Duration.ofSeconds(120);
    private Duration drainReadTimeout = Duration.ofSeconds(5);
    private @Nullable Duration livenessInterval = Duration.ofSeconds(60);
    private int maxRetries = 5;
    private IntPredicate tolerated = status -> false;
    private @Nullable Duration deadline;
    private io.hf4j.core.@Nullable CancellationToken cancellationToken;
    private Duration snapshotLimit = Duration.ofSeconds(60);
    private long maxLineBytes = SseConnection.DEFAULT_MAX_LINE_BYTES;
    private long startAt;

    Builder(String what, HfHttp http, Target target, Parser<T> parser) {
      this.what = Objects.requireNonNull(what, "what == null");
      this.http = Objects.requireNonNull(http, "http == null");
      this.target = Objects.requireNonNull(target, "target == null");
      this.parser = Objects.requireNonNull(parser, "parser == null");
    }

    /** Follow until the producer finishes (default), or read what is there now. */
    public Builder<T> follow(boolean follow) {
      this.follow = follow;
      return this;
    }

    /** How replays are skipped (default {@link Replay#POSITION}). */
    public Builder<T> replay(Replay replay, @Nullable Function<T, @Nullable Instant> timestampOf) {
      this.replay = Objects.requireNonNull(replay, "replay == null");
      this.timestampOf = timestampOf;
      return this;
    }

    /** Items counted for replay but not handed to the sink (e.g. Jobs' synthetic "started" line). */
    public Builder<T> hidden(Predicate<T> hidden) {
      this.hidden = Objects.requireNonNull(hidden, "hidden == null");
      return this;
    }

    /** Silence after which a connection counts as stalled. */
    public Builder<T> readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout == null");
      return this;
    }

    /** Read timeout of the last pass after the producer finished (capped by the read timeout). */
    public Builder<T> drainReadTimeout(Duration drainReadTimeout) {
      this.drainReadTimeout = Objects.requireNonNull(drainReadTimeout, "drainReadTimeout == null");
      return this;
    }

    /** How often the producer is asked whether it finished while following; null for never. */
    public Builder<T> livenessInterval(@Nullable Duration livenessInterval) {
      this.livenessInterval = livenessInterval;
      return this;
    }

    /** Consecutive failed connections tolerated. */
    public Builder<T> maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /** Statuses that count as a failed connection (retried) instead of raising the typed error. */
    public Builder<T> tolerated(IntPredicate tolerated) {
      this.tolerated = Objects.requireNonNull(tolerated, "tolerated == null");
      return this;
    }

    /** The longest the whole read may take; null for no limit (default). */
    /** Cancels the read when the token is cancelled: {@link #run} then throws {@link io.hf4j.core.CancelledException}. */
    public Builder<T> cancellationToken(io.hf4j.core.@Nullable CancellationToken cancellationToken) {
      this.cancellationToken = cancellationToken;
      return this;
    }

    public Builder<T> deadline(@Nullable Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** The longest one snapshot or drain connection may take, however much it sends (default 60 s). */
    public Builder<T> snapshotLimit(Duration snapshotLimit) {
      this.snapshotLimit = Objects.requireNonNull(snapshotLimit, "snapshotLimit == null");
      return this;
    }

    /** The longest line read (default 1 MiB). */
    public Builder<T> maxLineBytes(long maxLineBytes) {
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /** Items already delivered by an earlier read of the same history ({@link Replay#POSITION} only). */
    public Builder<T> startAt(long startAt) {
      this.startAt = startAt;
      return this;
    }

    /** The follower. */
    public SseFollower<T> build() {
      return new SseFollower<>(this);
    }
  }
}
