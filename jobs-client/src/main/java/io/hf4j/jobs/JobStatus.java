package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * Where a job stands: its stage, the server's message (the failure reason on ERROR, for example "Job
 * timeout"), the URLs of exposed ports and SSH, and how often it failed.
 */
public record JobStatus(
    JobStage stage,
    @Nullable String message,
    List<String> exposeUrls,
    @Nullable String sshUrl,
    @Nullable Integer failureCount) {
  public JobStatus {
    Objects.requireNonNull(stage, "stage == null");
    exposeUrls = exposeUrls == null ? List.of() : List.copyOf(exposeUrls);
  }
}
