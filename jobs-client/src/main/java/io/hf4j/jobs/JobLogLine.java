package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/** One line of a job's log, with the time the server stamped on it (null if it sent none). */
public record JobLogLine(@Nullable Instant timestamp, String text) {
  public JobLogLine {
    Objects.requireNonNull(text, "text == null");
  }

  @Override
  public String toString() {
    return (timestamp == null ? "" : timestamp + " ") + text;
  }
}
