package io.hf4j.core;

/**
 * Told what a wait ({@code waitForJob}, {@code waitForSpace}) sees while it polls: stage changes, retried
 * failures and stages hf4j does not know. Set with {@link WaitParams.Builder#listener(WaitListener)}; called on
 * the waiting thread.
 */
@FunctionalInterface
public interface WaitListener {
  /**
   * One event. An exception thrown here ends the wait and is rethrown to its caller.
   *
   * @param event what happened
   */
  void onEvent(WaitEvent event);
}
