package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link JobsClient#waitForJob(String, WaitForJobParams)} waits: the overall deadline, the polling
 * interval (growing by half after each poll up to a cap) and the stages to wait for. Terminal stages
 * always end the wait, whatever the targets.
 */
public final class WaitForJobParams {
  /** Default polling interval: 1 s, as the Python client. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** Default cap of the growing polling interval: 10 s. */
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(10);

  private final Duration timeout;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final Set<JobStage> stages;

  private WaitForJobParams(Builder b) {
    this.timeout = b.timeout;
    this.pollInterval = b.pollInterval;
    this.maxPollInterval = b.maxPollInterval.compareTo(b.pollInterval) < 0 ? b.pollInterval : b.maxPollInterval;
    this.stages = Set.copyOf(b.stages);
  }

  /** Starts params with the overall deadline. */
  public static Builder builder(Duration timeout) {
    return new Builder(timeout);
  }

  public Duration timeout() {
    return timeout;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /** The stages that end the wait besides the terminal ones; empty means terminal stages only. */
  public Set<JobStage> stages() {
    return stages;
  }

  /** Builds {@link WaitForJobParams}. */
  public static final class Builder {
    private final Duration timeout;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration maxPollInterval = DEFAULT_MAX_POLL_INTERVAL;
    private Set<JobStage> stages = new LinkedHashSet<>();

    Builder(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative() || timeout.isZero()) throw new HfValidationException("timeout must be positive but was " + timeout);
      this.timeout = timeout;
    }

    /** The first interval between polls (default 1 s). */
    public Builder pollInterval(Duration pollInterval) {
      Objects.requireNonNull(pollInterval, "pollInterval == null");
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new HfValidationException("pollInterval must be positive but was " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /** The cap the interval grows to (default 10 s); equal to {@code pollInterval} for fixed polling. */
    public Builder maxPollInterval(Duration maxPollInterval) {
      Objects.requireNonNull(maxPollInterval, "maxPollInterval == null");
      if (maxPollInterval.isNegative() || maxPollInterval.isZero()) {
        throw new HfValidationException("maxPollInterval must be positive but was " + maxPollInterval);
      }
      this.maxPollInterval = maxPollInterval;
      return this;
    }

    /** Also stop at these stages, e.g. {@code RUNNING}. */
    public Builder stages(JobStage... stages) {
      return stages(Arrays.asList(stages));
    }

    public Builder stages(List<JobStage> stages) {
      for (JobStage s : stages) this.stages.add(Objects.requireNonNull(s, "stage == null"));
      return this;
    }

    public WaitForJobParams build() {
      return new WaitForJobParams(this);
    }
  }
}
