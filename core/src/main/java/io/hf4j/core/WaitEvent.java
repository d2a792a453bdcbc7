package io.hf4j.core;

import java.time.Duration;

/** What a wait reports to its {@link WaitListener}. */
public sealed interface WaitEvent {
  /**
   * A poll saw a stage other than the previous poll's (the first poll always reports one).
   *
   * @param stage the new stage, e.g. {@code RUNNING} or {@code BUILDING}
   * @param status the whole state just read: a {@code JobInfo} or a {@code SpaceRuntime}
   */
  record StageChanged(String stage, Object status) implements WaitEvent {}

  /**
   * A poll failed with a transient error (5xx, 429, network); the wait polls again after {@code delay}.
   *
   * @param attempt the number of consecutive failures so far, from 1
   * @param error the failure
   * @param delay the wait before the next poll (a 429's announced wait when longer than the interval)
   */
  record Retrying(int attempt, HfException error, Duration delay) implements WaitEvent {}

  /**
   * A poll saw a stage hf4j does not know; the wait goes on. Reported (and logged) once per wait.
   *
   * @param stage the stage as the server named it
   * @param status the whole state just read
   */
  record UnknownStage(String stage, Object status) implements WaitEvent {}
}
