package io.hf4j.testkit.spi;

/**
 * Told of every commit after it is applied (also the initial commit of a new repo), before the answer goes
 * to the client. Runs on the request thread: keep it short and schedule longer work on the
 * {@link EmulatorContext#clock()}. An exception is logged and ignored.
 */
@FunctionalInterface
public interface CommitListener {
  /**
   * Called after a commit landed.
   *
   * @param event the commit
   */
  void onCommit(CommitEvent event);
}
