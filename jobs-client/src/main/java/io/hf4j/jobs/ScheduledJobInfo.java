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
 * @param schedule {@code @hourly}-style or a 5-field CRON expression (UTC)
 * @param suspend whether the schedule is paused
 * @param concurrency whether runs may overlap
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
  public ScheduledJobInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(jobSpec, "jobSpec == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(owner, "owner == null");
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /** The namespace the scheduled job belongs to ({@code owner.name()}). */
  public String namespace() {
    return owner.name();
  }

  /**
   * The job each run starts, as the server stores it.
   *
   * @param secrets the names of the secrets; values are never returned
   * @param timeoutSeconds the timeout (read from {@code timeoutSeconds} or {@code timeout}), or null
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

  /** The job a schedule started last, and when. */
  public record LastJob(String id, @Nullable Instant at) {
    public LastJob {
      Objects.requireNonNull(id, "id == null");
    }
  }
}
