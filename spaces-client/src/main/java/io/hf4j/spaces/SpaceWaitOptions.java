package io.hf4j.spaces;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.LogStreamParams;
import io.hf4j.core.RepoId;
import io.hf4j.core.WaitParams;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SpacesClient#waitForSpace(RepoId, WaitParams, SpaceWaitOptions)} does with the Space's logs besides
 * polling (how it polls is {@link WaitParams}): who receives the build and run log lines meanwhile, how many of the
 * last lines a failure carries, and the app port the diagnosis checks.
 */
public final class SpaceWaitOptions {
  /** Log lines a {@link SpaceFailedException} carries by default. */
  public static final int DEFAULT_FAILURE_LOG_LINES = 50;

  private static final SpaceWaitOptions DEFAULTS = new Builder().build();

  private final @Nullable SpaceLogListener logListener;
  private final int failureLogLines;
  private final int appPort;
  private final Duration logReadTimeout;

  private SpaceWaitOptions(Builder b) {
    this.logListener = b.logListener;
    this.failureLogLines = b.failureLogLines;
    this.appPort = b.appPort;
    this.logReadTimeout = b.logReadTimeout;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * No log listener, {@value #DEFAULT_FAILURE_LOG_LINES} failure lines, port 7860.
   *
   * @return the shared default instance
   */
  public static SpaceWaitOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Who receives log lines while waiting, if anyone.
   *
   * @return the listener, or null
   */
  public @Nullable SpaceLogListener logListener() {
    return logListener;
  }

  /**
   * How many of the last lines of the relevant log a failure carries (0: none, the logs are not read).
   *
   * @return the count, {@code >= 0}
   */
  public int failureLogLines() {
    return failureLogLines;
  }

  /**
   * The port the Space's app should listen on, for the diagnosis ({@code app_port}, default 7860).
   *
   * @return the port
   */
  public int appPort() {
    return appPort;
  }

  /**
   * Silence that ends the reading of a log after the wait ended (default 5 s, as a snapshot; at most 1 s for the
   * still open run log of a Space that runs).
   *
   * @return the read timeout
   */
  public Duration logReadTimeout() {
    return logReadTimeout;
  }

  /** Builds {@link SpaceWaitOptions}; values are validated in {@link #build()}. */
  public static final class Builder {
    private @Nullable SpaceLogListener logListener;
    private int failureLogLines = DEFAULT_FAILURE_LOG_LINES;
    private int appPort = SpaceDiagnosis.DEFAULT_APP_PORT;
    private Duration logReadTimeout = LogStreamParams.SNAPSHOT_READ_TIMEOUT;

    Builder() {}

    /**
     * Receives the build log, then the run log, while waiting (default none).
     *
     * @param logListener the listener
     * @return this builder
     */
    public Builder logListener(SpaceLogListener logListener) {
      this.logListener = Objects.requireNonNull(logListener, "logListener == null");
      return this;
    }

    /**
     * How many of the last log lines a failure carries (default 50, 0 for none).
     *
     * @param lines {@code >= 0}
     * @return this builder
     */
    public Builder failureLogLines(int lines) {
      this.failureLogLines = lines;
      return this;
    }

    /**
     * The Space's {@code app_port} when not 7860, for the wrong-port diagnosis.
     *
     * @param appPort 1..65535
     * @return this builder
     */
    public Builder appPort(int appPort) {
      this.appPort = appPort;
      return this;
    }

    /**
     * Silence that ends the reading of a log after the wait ended (default 5 s).
     *
     * @param logReadTimeout positive
     * @return this builder
     */
    public Builder logReadTimeout(Duration logReadTimeout) {
      this.logReadTimeout = Objects.requireNonNull(logReadTimeout, "logReadTimeout == null");
      return this;
    }

    /**
     * The options.
     *
     * @return the options
     * @throws HfValidationException naming the field that is out of range
     */
    public SpaceWaitOptions build() {
      if (failureLogLines < 0) throw new HfValidationException("failureLogLines must be >= 0 but was " + failureLogLines);
      if (appPort < 1 || appPort > 65535) throw new HfValidationException("appPort must be 1..65535 but was " + appPort);
      if (logReadTimeout.isNegative() || logReadTimeout.isZero()) {
        throw new HfValidationException("logReadTimeout must be positive but was " + logReadTimeout);
      }
      return new SpaceWaitOptions(this);
    }
  }
}
