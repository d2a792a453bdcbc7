package io.hf4j.spaces;

/** What a {@link SpaceLogListener} receives. */
public sealed interface SpaceLogEvent {
  /**
   * A log line.
   *
   * @param kind which log it comes from
   * @param line the line
   */
  record Line(SpaceLogKind kind, SpaceLogLine line) implements SpaceLogEvent {}
}
