package io.hf4j.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fields every log read shares, written once: whether to follow the log or take a snapshot, how many of the
 * last lines to start with, the silence that ends (or stalls) a connection, how often the subject's stage is
 * checked while following, how many failed connections are ridden out, the deadline of the whole read, the
 * longest a snapshot connection may take, and the {@link CancellationToken}.
 *
 * <p>Not used directly: a client's logs params extend it ({@code io.hf4j.jobs.JobLogsParams},
 * {@code io.hf4j.spaces.SpaceLogsParams}), choose the defaults that differ (a job's log is followed by default, a
 * Space's is a snapshot) and add their own fields. Build them with their {@code builder()}:
 *
 * <pre>{@code
 * jobs.fetchJobLogs(job, JobLogsParams.builder().tail(100).deadline(Duration.ofMinutes(5)).build());
 * spaces.fetchSpaceLogs(space, SpaceLogsParams.builder().kind(SpaceLogKind.BUILD).follow(true).cancellationToken(cancel).build());
 * }</pre>
 */
public abstract class LogStreamParams {
  /** Read timeout while following: four times the Hub's 30 s keep-alive (Python's 120 s). */
  public static final Duration FOLLOW_READ_TIMEOUT = Duration.ofSeconds(120);
  /** Read timeout of a snapshot: the Hub sends history at once, so 5 s of silence means the end (Python's 5 s). */
  public static final Duration SNAPSHOT_READ_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@link #snapshotLimit()}: 60 s. */
  public static final Duration DEFAULT_SNAPSHOT_LIMIT = Duration.ofSeconds(60);
  /** Default {@link #maxRetries()}: 5 consecutive failed connections. */
  public static final int DEFAULT_MAX_RETRIES = 5;

  private final boolean follow;
  private final @Nullable Integer tail;
  private final Duration readTimeout;
  private final Duration livenessInterval;
  private final int maxRetries;
  private final @Nullable Duration deadline;
  private final Duration snapshotLimit;
  private final @Nullable CancellationToken cancellationToken;

  /**
   * Copies the shared fields from a builder; the read timeout, when not set, is {@link #FOLLOW_READ_TIMEOUT} when
   * following and {@link #SNAPSHOT_READ_TIMEOUT} otherwise.
   *
   * @param builder the subclass's builder
   */
  protected LogStreamParams(Builder<?, ?> builder) {
    Objects.requireNonNull(builder, "builder == null");
    this.follow = builder.follow;
    this.tail = builder.tail;
    Duration rt = builder.readTimeout;
    this.readTimeout = rt != null ? rt : builder.follow ? FOLLOW_READ_TIMEOUT : SNAPSHOT_READ_TIMEOUT;
    this.livenessInterval = builder.livenessInterval;
    this.maxRetries = builder.maxRetries;
    this.deadline = builder.deadline;
    this.snapshotLimit = builder.snapshotLimit;
    this.cancellationToken = builder.cancellationToken;
  }

  /**
   * Whether the read follows the log until its subject is done with it (the job ended; the Space is past that
   * log), rather than taking a snapshot of what is there now.
   *
   * @return {@code true} when following
   */
  public final boolean isFollow() {
    return follow;
  }

  /**
   * How many of the last lines to start with (counted by hf4j when the server has no tail).
   *
   * @return the line count, or {@code null} for the whole log
   */
  public final @Nullable Integer tail() {
    return tail;
  }

  /**
   * Silence after which a connection ends (a snapshot) or counts as stalled and is reopened (following).
   *
   * @return the read timeout
   */
  public final Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How often the subject's stage is checked while following, independently of the stream; a stream still open
   * after the subject is done is closed then and the rest of the log read.
   *
   * @return the interval
   */
  public final Duration livenessInterval() {
    return livenessInterval;
  }

  /**
   * Consecutive failed connections tolerated while following before the error is thrown.
   *
   * @return the number of failed connections tolerated
   */
  public final int maxRetries() {
    return maxRetries;
  }

  /**
   * The longest the whole read may take, if bounded; past it the read throws {@link HfTimeoutException}.
   *
   * @return the deadline, or {@code null} when unbounded
   */
  public final @Nullable Duration deadline() {
    return deadline;
  }

  /**
   * The longest one snapshot connection (or the last pass after the subject is done) may take however much the
   * server sends; a stream still sending then is closed, so a snapshot always ends.
   *
   * @return the limit of one snapshot connection
   */
  public final Duration snapshotLimit() {
    return snapshotLimit;
  }

  /**
   * The token that cancels the read, if any: cancelling it closes the stream and the read throws {@link
   * CancelledException}.
   *
   * @return the token, or null
   */
  public final @Nullable CancellationToken cancellationToken() {
    return cancellationToken;
  }

  /**
   * The setters every logs params builder shares; each returns the subclass's builder, so calls chain.
   *
   * @param <P> the params type built
   * @param <B> the builder type itself
   */
  public abstract static class Builder<P extends LogStreamParams, B extends Builder<P, B>> {
    private boolean follow;
    private @Nullable Integer tail;
    private @Nullable Duration readTimeout;
    private Duration livenessInterval;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private @Nullable Duration deadline;
    private Duration snapshotLimit = DEFAULT_SNAPSHOT_LIMIT;
    private @Nullable CancellationToken cancellationToken;

    /**
     * A builder with a client's defaults.
     *
     * @param follow whether the read follows by default
     * @param livenessInterval the default interval between stage checks while following
     */
    protected Builder(boolean follow, Duration livenessInterval) {
      this.follow = follow;
      this.livenessInterval = positive(livenessInterval, "livenessInterval");
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }

    /**
     * Follow the log until its subject is done with it, or ({@code false}) read what is there now.
     *
     * @param follow {@code true} to follow, {@code false} for a snapshot
     * @return this builder
     */
    public B follow(boolean follow) {
      this.follow = follow;
      return self();
    }

    /**
     * Start with only the last {@code tail} lines of what is there.
     *
     * @param tail the number of last lines, at least 0
     * @return this builder
     * @throws HfValidationException if {@code tail} is negative
     */
    public B tail(int tail) {
      if (tail < 0) throw new HfValidationException("tail must be >= 0 but was " + tail);
      this.tail = tail;
      return self();
    }

    /**
     * Silence that ends a snapshot or marks a followed stream stalled (default {@link LogStreamParams#FOLLOW_READ_TIMEOUT} when
     * following, {@link LogStreamParams#SNAPSHOT_READ_TIMEOUT} for a snapshot).
     *
     * @param readTimeout the silence allowed on a connection, positive
     * @return this builder
     * @throws HfValidationException if {@code readTimeout} is zero or negative
     */
    public B readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return self();
    }

    /**
     * How often the subject's stage is checked while following (the default is the client's).
     *
     * @param livenessInterval the interval between stage checks, positive
     * @return this builder
     * @throws HfValidationException if {@code livenessInterval} is zero or negative
     */
    public B livenessInterval(Duration livenessInterval) {
      this.livenessInterval = positive(livenessInterval, "livenessInterval");
      return self();
    }

    /**
     * Consecutive failed connections tolerated while following (default {@value LogStreamParams#DEFAULT_MAX_RETRIES}).
     *
     * @param maxRetries the number of failed connections tolerated, at least 0
     * @return this builder
     * @throws HfValidationException if {@code maxRetries} is negative
     */
    public B maxRetries(int maxRetries) {
      if (maxRetries < 0) throw new HfValidationException("maxRetries must be >= 0 but was " + maxRetries);
      this.maxRetries = maxRetries;
      return self();
    }

    /**
     * Bounds the whole read (default: none; following ends when the subject is done, which for a running Space's
     * run log is never).
     *
     * @param deadline the longest the whole read may take, positive
     * @return this builder
     * @throws HfValidationException if {@code deadline} is zero or negative
     */
    public B deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return self();
    }

    /**
     * The longest one snapshot connection may take (default {@link LogStreamParams#DEFAULT_SNAPSHOT_LIMIT}).
     *
     * @param snapshotLimit the longest one snapshot connection may take, positive
     * @return this builder
     * @throws HfValidationException if {@code snapshotLimit} is zero or negative
     */
    public B snapshotLimit(Duration snapshotLimit) {
      this.snapshotLimit = positive(snapshotLimit, "snapshotLimit");
      return self();
    }

    /**
     * Cancels the read (from any thread) when {@code cancellationToken} is cancelled.
     *
     * @param cancellationToken the token
     * @return this builder
     */
    public B cancellationToken(CancellationToken cancellationToken) {
      this.cancellationToken = Objects.requireNonNull(cancellationToken, "cancellationToken == null");
      return self();
    }

    /**
     * The parameters.
     *
     * @return the validated parameters
     */
    public abstract P build();

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new HfValidationException(name + " must be positive but was " + d);
      return d;
    }
  }
}
