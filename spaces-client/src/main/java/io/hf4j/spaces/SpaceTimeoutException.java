package io.hf4j.spaces;

import io.hf4j.core.HfTimeoutException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.time.Duration;
import java.util.Objects;

/**
 * A Space did not become ready before a deadline: {@link SpacesClient#waitForSpace} saw no {@code RUNNING}
 * stage, or {@link SpaceHttpClient} still got 502/503 while the Space was waking.
 */
public class SpaceTimeoutException extends HfTimeoutException {
  private static final long serialVersionUID = 1L;
  /** The Space waited for. */
  private final RepoId spaceId;
  private final transient @Nullable SpaceRuntime lastRuntime;
  /** The last 502/503 status of the Space's app, or 0 when the wait read the runtime instead. */
  private final int lastStatus;

  /**
   * A deadline passed before the Space was ready.
   *
   * @param message what was waited for and for how long
   * @param timeout the deadline that passed
   * @param spaceId the Space waited for
   * @param lastRuntime the last runtime {@link SpacesClient#waitForSpace} read, or null (none read, or the wait was
   *     {@link SpaceHttpClient}'s)
   * @param lastStatus the last 502/503 status {@link SpaceHttpClient} got while the Space woke, or 0 if none
   */
  public SpaceTimeoutException(String message, Duration timeout, RepoId spaceId, @Nullable SpaceRuntime lastRuntime,
      int lastStatus) {
    super(message, timeout);
    this.spaceId = Objects.requireNonNull(spaceId, "spaceId == null");
    this.lastRuntime = lastRuntime;
    this.lastStatus = lastStatus;
  }

  /**
   * The Space waited for.
   *
   * @return the Space's reference
   */
  public RepoId spaceId() {
    return spaceId;
  }

  /**
   * The last runtime seen by {@link SpacesClient#waitForSpace}.
   *
   * @return that runtime, or null when the wait read none or was {@link SpaceHttpClient}'s (not serialized with the
   *     exception)
   */
  public @Nullable SpaceRuntime lastRuntime() {
    return lastRuntime;
  }

  /**
   * The last stage seen by {@link SpacesClient#waitForSpace}.
   *
   * @return the stage of {@link #lastRuntime()}, or null when there is none
   */
  public @Nullable SpaceStage lastStage() {
    return lastRuntime == null ? null : lastRuntime.stage();
  }

  /**
   * The last HTTP status the Space's app answered while {@link SpaceHttpClient} waited for it to wake.
   *
   * @return 502 or 503, or null when the timeout was {@link SpacesClient#waitForSpace}'s
   */
  public @Nullable Integer lastStatus() {
    return lastStatus > 0 ? lastStatus : null;
  }
}
