package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.util.List;

/**
 * A Space failed to come up: {@code BUILD_ERROR}, {@code RUNTIME_ERROR}, {@code CONFIG_ERROR} or {@code
 * NO_APP_FILE}. Carries the stage, the server's message and, when the wait read them, the last lines of the
 * relevant log (the build log for a build or configuration error, the run log for a runtime error) and a
 * {@link SpaceDiagnosis} of the common deploy mistakes; the message shows both.
 */
public class SpaceFailedException extends SpaceStageException {
  private static final long serialVersionUID = 1L;
  private final transient List<SpaceLogLine> logLines;
  private final transient @Nullable SpaceLogKind logKind;
  private final transient @Nullable SpaceDiagnosis diagnosis;

  /**
   * A failure without logs or diagnosis.
   *
   * @param spaceId the Space waited for
   * @param runtime the runtime whose failed stage ended the wait
   */
  public SpaceFailedException(RepoId spaceId, SpaceRuntime runtime) {
    this(spaceId, runtime, null, List.of(), null);
  }

  /**
   * A failure with the last lines of a log and a diagnosis; the message shows the diagnosis (or a hint for the
   * stage) and the lines.
   *
   * @param spaceId the Space waited for
   * @param runtime the runtime whose failed stage ended the wait
   * @param logKind which log {@code logLines} come from (null when none was read)
   * @param logLines the last lines of that log, oldest first
   * @param diagnosis why it failed, if known
   */
  public SpaceFailedException(RepoId spaceId, SpaceRuntime runtime, @Nullable SpaceLogKind logKind, List<SpaceLogLine> logLines,
      @Nullable SpaceDiagnosis diagnosis) {
    super(describe(spaceId, runtime, "failed") + (diagnosis != null ? ". " + diagnosis.summary() : hint(runtime.stage()))
        + tail(logKind, logLines), spaceId, runtime);
    this.logLines = List.copyOf(logLines);
    this.logKind = logKind;
    this.diagnosis = diagnosis;
  }

  /**
   * The last lines of the relevant log.
   *
   * @return the lines, oldest first; empty when the log was not read or was empty (not serialized with the exception)
   */
  public List<SpaceLogLine> logLines() {
    return logLines;
  }

  /**
   * Which log {@link #logLines()} come from.
   *
   * @return {@link SpaceLogKind#BUILD} or {@link SpaceLogKind#RUN}, or null when no log was read
   */
  public @Nullable SpaceLogKind logKind() {
    return logKind;
  }

  /**
   * Why it failed, when the logs show one of the common mistakes.
   *
   * @return the diagnosis, or null when none matched or no log was read
   */
  public @Nullable SpaceDiagnosis diagnosis() {
    return diagnosis;
  }

  private static String tail(@Nullable SpaceLogKind kind, List<SpaceLogLine> lines) {
    if (kind == null || lines.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\nLast ").append(lines.size()).append(" lines of the ")
        .append(kind.path()).append(" log:");
    for (SpaceLogLine l : lines) sb.append("\n  ").append(l.text());
    return sb.toString();
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
