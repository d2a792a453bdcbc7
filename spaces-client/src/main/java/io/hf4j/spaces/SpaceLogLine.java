package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a Space's build or run log: the text (the event's {@code data}, without its line terminator)
 * and the time the server stamped on it (null if it sent none).
 *
 * @param timestamp the time the server stamped on the line, or null if it sent none
 * @param text the line's text, without its line terminator
 */
public record SpaceLogLine(@Nullable Instant timestamp, String text) {
  /**
   * Checks that the text is present.
   *
   * @param timestamp the time the server stamped on the line, or null if it sent none
   * @param text the line's text, without its line terminator
   */
  public SpaceLogLine {
    Objects.requireNonNull(text, "text == null");
  }

  @Override
  public String toString() {
    return (timestamp == null ? "" : timestamp + " ") + text;
  }
}
