package io.hf4j.spaces;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link SpacesClient#waitForSpace(io.hf4j.core.RepoId, WaitForSpaceParams)} waits: for how long, how
 * often it polls the runtime, who receives the build and run log lines meanwhile, and how many of the last
 * log lines a failure carries.
 */
public final class WaitForSpaceParams {
  /** Log lines a {@link SpaceFailedException} carries by default. */
  public static final int DEFAULT_FAILURE_LOG_LINES = 50;

  private final Duration timeout;
  private final Duration pollInterval;
  private final @Nullable SpaceLogListener listener;
  private final int failureLogLines;
  private final int appPort;
  private final Duration logReadTimeout;

  private WaitForSpaceParams(Builder b) {
    this.timeout = b.timeout;
    this.pollInterval = b.pollInterval;
    this.listener = b.listener;
    this.failureLogLines = b.failureLogLines;
    this.appPort = b.appPort;
    this.logReadTimeout = b.logReadTimeout;
  }

  /** A builder waiting up to {@code timeout}. */
  public static Builder builder(Duration timeout) {
    return new Builder(timeout);
  }

  /** The longest the wait may take. */
  public Duration timeout() {
    return timeout;
  }

  /** Time between two runtime polls. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** Who receives log lines while waiting, if anyone. */
  public Optional<SpaceLogListener> listener() {
    return Optional.ofNullable(listener);
  }

  /** How many of the last lines of the relevant log a failure carries (0: none, the logs are not read). */
  public int failureLogLines() {
    return failureLogLines;
  }

  /** The port the Space's app should listen on, for the diagnosis ({@code app_port}, default 7860). */
  public int appPort() {
    return appPort;
  }

  /**
   * Silence that ends the reading of a log after the wait ended (default 5 s, as a snapshot; at most 1 s for the
   * still open run log of a Space that runs).
   */
  public Duration logReadTimeout() {
    return logReadTimeout;
  }

  /** Builds {@link WaitForSpaceParams}. */
  public static final class Builder {
    private final Duration timeout;
    private Duration pollInterval = SpacesClient.DEFAULT_POLL_INTERVAL;
    private @Nullable SpaceLogListener listener;
    private int failureLogLines = DEFAULT_FAILURE_LOG_LINES;
    private int appPort = SpaceDiagnosis.DEFAULT_APP_PORT;
    private Duration logReadTimeout = SpaceLogsParams.SNAPSHOT_READ_TIMEOUT;

    Builder(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative()) throw new HfValidationException("timeout must not be negative but was " + timeout);
      this.timeout = timeout;
    }

    /** Time between two runtime polls (default 5 s). */
    public Builder pollInterval(Duration pollInterval) {
      Objects.requireNonNull(pollInterval, "pollInterval == null");
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new HfValidationException("pollInterval must be positive but was " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /** Receives the build log, then the run log, while waiting (default none). */
    public Builder listener(SpaceLogListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** How many of the last log lines a failure carries (default 50, 0 for none). */
    public Builder failureLogLines(int lines) {
      if (lines < 0) throw new HfValidationException("failureLogLines must be >= 0 but was " + lines);
      this.failureLogLines = lines;
      return this;
    }

    /** The Space's {@code app_port} when not 7860, for the wrong-port diagnosis. */
    public Builder appPort(int appPort) {
      if (appPort < 1 || appPort > 65535) throw new HfValidationException("appPort must be 1..65535 but was " + appPort);
      this.appPort = appPort;
      return this;
    }

    /** Silence that ends the reading of a log after the wait ended (default 5 s). */
    public Builder logReadTimeout(Duration logReadTimeout) {
      Objects.requireNonNull(logReadTimeout, "logReadTimeout == null");
      if (logReadTimeout.isNegative() || logReadTimeout.isZero()) {
        throw new HfValidationException("logReadTimeout must be positive but was " + logReadTimeout);
      }
      this.logReadTimeout = logReadTimeout;
      return this;
    }

    /** The parameters. */
    public WaitForSpaceParams build() {
      return new WaitForSpaceParams(this);
    }
  }
}
