package io.hf4j.jobs;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JobsClient#fetchJobLogs} reads a log: following it until the job ends (the default, as in
 * Python) or taking a snapshot of what is there now, and optionally only the last {@code tail} lines.
 */
public final class JobLogsParams {
  /** Read timeout while following: four times the server's 30 s keep-alive. */
  public static final Duration FOLLOW_READ_TIMEOUT = Duration.ofSeconds(120);
  /** Read timeout of a snapshot: the server sends history at once, so 5 s of silence means the end. */
  public static final Duration SNAPSHOT_READ_TIMEOUT = Duration.ofSeconds(5);
  /** How often the job's stage is checked while following, independently of the stream. */
  public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(60);

  /** Default {@link #snapshotLimit()}: 60 s. */
  public static final Duration DEFAULT_SNAPSHOT_LIMIT = Duration.ofSeconds(60);

  private final boolean follow;
  private final @Nullable Integer tail;
  private final Duration readTimeout;
  private final Duration livenessInterval;
  private final int maxRetries;
  private final @Nullable Duration deadline;
  private final Duration snapshotLimit;
  private final @Nullable CancellationToken cancellationToken;

  private JobLogsParams(Builder b) {
    this.follow = b.follow;
    this.tail = b.tail;
    this.readTimeout = b.readTimeout != null ? b.readTimeout : b.follow ? FOLLOW_READ_TIMEOUT : SNAPSHOT_READ_TIMEOUT;
    this.livenessInterval = b.livenessInterval;
    this.maxRetries = b.maxRetries;
    this.deadline = b.deadline;
    this.snapshotLimit = b.snapshotLimit;
    this.cancellationToken = b.cancellationToken;
  }

  /**
   * A builder with the defaults: follow until the job ends, every line.
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
    return builder().build();
  }

  /**
   * The lines there are now, without waiting for more.
   *
   * @return snapshot parameters
   */
  public static JobLogsParams snapshot() {
    return builder().follow(false).build();
  }

  /**
   * Whether the read follows the log until the job ends ({@code false}: a snapshot of what is there now).
   *
   * @return {@code true} when following
   */
  public boolean isFollow() {
    return follow;
  }

  /**
   * How many of the last lines to start with.
   *
   * @return the line count, or {@code null} for the whole log
   */
  public @Nullable Integer tail() {
    return tail;
  }

  /**
   * Silence after which a connection counts as stalled and is reopened.
   *
   * @return the read timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How often the job's stage is checked while following.
   *
   * @return the interval
   */
  public Duration livenessInterval() {
    return livenessInterval;
  }

  /**
   * Consecutive failed connections tolerated before giving up.
   *
   * @return the number of failed connections tolerated
   */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The longest the whole read may take, if bounded; past it the read throws {@code HfTimeoutException}.
   *
   * @return the deadline, or {@code null} when unbounded
   */
  public @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * The longest one snapshot connection (or the last pass after the job ended) may take however much the
   * server sends; a stream still sending then is closed, so a snapshot of a finished job always ends.
   *
   * @return the limit of one snapshot connection
   */
  public Duration snapshotLimit() {
    return snapshotLimit;
  }

  /**
   * The token that cancels the read, if any: cancelling it closes the stream and the read throws {@link
   * io.hf4j.core.CancelledException}.
   *
   * @return the token, or null
   */
  public @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  /** Builds {@link JobLogsParams}. */
  public static final class Builder {
    private boolean follow = true;
    private @Nullable Integer tail;
    private @Nullable Duration readTimeout;
    private Duration livenessInterval = DEFAULT_LIVENESS_INTERVAL;
    private int maxRetries = 5;
    private @Nullable Duration deadline;
    private Duration snapshotLimit = DEFAULT_SNAPSHOT_LIMIT;
    private @Nullable CancellationToken cancellationToken;

    Builder() {}

    /**
     * Cancels the read (from any thread) when {@code cancellationToken} is cancelled.
     *
     * @param cancellationToken the token
     * @return this builder
     */
    public Builder cancellationToken(CancellationToken cancellationToken) {
      this.cancellationToken = Objects.requireNonNull(cancellationToken, "cancellationToken == null");
      return this;
    }

    /**
     * Follow until the job ends (default), or read what is there now.
     *
     * @param follow {@code true} to follow, {@code false} for a snapshot
     * @return this builder
     */
    public Builder follow(boolean follow) {
      this.follow = follow;
      return this;
    }

    /**
     * Start with only the last {@code tail} lines (the server still sends the "Job started" line first, which hf4j drops).
     *
     * @param tail the number of last lines, at least 0
     * @return this builder
     */
    public Builder tail(int tail) {
      if (tail < 0) throw new HfValidationException("tail must be >= 0 but was " + tail);
      this.tail = tail;
      return this;
    }

    /**
     * Silence after which a connection counts as stalled (default 120 s following, 5 s for a snapshot).
     *
     * @param readTimeout the silence allowed on a connection
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      Objects.requireNonNull(readTimeout, "readTimeout == null");
      if (readTimeout.isNegative() || readTimeout.isZero()) {
        throw new HfValidationException("readTimeout must be positive but was " + readTimeout);
      }
      this.readTimeout = readTimeout;
      return this;
    }

    /**
     * How often the job's stage is checked while following (default 60 s). A stream that stays open
     * after the job ended is closed then, and the rest of the log is read.
     *
     * @param livenessInterval the interval between stage checks
     * @return this builder
     */
    public Builder livenessInterval(Duration livenessInterval) {
      Objects.requireNonNull(livenessInterval, "livenessInterval == null");
      if (livenessInterval.isNegative() || livenessInterval.isZero()) {
        throw new HfValidationException("livenessInterval must be positive but was " + livenessInterval);
      }
      this.livenessInterval = livenessInterval;
      return this;
    }

    /**
     * Consecutive failed connections tolerated before the error is thrown (default 5).
     *
     * @param maxRetries the number of failed connections tolerated, at least 0
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) throw new HfValidationException("maxRetries must be >= 0 but was " + maxRetries);
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Bounds the whole read (default: none; following ends when the job ends). Must be positive.
     *
     * @param deadline the longest the whole read may take
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * The longest one snapshot connection may take (default 60 s). Must be positive.
     *
     * @param snapshotLimit the longest one snapshot connection may take
     * @return this builder
     */
    public Builder snapshotLimit(Duration snapshotLimit) {
      this.snapshotLimit = positive(snapshotLimit, "snapshotLimit");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new HfValidationException(name + " must be positive but was " + d);
      return d;
    }

    /**
     * The parameters.
     *
     * @return the validated parameters
     */
    public JobLogsParams build() {
      return new JobLogsParams(this);
    }
  }
}
