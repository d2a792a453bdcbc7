package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * What started a job: a {@code user}, an {@code org}, a {@code scheduled-job} (then {@link #id()} is
 * the scheduled job's id) or a {@code duplicated-job}.
 *
 * @param type {@code user}, {@code org}, {@code scheduled-job} or {@code duplicated-job}
 * @param id the id of the user, organisation, scheduled job or job that started it
 * @param name its name, or null if not reported
 */
public record JobInitiator(String type, String id, @Nullable String name) {
  /** The initiator type of runs started by a schedule. */
  public static final String SCHEDULED_JOB = "scheduled-job";

  /**
   * Checks that the type and id are present.
   *
   * @param type {@code user}, {@code org}, {@code scheduled-job} or {@code duplicated-job}
   * @param id the id of the user, organisation, scheduled job or job that started it
   * @param name its name, or null if not reported
   */
  public JobInitiator {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(id, "id == null");
  }
}
