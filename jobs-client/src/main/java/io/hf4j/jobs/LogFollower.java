package io.hf4j.jobs;

import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.Nullable;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a job's log over SSE, as the Python client does and more robustly: every reconnection replays
 * the history, so lines already delivered are skipped (by position when the whole history is read, by
 * timestamp when it started from a {@code tail}). Whether the job still runs is asked of {@code
 * inspectJob}, never inferred from the stream; once the job has ended, one last connection collects
 * the lines a broken or stalled stream missed.
 */
final class LogFollower {
  private static final Logger LOG = LoggerFactory.getLogger(JobsClient.class);
  static final String STARTED_PREFIX = "===== Job started";

  private final JobsClient client;
  private final String namespace;
  private final String jobId;
  private final JobLogsParams params;
  private final SseConnection connection = new SseConnection();
  private volatile boolean jobEnded;

  // Dedupe state: confined to the reading thread.
  private long delivered;
  private @Nullable Instant lastTimestamp;
  private int lastTimestampCount;

  LogFollower(JobsClient client, String namespace, String jobId, JobLogsParams params) {
    this.client = client;
    this.namespace = namespace;
    this.jobId = jobId;
    this.params = params;
  }

  /** Stops reading (from any thread). */
  void cancel() {
    connection.cancel();
  }

  /** Reads the log into {@code sink}; returns when the job ended (following) or the history was read. */
  void run(Consumer<JobLogLine> sink) {
    Objects.requireNonNull(sink, "sink == null");
    ScheduledFuture<?> watchdog = null;
    if (params.isFollow()) {
      long every = params.livenessInterval().toMillis();
      watchdog = Watchdog.EXECUTOR.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
    }
    try {
      loop(sink);
    } finally {
      if (watchdog != null) watchdog.cancel(false);
    }
  }

  private void checkLiveness() {
    if (jobEnded) return;
    try {
      JobInfo job = client.inspectJobIn(namespace, jobId);
      if (job.isTerminal()) {
        LOG.debug("job {} is {}; closing its log stream to read the rest", jobId, job.stage());
        jobEnded = true;
        connection.interrupt();
      }
    } catch (RuntimeException e) {
      LOG.debug("liveness check of job {} failed: {}", jobId, e.toString());
    }
  }

  private void loop(Consumer<JobLogLine> sink) {
    OkHttpClient http = client.sseClient(params.readTimeout());
    OkHttpClient drainHttp = client.sseClient(min(params.readTimeout(), JobLogsParams.SNAPSHOT_READ_TIMEOUT));
    boolean absolute = params.tail().isEmpty();
    boolean first = true;
    boolean draining = false;
    int failures = 0;
    int idle = 0;
    while (!connection.isCanceled()) {
      HttpUrl.Builder url = client.http().url("api/jobs/" + namespace + "/" + jobId + "/logs").newBuilder();
      if (first && params.tail().isPresent()) url.addQueryParameter("tail", String.valueOf(params.tail().get()));
      Request request = new Request.Builder().url(url.build()).header("Accept", "text/event-stream").get().build();
      ConnectionState state = new ConnectionState(first && !absolute ? null : lastTimestamp, lastTimestampCount);
      long before = delivered;
      SseConnection.Result result = connection.read(client.http(), draining ? drainHttp : http, request,
          (type, data) -> onEvent(data, absolute, state, sink), status -> false);
      first = false;
      boolean progress = delivered > before;
      if (progress) {
        failures = 0;
        idle = 0;
      }
      LOG.debug("log stream of job {} ended: {} after {} new lines", jobId, result.end(), delivered - before);
      if (draining && (result.end() == SseConnection.End.CLOSED || result.end() == SseConnection.End.TIMEOUT)) return;
      switch (result.end()) {
        case CANCELED:
          if (connection.isCanceled()) return;
          draining = true; // the watchdog saw the job end
          continue;
        case CLOSED:
          if (!params.isFollow() || jobEnded || stageOf().isTerminal()) return;
          // Ended although the job has not (it may still be scheduling): come back after a pause.
          sleep(backoff(++idle));
          continue;
        case TIMEOUT:
          if (!params.isFollow()) return;
          if (jobEnded || stageOf().isTerminal()) draining = jobEnded = true;
          continue;
        case FAILED:
        default:
          failures++;
          if (failures > params.maxRetries()) {
            IOException e = result.error();
            throw new HfIoException("the log stream of job " + jobId + " failed " + failures + " times in a row: "
                + (e == null ? "unknown error" : e.getMessage()), e == null ? new IOException("stream failed") : e);
          }
          LOG.debug("log stream of job {} broke ({}); reconnecting", jobId, String.valueOf(result.error()));
          sleep(backoff(failures));
          if (params.isFollow() && (jobEnded || stageOf().isTerminal())) draining = jobEnded = true;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** 1, 2, 4, 8, then 10 s (the Python client's reconnection waits). */
  static Duration backoff(int attempt) {
    long s = Math.min(10, 1L << Math.min(attempt - 1, 4));
    return Duration.ofSeconds(s);
  }

  private JobStage stageOf() {
    try {
      return client.inspectJobIn(namespace, jobId).stage();
    } catch (ServerException | RateLimitException | HfIoException e) {
      LOG.debug("could not check job {}: {}", jobId, e.toString());
      return JobStage.RUNNING;
    }
  }

  private void sleep(Duration d) {
    try {
      client.config().sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.cancel();
      throw new HfInterruptedException("interrupted while following the log of job " + jobId, e);
    }
  }

  /** Per-connection dedupe state. */
  private static final class ConnectionState {
    final @Nullable Instant skipUntil;
    final int skipAtUntil;
    long position;
    int seenAtUntil;

    ConnectionState(@Nullable Instant skipUntil, int skipAtUntil) {
      this.skipUntil = skipUntil;
      this.skipAtUntil = skipAtUntil;
    }
  }

  private void onEvent(String data, boolean absolute, ConnectionState state, Consumer<JobLogLine> sink) {
    JobLogLine line = JobsJson.logLine(data);
    if (line == null) return;
    state.position++;
    if (absolute) {
      if (state.position <= delivered) return;
    } else if (state.skipUntil != null) {
      Instant ts = line.timestamp();
      if (ts != null) {
        int c = ts.compareTo(state.skipUntil);
        if (c < 0) return;
        if (c == 0 && state.seenAtUntil++ < state.skipAtUntil) return;
      }
    }
    delivered++;
    Instant ts = line.timestamp();
    if (ts != null) {
      if (ts.equals(lastTimestamp)) {
        lastTimestampCount++;
      } else if (lastTimestamp == null || ts.isAfter(lastTimestamp)) {
        lastTimestamp = ts;
        lastTimestampCount = 1;
      }
    }
    if (line.text().startsWith(STARTED_PREFIX)) return;
    sink.accept(line);
  }
}
