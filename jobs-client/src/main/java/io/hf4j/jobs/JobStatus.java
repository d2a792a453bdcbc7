package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * Where a job stands: its stage, the server's message (the failure reason on ERROR, for example "Job
 * timeout"), the URLs of exposed ports and SSH, and how often it failed.
 *
 * @param stage the job's stage
 * @param message the server's message (the failure reason on ERROR), or null
 * @param exposeUrls the URLs of the exposed ports, possibly empty
 * @param sshUrl the SSH address when SSH is enabled, or null
 * @param failureCount how often the job failed, or null if not reported
 */
public record JobStatus(
    JobStage stage,
    @Nullable String message,
    List<String> exposeUrls,
    @Nullable String sshUrl,
    @Nullable Integer failureCount) {
  /**
   * Checks that the stage is present; copies the URLs (null becomes empty).
   *
   * @param stage the job's stage
   * @param message the server's message (the failure reason on ERROR), or null
   * @param exposeUrls the URLs of the exposed ports, possibly empty
   * @param sshUrl the SSH address when SSH is enabled, or null
   * @param failureCount how often the job failed, or null if not reported
   */
  public JobStatus {
    Objects.requireNonNull(stage, "stage == null");
    exposeUrls = exposeUrls == null ? List.of() : List.copyOf(exposeUrls);
  }
}
