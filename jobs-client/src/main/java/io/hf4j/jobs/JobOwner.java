package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * The user or organisation a job (or scheduled job) belongs to. {@link #name()} is the namespace to
 * use for follow-up calls on the job.
 *
 * @param id the owner's id
 * @param name the user or organisation name: the job's namespace
 * @param type {@code user} or {@code org}
 * @param avatarUrl the owner's avatar image, or null
 */
public record JobOwner(String id, String name, String type, @Nullable String avatarUrl) {
  /**
   * Checks that the id, name and type are present.
   *
   * @param id the owner's id
   * @param name the user or organisation name: the job's namespace
   * @param type {@code user} or {@code org}
   * @param avatarUrl the owner's avatar image, or null
   */
  public JobOwner {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
  }
}
