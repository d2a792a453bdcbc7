package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as the server describes it: every field of the Jobs API's JobInfo. Immutable; a fresh one
 * comes from each {@link JobsClient#inspectJob} call. Python: {@code huggingface_hub.JobInfo}.
 *
 * @param id the job id (24 hex digits on the Hub)
 * @param type the resource type the server reports ({@code job}), or null
 * @param createdAt when the job was accepted, or null if not reported
 * @param updatedAt when the server last changed the job, or null if not reported
 * @param startedAt when it started running; null while SCHEDULING
 * @param finishedAt when it ended; null until terminal (and absent on some old jobs)
 * @param dockerImage the Docker image, or null when the job runs a Space's image
 * @param spaceId the Space whose image runs, or null when a Docker image runs
 * @param command the command the container runs
 * @param arguments the arguments the server appends to the command
 * @param environment the plain environment variables, name to value
 * @param secrets the names of the job's secrets; values are never returned
 * @param flavor the hardware the job runs on, or null if not reported
 * @param arch the architecture the server reports, or null
 * @param timeoutSeconds the timeout the server reports, or null when it reports none (see
 *    {@link #effectiveTimeout()})
 * @param attempts the number of attempts the server reports, or null
 * @param labels the job's labels, the {@code name} label included
 * @param volumes the Hub repos and buckets mounted in the container
 * @param status the job's stage, message and exposed URLs
 * @param durations seconds spent scheduling and running, recomputed on each read while in progress
 * @param owner the user or organisation the job runs under; {@code owner.name()} is its namespace
 * @param initiator what started the job, or null
 * @param createdBy the user who created the job, when the server reports it
 * @param url the job's page on the Hub ({@code <endpoint>/jobs/<owner>/<id>})
 * @param raw the JSON object as the server sent it (fields this release does not map included)
 */
public record JobInfo(
    String id,
    @Nullable String type,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String dockerImage,
    @Nullable String spaceId,
    List<String> command,
    List<String> arguments,
    Map<String, String> environment,
    List<String> secrets,
    @Nullable JobHardware flavor,
    @Nullable String arch,
    @Nullable Long timeoutSeconds,
    @Nullable Integer attempts,
    Map<String, String> labels,
    List<JobVolume> volumes,
    JobStatus status,
    @Nullable JobDurations durations,
    JobOwner owner,
    @Nullable JobInitiator initiator,
    @Nullable JobCreator createdBy,
    String url,
    Map<String, Object> raw) implements JobRef {
  /** The timeout the server applies when a job is submitted without one: 30 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /**
   * Checks that the id, status, owner and URL are present; copies the lists and maps (null ones become empty).
   *
   * @param id the job id (24 hex digits on the Hub)
   * @param type the resource type the server reports ({@code job}), or null
   * @param createdAt when the job was accepted, or null if not reported
   * @param updatedAt when the server last changed the job, or null if not reported
   * @param startedAt when it started running; null while SCHEDULING
   * @param finishedAt when it ended; null until terminal (and absent on some old jobs)
   * @param dockerImage the Docker image, or null when the job runs a Space's image
   * @param spaceId the Space whose image runs, or null when a Docker image runs
   * @param command the command the container runs
   * @param arguments the arguments the server appends to the command
   * @param environment the plain environment variables, name to value
   * @param secrets the names of the job's secrets; values are never returned
   * @param flavor the hardware the job runs on, or null if not reported
   * @param arch the architecture the server reports, or null
   * @param timeoutSeconds the timeout the server reports, or null when it reports none (see
   *    {@link #effectiveTimeout()})
   * @param attempts the number of attempts the server reports, or null
   * @param labels the job's labels, the {@code name} label included
   * @param volumes the Hub repos and buckets mounted in the container
   * @param status the job's stage, message and exposed URLs
   * @param durations seconds spent scheduling and running, recomputed on each read while in progress
   * @param owner the user or organisation the job runs under; {@code owner.name()} is its namespace
   * @param initiator what started the job, or null
   * @param createdBy the user who created the job, when the server reports it
   * @param url the job's page on the Hub ({@code <endpoint>/jobs/<owner>/<id>})
   * @param raw the JSON object as the server sent it (fields this release does not map included)
   */
  public JobInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(owner, "owner == null");
    Objects.requireNonNull(url, "url == null");
    command = command == null ? List.of() : List.copyOf(command);
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
    environment = environment == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(raw);
  }

  /**
   * The job's stage.
   *
   * @return the stage, from {@link #status()}
   */
  public JobStage stage() {
    return status.stage();
  }

  /**
   * Whether the job has ended (COMPLETED, ERROR, CANCELED or DELETED).
   *
   * @return {@code true} if the stage is terminal
   */
  public boolean isTerminal() {
    return status.stage().isTerminal();
  }

  /**
   * The namespace the job belongs to ({@code owner.name()}). {@link JobsClient} calls given this
   * {@code JobInfo} (a {@link JobRef}) act in it.
   */
  @Override
  public String namespace() {
    return owner.name();
  }

  /**
   * The job's {@code name} label.
   *
   * @return the label, or null if it has none
   */
  public @Nullable String name() {
    return labels.get("name");
  }

  /**
   * The image as the Python client takes it: the Docker image, or {@code hf.co/spaces/<spaceId>}.
   *
   * @return the Docker image, {@code hf.co/spaces/<spaceId>}, or an empty string if the server reported neither
   */
  public String image() {
    return dockerImage != null ? dockerImage : spaceId != null ? "hf.co/spaces/" + spaceId : "";
  }

  /**
   * The timeout in force: {@link #timeoutSeconds()} when the server reports one, else the server's
   * default of 30 minutes ({@link #DEFAULT_TIMEOUT}).
   *
   * @return the effective timeout
   */
  public Duration effectiveTimeout() {
    return timeoutSeconds != null && timeoutSeconds > 0 ? Duration.ofSeconds(timeoutSeconds) : DEFAULT_TIMEOUT;
  }

  /**
   * Whether the job runs with the server's default timeout because none was given.
   *
   * @return {@code true} if the server reports no positive timeout
   */
  public boolean usesDefaultTimeout() {
    return timeoutSeconds == null || timeoutSeconds <= 0;
  }
}
