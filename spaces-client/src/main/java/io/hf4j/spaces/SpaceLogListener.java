package io.hf4j.spaces;

/** Receives log lines while {@link SpacesClient#waitForSpace(io.hf4j.core.RepoId, WaitForSpaceParams)} waits. */
@FunctionalInterface
public interface SpaceLogListener {
  /**
   * One line, in order within each log (build lines before run lines). Called from a background thread
   * while waiting and from the waiting thread at the end; never from two threads at once. An exception thrown
   * here stops the log reading, not the wait.
   */
  void onLine(SpaceLogKind kind, SpaceLogLine line);
}
