package io.hf4j.spaces;

import io.hf4j.core.HfTimeoutException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Space did not become ready before a deadline: {@link SpacesClient#waitForSpace} saw no {@code RUNNING}
 * stage, or {@link SpaceHttpClient} still got 502/503 while the Space was waking.
 */
public class SpaceTimeoutException extends HfTimeoutException {
  private static final long serialVersionUID = 1L;
  private final RepoId spaceId;
  private final transient @Nullable SpaceRuntime lastRuntime;
  private final int lastStatus;

  public SpaceTimeoutException(String message, Duration timeout, RepoId spaceId, @Nullable SpaceRuntime lastRuntime,
      int lastStatus) {
    super(message, timeout);
    this.spaceId = Objects.requireNonNull(spaceId, "spaceId == null");
    this.lastRuntime = lastRuntime;
    this.lastStatus = lastStatus;
  }

  /** The Space waited for. */
  public RepoId spaceId() {
    return spaceId;
  }

  /** The last runtime seen by {@link SpacesClient#waitForSpace}. */
  public @Nullable SpaceRuntime lastRuntime() {
    return lastRuntime;
  }

  /** The last stage seen by {@link SpacesClient#waitForSpace}. */
  public @Nullable SpaceStage lastStage() {
    return lastRuntime == null ? null : lastRuntime.stage();
  }

  /** The last HTTP status the Space's app answered while {@link SpaceHttpClient} waited for it to wake. */
  public @Nullable Integer lastStatus() {
    return lastStatus > 0 ? lastStatus : null;
  }
}
