package io.hf4j.jobs;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a job's log, with the time the server stamped on it (null if it sent none).
 *
 * @param timestamp when the server stamped the line, or null
 * @param text the line, without its line break
 */
public record JobLogLine(@Nullable Instant timestamp, String text) {
  /**
   * Checks that the text is present.
   *
   * @param timestamp when the server stamped the line, or null
   * @param text the line, without its line break
   */
  public JobLogLine {
    Objects.requireNonNull(text, "text == null");
  }

  @Override
  public String toString() {
    return (timestamp == null ? "" : timestamp + " ") + text;
  }
}
