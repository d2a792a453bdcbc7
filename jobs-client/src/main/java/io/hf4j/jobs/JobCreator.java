package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * The user who created a job ({@code createdBy}; reported by some servers only).
 *
 * @param id the user's id
 * @param name the user's name, or null if not reported
 */
public record JobCreator(String id, @Nullable String name) {
  /**
   * Checks that the id is present.
   *
   * @param id the user's id
   * @param name the user's name, or null if not reported
   */
  public JobCreator {
    Objects.requireNonNull(id, "id == null");
  }
}
