package io.hf4j.spaces;

import io.hf4j.core.RepoId;

/**
 * A Space waited for is paused, stopped, sleeping or being deleted, so it will not start by itself. Restart it
 * ({@link SpacesClient#restartSpace}) or, for a sleeping Space, send it a request ({@link SpaceHttpClient}
 * wakes it).
 */
public class SpaceStoppedException extends SpaceStageException {
  private static final long serialVersionUID = 1L;

  /**
   * A wait that ended on a stopped stage; the message names the stage and how to start the Space again.
   *
   * @param spaceId the Space waited for
   * @param runtime the runtime whose stage ({@code PAUSED}, {@code STOPPED}, {@code SLEEPING}, {@code DELETING})
   *     ended the wait
   */
  public SpaceStoppedException(RepoId spaceId, SpaceRuntime runtime) {
    super(describe(spaceId, runtime, "is not running") + hint(runtime.stage()), spaceId, runtime);
  }

  private static String hint(SpaceStage stage) {
    switch (stage.value()) {
      case "PAUSED":
        return ". Only its owner can restart it (restartSpace).";
      case "SLEEPING":
      case "STOPPED":
        return ". A request to the app wakes it (SpaceHttpClient), or restart it (restartSpace).";
      default:
        return "";
    }
  }
}
