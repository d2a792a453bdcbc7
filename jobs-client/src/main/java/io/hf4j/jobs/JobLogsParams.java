package io.hf4j.jobs;

import io.hf4j.core.LogStreamParams;
import java.time.Duration;

/**
 * How {@link JobsClient#fetchJobLogs} reads a log: following it until the job ends (the default, as in
 * Python) or taking a snapshot of what is there now, and optionally only the last {@code tail} lines. The
 * fields are those every log read shares ({@link LogStreamParams}); here following ends when the job ends, and
 * with a {@code tail} the server still sends the "Job started" line first, which hf4j drops.
 *
 * <pre>{@code
 * try (Stream<JobLogLine> lines = jobs.fetchJobLogs(job, JobLogsParams.builder().tail(100).build())) {
 *   lines.forEach(l -> System.out.println(l.text()));
 * }
 * }</pre>
 */
public final class JobLogsParams extends LogStreamParams {
  /** How often the job's stage is checked while following, independently of the stream: 60 s. */
  public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(60);

  private static final JobLogsParams DEFAULTS = builder().build();
  private static final JobLogsParams SNAPSHOT = builder().follow(false).build();

  private JobLogsParams(Builder b) {
    super(b);
  }

  /**
   * A builder with the defaults: follow until the job ends, every line, the stage checked every
   * {@link #DEFAULT_LIVENESS_INTERVAL}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Follow until the job ends, every line.
   *
   * @return the default parameters
   */
  public static JobLogsParams defaults() {
    return DEFAULTS;
  }

  /**
   * The lines there are now, without waiting for more.
   *
   * @return snapshot parameters
   */
  public static JobLogsParams snapshot() {
    return SNAPSHOT;
  }

  /** Builds {@link JobLogsParams}; the shared setters are {@link LogStreamParams.Builder}'s. */
  public static final class Builder extends LogStreamParams.Builder<JobLogsParams, Builder> {
    Builder() {
      super(true, DEFAULT_LIVENESS_INTERVAL);
    }

    @Override
    public JobLogsParams build() {
      return new JobLogsParams(this);
    }
  }
}
