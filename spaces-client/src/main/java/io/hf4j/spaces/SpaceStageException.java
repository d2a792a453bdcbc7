package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.HfException;
import io.hf4j.core.RepoId;
import java.util.Objects;

/**
 * A wait for a Space ended because the Space reached a stage from which it will not come up by itself. See
 * {@link SpaceFailedException} (build, configuration or runtime failure) and {@link SpaceStoppedException}
 * (paused, stopped, sleeping).
 */
public class SpaceStageException extends HfException {
  private static final long serialVersionUID = 1L;
  /** The Space waited for. */
  private final RepoId spaceId;
  private final transient SpaceRuntime runtime;

  /**
   * A wait ended on a stage the Space will not leave by itself.
   *
   * @param message what happened, naming the Space and stage
   * @param spaceId the Space waited for
   * @param runtime the runtime that ended the wait
   */
  protected SpaceStageException(String message, RepoId spaceId, SpaceRuntime runtime) {
    super(message);
    this.spaceId = Objects.requireNonNull(spaceId, "spaceId == null");
    this.runtime = Objects.requireNonNull(runtime, "runtime == null");
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
   * The stage that ended the wait.
   *
   * @return the stage of {@link #runtime()}
   */
  public SpaceStage stage() {
    return runtime.stage();
  }

  /**
   * The server's explanation of the stage.
   *
   * @return the runtime's {@code errorMessage}, or null when the server gave none
   */
  public @Nullable String serverMessage() {
    return runtime.errorMessage();
  }

  /**
   * The runtime that ended the wait.
   *
   * @return the runtime (not serialized with the exception)
   */
  public SpaceRuntime runtime() {
    return runtime;
  }

  static String describe(RepoId id, SpaceRuntime runtime, String what) {
    StringBuilder sb = new StringBuilder("Space ").append(id).append(' ').append(what).append(": stage ")
        .append(runtime.stage());
    if (runtime.errorMessage() != null && !runtime.errorMessage().isBlank()) {
      sb.append(": ").append(runtime.errorMessage().strip());
    }
    return sb.toString();
  }
}
