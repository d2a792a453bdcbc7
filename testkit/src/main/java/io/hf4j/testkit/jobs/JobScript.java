package io.hf4j.testkit.jobs;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an emulated job does when no in-process handler runs it: how long it waits in SCHEDULING, the
 * log lines it prints (at offsets from the start of RUNNING) and how it ends. Times are simulated
 * (the emulator's {@link io.hf4j.testkit.EmulatorClock}), so with a manual clock a test decides
 * exactly when each step happens.
 *
 * <pre>{@code
 * JobScript training = JobScript.builder()
 *     .log(Duration.ofSeconds(1), "epoch 1 loss=0.9")
 *     .log(Duration.ofSeconds(2), "epoch 2 loss=0.5")
 *     .complete(Duration.ofSeconds(3))
 *     .build();
 * hub.module(JobsEmulation.class).script("acme/trainer:*", training);
 * }</pre>
 */
public final class JobScript {
  /** The default life: 1 s of SCHEDULING, then COMPLETED after 1 s of RUNNING, printing nothing. */
  public static final JobScript DEFAULT = builder().build();

  /**
   * A scripted log line.
   *
   * @param at when the line is printed, from the job's start
   * @param text the line
   */
  public record Line(Duration at, String text) {
    /**
     * Creates the record, checking its components.
     *
     * @param at when the line is printed, from the job's start
     * @param text the line
     */
    public Line {
      Objects.requireNonNull(at, "at == null");
      Objects.requireNonNull(text, "text == null");
    }
  }

  /**
   * How the job ends; {@code stage} is null when it runs until cancelled or timed out.
   *
   * @param after how long the job runs before it ends, or null when it does not end by itself
   * @param stage the final stage ({@code COMPLETED} or {@code ERROR}), or null
   * @param message the final status message, or null
   */
  public record Outcome(@Nullable Duration after, @Nullable String stage, @Nullable String message) {}

  private final Duration scheduling;
  private final List<Line> lines;
  private final Outcome outcome;

  private JobScript(Builder b) {
    this.scheduling = b.scheduling;
    this.lines = List.copyOf(b.lines);
    this.outcome = b.outcome;
  }

  /** {@return a builder of a script} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return how long the job stays scheduled before it runs} */
  public Duration scheduling() {
    return scheduling;
  }

  /** {@return the lines the job logs, with their times} */
  public List<Line> lines() {
    return lines;
  }

  /** {@return how the job ends} */
  public Outcome outcome() {
    return outcome;
  }

  /** Builds a {@link JobScript}. */
  public static final class Builder {
    private Duration scheduling = Duration.ofSeconds(1);
    private final List<Line> lines = new ArrayList<>();
    private Outcome outcome = new Outcome(Duration.ofSeconds(1), "COMPLETED", null);

    private Builder() {}

    /**
     * Time spent in SCHEDULING (default 1 s; zero starts at once).
     *
     * @param scheduling the time in SCHEDULING
     * @return this builder
     */
    public Builder scheduling(Duration scheduling) {
      this.scheduling = nonNegative(scheduling, "scheduling");
      return this;
    }

    /**
     * Prints {@code text} {@code at} after the job started running.
     *
     * @param at the run time at which the line is logged
     * @param text the log line
     * @return this builder
     */
    public Builder log(Duration at, String text) {
      lines.add(new Line(nonNegative(at, "at"), Objects.requireNonNull(text, "text == null")));
      return this;
    }

    /**
     * Prints the lines one every {@code interval}, the first one interval after the start.
     *
     * @param interval the run time between two lines (positive)
     * @param texts the log lines, logged in turn, repeating
     * @return this builder
     */
    public Builder logEvery(Duration interval, String... texts) {
      nonNegative(interval, "interval");
      Duration at = Duration.ZERO;
      for (String t : texts) {
        at = at.plus(interval);
        log(at, t);
      }
      return this;
    }

    /**
     * Ends COMPLETED {@code after} running that long (default: after 1 s).
     *
     * @param after the running time before the job completes
     * @return this builder
     */
    public Builder complete(Duration after) {
      this.outcome = new Outcome(nonNegative(after, "after"), "COMPLETED", null);
      return this;
    }

    /**
     * Ends in ERROR with {@code message} after running that long.
     *
     * @param after the run time at which the job fails
     * @param message the error message
     * @return this builder
     */
    public Builder fail(Duration after, String message) {
      this.outcome = new Outcome(nonNegative(after, "after"), "ERROR", Objects.requireNonNull(message, "message == null"));
      return this;
    }

    /**
     * Runs until cancelled or timed out.
     *
     * @return this builder
     */
    public Builder runUntilStopped() {
      this.outcome = new Outcome(null, null, null);
      return this;
    }

    /** {@return the script} */
    public JobScript build() {
      return new JobScript(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative but was " + d);
      }
      return d;
    }
  }
}
