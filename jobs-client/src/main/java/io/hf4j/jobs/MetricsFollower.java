package io.hf4j.jobs;

import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.RequestTags;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a job's resource metrics over SSE until the job ends. Samples are not replayed, so a
 * reconnection just continues. The server answers 500 once the job has finished and may keep an
 * idle stream open, so the end is decided by {@code inspectJob}.
 */
final class MetricsFollower {
  private static final Logger LOG = LoggerFactory.getLogger(JobsClient.class);
  /** Metrics arrive every second; 10 s of silence means the stream stalled. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final JobsClient client;
  private final String namespace;
  private final String jobId;
  private final Duration livenessInterval;
  private final SseConnection connection = new SseConnection();
  private volatile boolean jobEnded;

  MetricsFollower(JobsClient client, String namespace, String jobId, Duration livenessInterval) {
    this.client = client;
    this.namespace = namespace;
    this.jobId = jobId;
    this.livenessInterval = livenessInterval;
  }

  void cancel() {
    connection.cancel();
  }

  void run(Consumer<JobMetrics> sink) {
    long every = livenessInterval.toMillis();
    ScheduledFuture<?> watchdog = Watchdog.EXECUTOR.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
    try {
      loop(sink);
    } finally {
      watchdog.cancel(false);
    }
  }

  private void checkLiveness() {
    if (jobEnded) return;
    try {
      if (client.inspectJobIn(namespace, jobId).isTerminal()) {
        jobEnded = true;
        connection.cancel();
      }
    } catch (RuntimeException e) {
      LOG.debug("liveness check of job {} failed: {}", jobId, e.toString());
    }
  }

  private void loop(Consumer<JobMetrics> sink) {
    OkHttpClient http = client.sseClient(READ_TIMEOUT);
    int failures = 0;
    while (!connection.isCanceled()) {
      if (ended()) return;
      // Sent once: the server answers 500 for a finished job, which core would otherwise retry with back-off.
      Request request = RequestTags.noRetry(new Request.Builder())
          .url(client.http().url("api/jobs/" + namespace + "/" + jobId + "/metrics"))
          .header("Accept", "text/event-stream")
          .get()
          .build();
      int[] received = {0};
      SseConnection.Result result = connection.read(client.http(), http, request, (type, data) -> {
        if (type != null && !type.equals("metric")) return;
        JobMetrics m = JobsJson.metrics(data);
        if (m != null) {
          received[0]++;
          sink.accept(m);
        }
      }, status -> status >= 500);
      if (received[0] > 0) failures = 0;
      switch (result.end()) {
        case CANCELED:
          return;
        case FAILED:
        case REFUSED:
          failures++;
          if (ended()) return;
          if (failures > 5) {
            IOException e = result.error() != null ? result.error() : new IOException("HTTP " + result.status());
            throw new HfIoException("the metrics stream of job " + jobId + " failed " + failures + " times in a row", e);
          }
          sleep(LogFollower.backoff(failures));
          break;
        case CLOSED:
          if (ended()) return;
          sleep(LogFollower.backoff(1));
          break;
        case TIMEOUT:
        default:
          // Hardware may not be up yet; check and reconnect.
          break;
      }
    }
  }

  private boolean ended() {
    if (jobEnded) return true;
    try {
      return client.inspectJobIn(namespace, jobId).isTerminal();
    } catch (ServerException | RateLimitException | HfIoException e) {
      return false;
    }
  }

  private void sleep(Duration d) {
    try {
      client.config().sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.cancel();
      throw new HfInterruptedException("interrupted while following the metrics of job " + jobId, e);
    }
  }
}
