package io.hf4j.spaces;

/**
 * Receives the Space's log while {@link SpacesClient#waitForSpace(io.hf4j.core.RepoId, io.hf4j.core.WaitParams,
 * SpaceWaitOptions)} waits; set with {@link SpaceWaitOptions.Builder#logListener(SpaceLogListener)}.
 */
@FunctionalInterface
public interface SpaceLogListener {
  /**
   * One event, in order within each log (build lines before run lines). Called from a background thread while
   * waiting and from the waiting thread at the end; never from two threads at once. An exception thrown here
   * stops the log reading, not the wait.
   *
   * @param event what was read
   */
  void onEvent(SpaceLogEvent event);
}
