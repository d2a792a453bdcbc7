package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A job to start on a schedule: a {@link RunJobParams} (its namespace is the scheduled job's), a schedule,
 * and whether runs may overlap and whether it starts suspended. Python: the arguments of {@code
 * HfApi.create_scheduled_job}.
 *
 * <pre>{@code
 * CreateScheduledJobParams nightly = CreateScheduledJobParams.builder("0 3 * * *", RunJobParams.builder()
 *         .image("python:3.12").command("python", "-c", "print('nightly')").build())
 *     .concurrency(false)
 *     .build();
 * }</pre>
 */
public final class CreateScheduledJobParams {
  /** The schedule shortcuts the server accepts. */
  public static final Set<String> SHORTCUTS = Set.of("@annually", "@yearly", "@monthly", "@weekly", "@daily", "@hourly");

  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?#-]+");

  private final String schedule;
  private final RunJobParams job;
  private final @Nullable Boolean concurrency;
  private final @Nullable Boolean suspend;

  private CreateScheduledJobParams(Builder b) {
    this.schedule = b.schedule;
    this.job = b.job;
    this.concurrency = b.concurrency;
    this.suspend = b.suspend;
  }

  /**
   * Starts a spec.
   *
   * @param schedule {@code @annually}, {@code @yearly}, {@code @monthly}, {@code @weekly}, {@code @daily},
   *     {@code @hourly}, or a 5-field CRON expression such as {@code "0 9 * * 1"} (UTC)
   * @param job the job each run starts
   * @return a new builder
   * @throws HfValidationException for any other schedule
   */
  public static Builder builder(String schedule, RunJobParams job) {
    return new Builder(schedule, job);
  }

  /**
   * Checks a schedule.
   *
   * @param schedule the schedule text
   * @return the schedule, normalised (a CRON expression's fields joined by single spaces)
   * @throws HfValidationException if it is neither a shortcut nor a 5-field CRON expression
   */
  public static String checkSchedule(String schedule) {
    Objects.requireNonNull(schedule, "schedule == null");
    String s = schedule.strip();
    if (s.startsWith("@")) {
      if (SHORTCUTS.contains(s)) return s;
      throw new HfValidationException("unknown schedule '" + schedule + "': use one of " + String.join(", ",
          new java.util.TreeSet<>(SHORTCUTS)) + " or a 5-field CRON expression such as \"0 9 * * 1\"");
    }
    if (SHORTCUTS.contains("@" + s)) {
      throw new HfValidationException("schedule '" + schedule + "' needs an '@': \"@" + s + "\"");
    }
    String[] fields = s.split("\\s+");
    if (fields.length != 5) {
      throw new HfValidationException("schedule '" + schedule + "' must be a shortcut such as \"@hourly\" or a CRON expression"
          + " of 5 fields (minute hour day-of-month month day-of-week) but has " + fields.length);
    }
    for (String f : fields) {
      if (!CRON_FIELD.matcher(f).matches()) {
        throw new HfValidationException("schedule '" + schedule + "' has a malformed CRON field '" + f + "'");
      }
    }
    return String.join(" ", fields);
  }

  /**
   * The schedule: a shortcut such as {@code @daily} or a 5-field CRON expression (UTC).
   *
   * @return the schedule
   */
  public String schedule() {
    return schedule;
  }

  /**
   * The job each run of the schedule starts.
   *
   * @return the job's spec
   */
  public RunJobParams job() {
    return job;
  }

  /**
   * Whether runs may overlap; empty for the server's default (no).
   *
   * @return {@code true} or {@code false}, or {@code null} for the server's default
   */
  public @Nullable Boolean concurrency() {
    return concurrency;
  }

  /**
   * Whether the schedule starts suspended; empty for the server's default (no).
   *
   * @return {@code true} or {@code false}, or {@code null} for the server's default
   */
  public @Nullable Boolean suspend() {
    return suspend;
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobSpec", job.toJson());
    m.put("schedule", schedule);
    if (concurrency != null) m.put("concurrency", concurrency);
    if (suspend != null) m.put("suspend", suspend);
    return m;
  }

  @Override
  public String toString() {
    return "CreateScheduledJobParams{schedule=" + schedule + ", job=" + job + "}";
  }

  /** Builds a {@link CreateScheduledJobParams}. */
  public static final class Builder {
    private final String schedule;
    private final RunJobParams job;
    private @Nullable Boolean concurrency;
    private @Nullable Boolean suspend;

    Builder(String schedule, RunJobParams job) {
      this.schedule = checkSchedule(schedule);
      this.job = Objects.requireNonNull(job, "job == null");
      if (job.ssh()) throw new HfValidationException("SSH is not available for scheduled jobs");
    }

    /**
     * Whether runs may overlap (default no; then a manual trigger while a run is active is refused with 409).
     *
     * @param concurrency {@code true} to let runs overlap
     * @return this builder
     */
    public Builder concurrency(boolean concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Creates the schedule paused.
     *
     * @param suspend {@code true} to create the schedule paused
     * @return this builder
     */
    public Builder suspend(boolean suspend) {
      this.suspend = suspend;
      return this;
    }

    /**
     * Validates and builds the schedule's parameters.
     *
     * @return the parameters
     */
    public CreateScheduledJobParams build() {
      return new CreateScheduledJobParams(this);
    }
  }
}
