package io.hf4j.spaces;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SpacesClient#fetchSpaceLogs} reads a Space log: which one (build or run), whether to follow it
 * (as in Python the default is a snapshot of what is there now), how many of the last lines to start with,
 * and the bounds: silence that ends a snapshot, the longest a snapshot may take, the caller's deadline.
 */
public final class SpaceLogsParams {
  /** Read timeout while following: four times the Hub's 30 s keep-alive (Python's 120 s). */
  public static final Duration FOLLOW_READ_TIMEOUT = Duration.ofSeconds(120);
  /** Read timeout of a snapshot: the Hub sends history at once, so 5 s of silence means the end (Python's 5 s). */
  public static final Duration SNAPSHOT_READ_TIMEOUT = Duration.ofSeconds(5);
  /** How often the Space's stage is checked while following. */
  public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(30);
  /** The longest one snapshot connection may take, however much the server sends. */
  public static final Duration DEFAULT_SNAPSHOT_LIMIT = Duration.ofSeconds(60);

  private final SpaceLogKind kind;
  private final boolean follow;
  private final @Nullable Integer tail;
  private final Duration readTimeout;
  private final Duration livenessInterval;
  private final int maxRetries;
  private final @Nullable Duration deadline;
  private final Duration snapshotLimit;
  private final @Nullable CancellationToken cancellationToken;

  private SpaceLogsParams(Builder b) {
    this.kind = b.kind;
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
   * A builder: run log, snapshot.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The build log as it is now.
   *
   * @return build-log snapshot parameters
   */
  public static SpaceLogsParams buildLog() {
    return builder().kind(SpaceLogKind.BUILD).build();
  }

  /**
   * The run log as it is now.
   *
   * @return the default parameters
   */
  public static SpaceLogsParams defaults() {
    return builder().build();
  }

  /**
   * Which log.
   *
   * @return the build or the run log
   */
  public SpaceLogKind kind() {
    return kind;
  }

  /**
   * Whether to follow until the Space is past that log (build done, or app stopped or failed).
   *
   * @return {@code true} when following
   */
  public boolean isFollow() {
    return follow;
  }

  /**
   * Start with only the last {@code tail} lines of what is there, if set.
   *
   * @return the line count, or {@code null} for everything there is
   */
  public @Nullable Integer tail() {
    return tail;
  }

  /**
   * Silence after which a connection ends (a snapshot) or counts as stalled (following).
   *
   * @return the read timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * How often the Space's stage is checked while following.
   *
   * @return the interval
   */
  public Duration livenessInterval() {
    return livenessInterval;
  }

  /**
   * Consecutive failed connections tolerated while following (a snapshot is not retried, as in Python).
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
   * The longest one snapshot connection may take; a stream still sending then is closed.
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

  /** Builds {@link SpaceLogsParams}. */
  public static final class Builder {
    private SpaceLogKind kind = SpaceLogKind.RUN;
    private boolean follow;
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
     * Which log (default {@link SpaceLogKind#RUN}).
     *
     * @param kind {@link SpaceLogKind#BUILD} or {@link SpaceLogKind#RUN}
     * @return this builder
     */
    public Builder kind(SpaceLogKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind == null");
      return this;
    }

    /**
     * Follow until the Space is past this log, or read what is there now (default).
     *
     * @param follow {@code true} to follow, {@code false} for a snapshot
     * @return this builder
     */
    public Builder follow(boolean follow) {
      this.follow = follow;
      return this;
    }

    /**
     * Start with only the last {@code tail} lines of what is there (counted by hf4j; the Hub has no tail).
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
     * Silence that ends a snapshot or marks a followed stream stalled (default 5 s / 120 s).
     *
     * @param readTimeout the silence allowed on a connection
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * How often the stage is checked while following (default 30 s).
     *
     * @param livenessInterval the interval between stage checks
     * @return this builder
     */
    public Builder livenessInterval(Duration livenessInterval) {
      this.livenessInterval = positive(livenessInterval, "livenessInterval");
      return this;
    }

    /**
     * Consecutive failed connections tolerated while following (default 5).
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
     * Bounds the whole read (default none): a followed run log of a running Space never ends by itself.
     *
     * @param deadline the longest the whole read may take
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * The longest one snapshot connection may take (default 60 s).
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
    public SpaceLogsParams build() {
      return new SpaceLogsParams(this);
    }
  }
}
