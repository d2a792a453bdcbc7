package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scheduled job as the server describes it: the schedule, the job it starts and its last and next
 * run. Python: {@code huggingface_hub.ScheduledJobInfo}.
 *
 * @param id the scheduled job's id
 * @param createdAt when it was created, or null if not reported
 * @param updatedAt when it last changed, or null if not reported
 * @param schedule {@code @hourly}-style or a 5-field CRON expression (UTC)
 * @param suspend whether the schedule is paused
 * @param concurrency whether runs may overlap
 * @param jobSpec the job each run starts
 * @param status the last run and the next one
 * @param owner the user or organisation it belongs to; {@code owner.name()} is its namespace
 * @param labels the scheduled job's labels
 * @param raw the JSON object as the server sent it
 */
public record ScheduledJobInfo(
    String id,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    @Nullable String schedule,
    boolean suspend,
    boolean concurrency,
    Spec jobSpec,
    Status status,
    JobOwner owner,
    Map<String, String> labels,
    Map<String, Object> raw) {
  /**
   * Checks that the id, job spec, status and owner are present; copies the maps.
   *
   * @param id the scheduled job's id
   * @param createdAt when it was created, or null if not reported
   * @param updatedAt when it last changed, or null if not reported
   * @param schedule {@code @hourly}-style or a 5-field CRON expression (UTC)
   * @param suspend whether the schedule is paused
   * @param concurrency whether runs may overlap
   * @param jobSpec the job each run starts
   * @param status the last run and the next one
   * @param owner the user or organisation it belongs to; {@code owner.name()} is its namespace
   * @param labels the scheduled job's labels
   * @param raw the JSON object as the server sent it
   */
  public ScheduledJobInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(jobSpec, "jobSpec == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(owner, "owner == null");
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /**
   * The namespace the scheduled job belongs to ({@code owner.name()}).
   *
   * @return the namespace name
   */
  public String namespace() {
    return owner.name();
  }

  /**
   * The job each run starts, as the server stores it.
   *
   * @param dockerImage the Docker image, or null when a Space's image runs
   * @param spaceId the Space whose image runs, or null
   * @param command the command the container runs
   * @param arguments the arguments appended to the command
   * @param environment the plain environment variables
   * @param secrets the names of the secrets; values are never returned
   * @param flavor the hardware, or null if not reported
   * @param timeoutSeconds the timeout (read from {@code timeoutSeconds} or {@code timeout}), or null
   * @param arch the architecture the server reports, or null
   * @param tags the tags the server reports
   * @param labels the labels each run gets
   * @param volumes the mounted repos and buckets
   */
  public record Spec(
      @Nullable String dockerImage,
      @Nullable String spaceId,
      List<String> command,
      List<String> arguments,
      Map<String, String> environment,
      List<String> secrets,
      @Nullable JobHardware flavor,
      @Nullable Long timeoutSeconds,
      @Nullable String arch,
      List<String> tags,
      Map<String, String> labels,
      List<JobVolume> volumes) {
    /**
     * Copies the lists and maps (null ones become empty).
     *
     * @param dockerImage the Docker image, or null when a Space's image runs
     * @param spaceId the Space whose image runs, or null
     * @param command the command the container runs
     * @param arguments the arguments appended to the command
     * @param environment the plain environment variables
     * @param secrets the names of the secrets; values are never returned
     * @param flavor the hardware, or null if not reported
     * @param timeoutSeconds the timeout (read from {@code timeoutSeconds} or {@code timeout}), or null
     * @param arch the architecture the server reports, or null
     * @param tags the tags the server reports
     * @param labels the labels each run gets
     * @param volumes the mounted repos and buckets
     */
    public Spec {
      command = command == null ? List.of() : List.copyOf(command);
      arguments = arguments == null ? List.of() : List.copyOf(arguments);
      environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
      secrets = secrets == null ? List.of() : List.copyOf(secrets);
      tags = tags == null ? List.of() : List.copyOf(tags);
      labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
      volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }
  }

  /** The last run (null before the first) and when the next is due (null when suspended or unknown). */
  public record Status(@Nullable LastJob lastJob, @Nullable Instant nextJobRunAt) {}

  /**
   * The job a schedule started last, and when.
   *
   * @param id the id of the job the schedule started
   * @param at when it was started, or null if not reported
   */
  public record LastJob(String id, @Nullable Instant at) {
    /**
     * Checks that the id is present.
     *
     * @param id the id of the job the schedule started
     * @param at when it was started, or null if not reported
     */
    public LastJob {
      Objects.requireNonNull(id, "id == null");
    }
  }
}
