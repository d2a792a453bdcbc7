package io.hf4j.spaces;

import io.hf4j.core.OpenValue;
import java.util.Map;
import java.util.Objects;

/**
 * The stage of a Space ({@code BUILDING}, {@code RUNNING}, {@code BUILD_ERROR}, ...). Open: a stage the
 * server adds later is kept as a value of {@link Kind#UNKNOWN} kind instead of failing.
 *
 * <pre>{@code
 * SpaceStage stage = spaces.getSpaceRuntime(id).stage();
 * if (stage.isFailed()) System.err.println("Space failed: " + stage);
 * }</pre>
 *
 * @param value the stage's name as the server spells it
 */
public record SpaceStage(String value) implements OpenValue {
  /** How a stage relates to a Space serving its app. */
  public enum Kind {
    /** On its way to running (building, starting); a wait keeps polling. */
    TRANSITIONAL,
    /** Serving the current version of the app. */
    RUNNING,
    /** Not serving, and it will not come up by itself (paused, stopped, sleeping, deleting). */
    STOPPED,
    /** Did not come up: a build, configuration or runtime failure, or no app file. */
    FAILED,
    /** A stage hf4j does not know. */
    UNKNOWN
  }

  /** The repo has no app file for its SDK. Failed. */
  public static final SpaceStage NO_APP_FILE = new SpaceStage("NO_APP_FILE");
  /** The Space's configuration (README metadata) is invalid. Failed. */
  public static final SpaceStage CONFIG_ERROR = new SpaceStage("CONFIG_ERROR");
  /** The image is being built. Transitional. */
  public static final SpaceStage BUILDING = new SpaceStage("BUILDING");
  /** The build failed. Failed. */
  public static final SpaceStage BUILD_ERROR = new SpaceStage("BUILD_ERROR");
  /** The app is starting. Transitional. */
  public static final SpaceStage APP_STARTING = new SpaceStage("APP_STARTING");
  /** The current version of the app is up. Running. */
  public static final SpaceStage RUNNING = new SpaceStage("RUNNING");
  /** A new version is being built while the old one still serves. Transitional. */
  public static final SpaceStage RUNNING_BUILDING = new SpaceStage("RUNNING_BUILDING");
  /** A new version is starting while the old one still serves. Transitional. */
  public static final SpaceStage RUNNING_APP_STARTING = new SpaceStage("RUNNING_APP_STARTING");
  /** The app crashed or could not start. Failed. */
  public static final SpaceStage RUNTIME_ERROR = new SpaceStage("RUNTIME_ERROR");
  /** The Space is being deleted. Stopped. */
  public static final SpaceStage DELETING = new SpaceStage("DELETING");
  /** The Space was stopped. Stopped. */
  public static final SpaceStage STOPPED = new SpaceStage("STOPPED");
  /** The Space was paused by its owner. Stopped. */
  public static final SpaceStage PAUSED = new SpaceStage("PAUSED");
  /** Reported by the JavaScript client and the Hub UI for a Space asleep after its sleep time. */
  public static final SpaceStage SLEEPING = new SpaceStage("SLEEPING");

  private static final Map<SpaceStage, Kind> KINDS = Map.ofEntries(
      Map.entry(BUILDING, Kind.TRANSITIONAL),
      Map.entry(APP_STARTING, Kind.TRANSITIONAL),
      Map.entry(RUNNING_BUILDING, Kind.TRANSITIONAL),
      Map.entry(RUNNING_APP_STARTING, Kind.TRANSITIONAL),
      Map.entry(RUNNING, Kind.RUNNING),
      Map.entry(PAUSED, Kind.STOPPED),
      Map.entry(STOPPED, Kind.STOPPED),
      Map.entry(SLEEPING, Kind.STOPPED),
      Map.entry(DELETING, Kind.STOPPED),
      Map.entry(BUILD_ERROR, Kind.FAILED),
      Map.entry(RUNTIME_ERROR, Kind.FAILED),
      Map.entry(CONFIG_ERROR, Kind.FAILED),
      Map.entry(NO_APP_FILE, Kind.FAILED));

  /**
   * Checks that the value is present; any stage name is accepted.
   *
   * @param value the stage's name as the server spells it
   */
  public SpaceStage {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * The stage with this name, known or not.
   *
   * @param value the stage's name
   * @return the stage
   */
  public static SpaceStage of(String value) {
    return new SpaceStage(value);
  }

  /**
   * This stage's kind; {@link Kind#UNKNOWN} for a stage hf4j does not know.
   *
   * @return the kind
   */
  public Kind kind() {
    return KINDS.getOrDefault(this, Kind.UNKNOWN);
  }

  /**
   * Whether hf4j knows this stage.
   *
   * @return {@code true} for one of the constants
   */
  public boolean isKnown() {
    return KINDS.containsKey(this);
  }

  /**
   * Building or starting: {@code BUILDING}, {@code APP_STARTING}, {@code RUNNING_BUILDING}, {@code RUNNING_APP_STARTING}.
   *
   * @return {@code true} while building or starting
   */
  public boolean isTransitional() {
    return kind() == Kind.TRANSITIONAL;
  }

  /**
   * {@code RUNNING}: the current version of the app is up.
   *
   * @return {@code true} if the app is up
   */
  public boolean isRunning() {
    return kind() == Kind.RUNNING;
  }

  /**
   * {@code PAUSED}, {@code STOPPED}, {@code SLEEPING} or {@code DELETING}.
   *
   * @return {@code true} if the Space is not serving and will not come up by itself
   */
  public boolean isStopped() {
    return kind() == Kind.STOPPED;
  }

  /**
   * {@code BUILD_ERROR}, {@code RUNTIME_ERROR}, {@code CONFIG_ERROR} or {@code NO_APP_FILE}.
   *
   * @return {@code true} if the Space failed to come up
   */
  public boolean isFailed() {
    return kind() == Kind.FAILED;
  }

  /**
   * Whether some version of the app answers requests: {@code RUNNING}, and also {@code RUNNING_BUILDING} and
   * {@code RUNNING_APP_STARTING}, where the previous version serves while the new one builds.
   *
   * @return {@code true} if the app answers requests
   */
  public boolean isServing() {
    return this.equals(RUNNING) || this.equals(RUNNING_BUILDING) || this.equals(RUNNING_APP_STARTING);
  }

  @Override
  public String toString() {
    return value;
  }
}
