package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/** The user who created a job ({@code createdBy}; reported by some servers only). */
public record JobCreator(String id, @Nullable String name) {
  public JobCreator {
    Objects.requireNonNull(id, "id == null");
  }
}
