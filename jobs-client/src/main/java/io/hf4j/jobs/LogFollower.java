package io.hf4j.jobs;

import io.hf4j.core.LogStreamParams;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.SseFollower;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Jobs' use of core's {@link SseFollower}: the log (replayed on every reconnection, so lines already
 * delivered are skipped by position, or by timestamp when it started from a {@code tail}) and the metrics
 * (live samples, not replayed). Whether the job still runs is asked of {@code inspectJob}, never inferred
 * from the stream.
 */
final class LogFollower {
  static final String STARTED_PREFIX = "===== Job started";
  /** Metrics arrive every second; 10 s of silence means the stream stalled. */
  static final Duration METRICS_READ_TIMEOUT = Duration.ofSeconds(10);

  private LogFollower() {}

  /** A follower of the job's log. */
  static SseFollower<JobLogLine> logs(JobsClient client, String namespace, String jobId, JobLogsParams params) {
    SseFollower.Target target = new SseFollower.Target() {
      @Override
      public Request request(boolean first) {
        HttpUrl.Builder url = client.http().url("api/jobs/" + namespace + "/" + jobId + "/logs").newBuilder();
        Integer tail = params.tail();
        if (first && tail != null) url.addQueryParameter("tail", String.valueOf(tail));
        return new Request.Builder().url(url.build()).header("Accept", "text/event-stream").get().build();
      }

      @Override
      public boolean finished() {
        return client.inspectJobIn(namespace, jobId).isTerminal();
      }
    };
    return SseFollower.<JobLogLine>builder("the log of job " + jobId, client.http(), target, (type, data) -> JobsJson.logLine(data))
        .follow(params.isFollow())
        .replay(params.tail() == null ? SseFollower.Replay.POSITION : SseFollower.Replay.TIMESTAMP, JobLogLine::timestamp)
        .hidden(line -> line.text().startsWith(STARTED_PREFIX))
        .readTimeout(params.readTimeout())
        .drainReadTimeout(LogStreamParams.SNAPSHOT_READ_TIMEOUT)
        .livenessInterval(params.livenessInterval())
        .maxRetries(params.maxRetries())
        .deadline(params.deadline())
        .cancellationToken(params.cancellationToken())
        .snapshotLimit(params.snapshotLimit())
        .build();
  }

  /** A follower of the job's metrics until the job ends. The server answers 500 once the job has finished. */
  static SseFollower<JobMetrics> metrics(JobsClient client, String namespace, String jobId, Duration livenessInterval) {
    SseFollower.Target target = new SseFollower.Target() {
      @Override
      public Request request(boolean first) {
        // Sent once: the server answers 500 for a finished job, which core would otherwise retry with back-off.
        return RequestTags.noRetry(new Request.Builder())
            .url(client.http().url("api/jobs/" + namespace + "/" + jobId + "/metrics"))
            .header("Accept", "text/event-stream")
            .get()
            .build();
      }

      @Override
      public boolean finished() {
        return client.inspectJobIn(namespace, jobId).isTerminal();
      }
    };
    return SseFollower.<JobMetrics>builder("the metrics of job " + jobId, client.http(), target, (type, data) ->
            type != null && !type.equals("metric") ? null : JobsJson.metrics(data))
        .replay(SseFollower.Replay.NONE, null)
        .readTimeout(METRICS_READ_TIMEOUT)
        .livenessInterval(livenessInterval)
        .maxRetries(5)
        .tolerated(status -> status >= 500)
        .build();
  }
}
