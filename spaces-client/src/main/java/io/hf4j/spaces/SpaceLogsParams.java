package io.hf4j.spaces;

import io.hf4j.core.LogStreamParams;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SpacesClient#fetchSpaceLogs} reads a Space log: which one (build or run), whether to follow it
 * (as in Python the default is a snapshot of what is there now), how many of the last lines to start with,
 * and the bounds: silence that ends a snapshot, the longest a snapshot may take, the caller's deadline. The
 * fields other than {@link #kind()} are those every log read shares ({@link LogStreamParams}); here following
 * ends when the Space is past that log (build done, or app stopped or failed), {@code tail} is counted by hf4j
 * (the Hub has no tail), and a snapshot is never retried (as in Python).
 *
 * <pre>{@code
 * try (Stream<SpaceLogLine> lines = spaces.fetchSpaceLogs(space,
 *     SpaceLogsParams.builder().kind(SpaceLogKind.BUILD).follow(true).build())) {
 *   lines.forEach(l -> System.out.println(l.text()));
 * }
 * }</pre>
 */
public final class SpaceLogsParams extends LogStreamParams {
  /** How often the Space's stage is checked while following: 30 s. */
  public static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(30);

  private static final SpaceLogsParams DEFAULTS = builder().build();
  private static final SpaceLogsParams BUILD_LOG = builder().kind(SpaceLogKind.BUILD).build();

  private final SpaceLogKind kind;

  private SpaceLogsParams(Builder b) {
    super(b);
    this.kind = b.kind;
  }

  /**
   * A builder with the defaults: the run log, a snapshot, every line, the stage checked every
   * {@link #DEFAULT_LIVENESS_INTERVAL} when following.
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
    return BUILD_LOG;
  }

  /**
   * The run log as it is now.
   *
   * @return the default parameters
   */
  public static SpaceLogsParams defaults() {
    return DEFAULTS;
  }

  /**
   * Which log.
   *
   * @return the build or the run log
   */
  public SpaceLogKind kind() {
    return kind;
  }

  /** Builds {@link SpaceLogsParams}; the shared setters are {@link LogStreamParams.Builder}'s. */
  public static final class Builder extends LogStreamParams.Builder<SpaceLogsParams, Builder> {
    private SpaceLogKind kind = SpaceLogKind.RUN;

    Builder() {
      super(false, DEFAULT_LIVENESS_INTERVAL);
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

    @Override
    public SpaceLogsParams build() {
      return new SpaceLogsParams(this);
    }
  }
}
