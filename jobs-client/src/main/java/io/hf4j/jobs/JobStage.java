package io.hf4j.jobs;

import io.hf4j.core.OpenValue;
import java.util.Objects;
import java.util.Set;

/**
 * The stage of a job. Open: a stage the server adds later is kept as a value. {@link #isTerminal()}
 * tells the stages after which a job never changes again.
 *
 * <p>Python: {@code huggingface_hub.JobStage}.
 */
public record JobStage(String value) implements OpenValue {
  /** Accepted; waiting for hardware or pulling the image. */
  public static final JobStage SCHEDULING = new JobStage("SCHEDULING");
  /** The container runs. */
  public static final JobStage RUNNING = new JobStage("RUNNING");
  /** A transient running stage some servers report; never valid as a list filter. */
  public static final JobStage UPDATING = new JobStage("UPDATING");
  /** The command exited with 0. Terminal. */
  public static final JobStage COMPLETED = new JobStage("COMPLETED");
  /** Non-zero exit, timeout ({@code status.message} "Job timeout") or scheduling failure. Terminal. */
  public static final JobStage ERROR = new JobStage("ERROR");
  /** Cancelled by a user. Terminal. */
  public static final JobStage CANCELED = new JobStage("CANCELED");
  /** Deleted. Terminal. */
  public static final JobStage DELETED = new JobStage("DELETED");

  private static final Set<JobStage> KNOWN = Set.of(SCHEDULING, RUNNING, UPDATING, COMPLETED, ERROR, CANCELED, DELETED);
  private static final Set<JobStage> TERMINAL = Set.of(COMPLETED, ERROR, CANCELED, DELETED);

  /**
   * Checks that the value is present; any stage name is accepted.
   *
   * @param value the stage's name as the server spells it
   */
  public JobStage {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * The stage with this name, known or not.
   *
   * @param value the stage's name
   * @return the stage
   */
  public static JobStage of(String value) {
    return new JobStage(value);
  }

  /**
   * The stages after which a job never changes: COMPLETED, ERROR, CANCELED, DELETED.
   *
   * @return the terminal stages
   */
  public static Set<JobStage> terminal() {
    return TERMINAL;
  }

  /**
   * Whether this release knows the stage.
   *
   * @return {@code true} for one of the constants
   */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /**
   * Whether the job has ended; an unknown stage is not terminal.
   *
   * @return {@code true} for COMPLETED, ERROR, CANCELED or DELETED
   */
  public boolean isTerminal() {
    return TERMINAL.contains(this);
  }

  @Override
  public String toString() {
    return value;
  }
}
