package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * The user or organisation a job (or scheduled job) belongs to. {@link #name()} is the namespace to
 * use for follow-up calls on the job.
 */
public record JobOwner(String id, String name, String type, @Nullable String avatarUrl) {
  public JobOwner {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
  }
}
