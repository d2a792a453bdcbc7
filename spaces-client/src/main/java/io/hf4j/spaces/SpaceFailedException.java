package io.hf4j.spaces;

import io.hf4j.core.RepoId;

/**
 * A Space failed to come up: {@code BUILD_ERROR}, {@code RUNTIME_ERROR}, {@code CONFIG_ERROR} or {@code
 * NO_APP_FILE}. Carries the stage and the server's message; the build and run logs on the Space's page say
 * more.
 */
public class SpaceFailedException extends SpaceStageException {
  private static final long serialVersionUID = 1L;

  public SpaceFailedException(RepoId spaceId, SpaceRuntime runtime) {
    super(describe(spaceId, runtime, "failed") + hint(runtime.stage()), spaceId, runtime);
  }

  private static String hint(SpaceStage stage) {
    switch (stage.value()) {
      case "NO_APP_FILE":
        return ". Upload the app file (app.py by default, or the README's app_file; a Dockerfile for Docker Spaces).";
      case "CONFIG_ERROR":
        return ". Check the README front matter (sdk, app_port, app_file).";
      case "BUILD_ERROR":
        return ". See the build logs; fix and push again, or restart with a factory reboot.";
      case "RUNTIME_ERROR":
        return ". See the container logs; the app crashed or did not listen on its app_port.";
      default:
        return "";
    }
  }
}
