package io.hf4j.spaces;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Why a Space failed, read from its logs, for the deploy mistakes seen most: the app listens on another port
 * than {@code app_port} (7860 by default), the app exits at start because a required variable or secret is
 * missing (the log names it), a build step fails (the step and its first error). {@link SpacePreflight} catches
 * some of these before the push; this catches the rest after.
 *
 * @param kind what went wrong
 * @param summary one or two sentences naming the cause and the fix
 * @param evidence the log line that shows it
 */
public record SpaceDiagnosis(Kind kind, String summary, String evidence) {
  /** The port a Space's app must listen on unless the README sets {@code app_port}. */
  public static final int DEFAULT_APP_PORT = 7860;

  /** The kinds of diagnosed mistakes. */
  public enum Kind {
    /** The app listens on another port than the Space's {@code app_port}. */
    WRONG_PORT,
    /** The app exited because an environment variable or secret it needs is not set. */
    MISSING_VARIABLE,
    /** A step of the image build failed. */
    BUILD_STEP_FAILED
  }

  private static final Pattern ADDRESS = Pattern.compile(
      "(?:https?://)?(?:0\\.0\\.0\\.0|127\\.0\\.0\\.1|localhost|\\[::]|\\[::1]|::|\\*|[\\w.-]+\\.local):(\\d{2,5})\\b");
  private static final Pattern PORT_WORD = Pattern.compile("(?i)\\bport\\s*[:=]?\\s*(\\d{2,5})\\b");
  private static final Pattern LISTEN = Pattern.compile(
      "(?i)\\b(running on|listening|listens on|serving|started server|server started|bound to|bind|uvicorn running|local url|available at)\\b");
  private static final Pattern NOTHING_ANSWERED = Pattern.compile("(?i)nothing answered on (?:port )?(\\d{2,5})");
  private static final String VAR = "([A-Z_][A-Z0-9_]{2,})";
  private static final List<Pattern> MISSING = List.of(
      Pattern.compile("KeyError: ['\"]" + VAR + "['\"]"),
      Pattern.compile("(?i)missing (?:required )?(?:environment )?(?:variable|secret|env(?:ironment)? var(?:iable)?)s?:?\\s+[`'\"]?" + VAR),
      Pattern.compile("(?i)(?:environment variable|env var|variable|secret)\\s+[`'\"]?" + VAR
          + "[`'\"]?\\s+(?:is\\s+)?(?:not set|missing|required|undefined|must be set|is not defined)"),
      Pattern.compile(VAR + "[`'\"]?\\s+(?:environment variable\\s+)?(?:is not set|must be set|is required|is missing|not found in (?:the )?environment)"),
      Pattern.compile(VAR + ": parameter (?:null or )?not set"));
  private static final Pattern STEP = Pattern.compile(
      "^\\s*(?:-->\\s*|#\\d+\\s+\\[[^\\]]*]\\s+|Step \\d+/\\d+ : )((?:RUN|COPY|ADD|FROM|WORKDIR|ENV|USER)\\b.*)$");
  private static final Pattern ERROR = Pattern.compile(
      "(?i)^\\s*(?:-->\\s*)?(?:#\\d+\\s+[\\d.]+\\s+)?(?:error|fatal|e:)\\b.*|.*did not complete successfully.*|.*returned a non-zero code.*");
  private static final Pattern PROCESS = Pattern.compile("process \"/bin/(?:ba)?sh -c (.*?)\" did not complete successfully(.*)");

  /**
   * Checks that every field is present.
   *
   * @param kind what went wrong
   * @param summary one or two sentences naming the cause and the fix
   * @param evidence the log line that shows it
   */
  public SpaceDiagnosis {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(summary, "summary == null");
    Objects.requireNonNull(evidence, "evidence == null");
  }

  /**
   * Diagnoses a failed Space from the last lines of its logs.
   *
   * @param stage the stage it failed in
   * @param buildLog the last lines of the build log (may be empty)
   * @param runLog the last lines of the run log (may be empty)
   * @param appPort the port the Space expects ({@code app_port}, {@link #DEFAULT_APP_PORT} when not set)
   * @return the diagnosis, or null when none of the known mistakes shows
   */
  public static @Nullable SpaceDiagnosis diagnose(SpaceStage stage, List<SpaceLogLine> buildLog, List<SpaceLogLine> runLog,
      int appPort) {
    Objects.requireNonNull(stage, "stage == null");
    if (stage.equals(SpaceStage.BUILD_ERROR)) {
      SpaceDiagnosis d = buildStep(buildLog);
      if (d != null) return d;
    }
    SpaceDiagnosis d = missingVariable(runLog);
    if (d != null) return d;
    d = wrongPort(runLog, appPort);
    if (d != null) return d;
    return stage.equals(SpaceStage.BUILD_ERROR) ? null : buildStep(buildLog);
  }

  static @Nullable SpaceDiagnosis wrongPort(List<SpaceLogLine> lines, int appPort) {
    int expected = appPort;
    for (SpaceLogLine l : lines) {
      Matcher m = NOTHING_ANSWERED.matcher(l.text());
      if (m.find()) expected = Integer.parseInt(m.group(1));
    }
    for (SpaceLogLine l : lines) {
      String t = l.text();
      if (!LISTEN.matcher(t).find()) continue;
      Matcher m = ADDRESS.matcher(t);
      Integer port = null;
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
      } else {
        Matcher w = PORT_WORD.matcher(t);
        if (w.find()) port = Integer.parseInt(w.group(1));
      }
      if (port != null && port != expected) {
        return new SpaceDiagnosis(Kind.WRONG_PORT, "The app listens on port " + port
            + " but the Space sends traffic to port " + expected + " (app_port): set 'app_port: " + port
            + "' in the README front matter, or make the app listen on 0.0.0.0:" + expected + ".", t.strip());
      }
    }
    return null;
  }

  static @Nullable SpaceDiagnosis missingVariable(List<SpaceLogLine> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String t = lines.get(i).text();
      for (Pattern p : MISSING) {
        Matcher m = p.matcher(t);
        if (m.find()) {
          String name = m.group(1);
          return new SpaceDiagnosis(Kind.MISSING_VARIABLE, "The app exited at start because " + name
              + " is not set: add it as a Space secret (addSpaceSecret) or variable (addSpaceVariable), then restart.",
              t.strip());
        }
      }
    }
    return null;
  }

  static @Nullable SpaceDiagnosis buildStep(List<SpaceLogLine> lines) {
    int firstError = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (ERROR.matcher(lines.get(i).text()).matches()) {
        firstError = i;
        break;
      }
    }
    if (firstError < 0) return null;
    String step = null;
    for (int i = firstError - 1; i >= 0; i--) {
      Matcher m = STEP.matcher(lines.get(i).text());
      if (m.matches()) {
        step = m.group(1).strip();
        break;
      }
    }
    String error = lines.get(firstError).text().strip();
    if (step == null) {
      for (int i = firstError; i < lines.size(); i++) {
        Matcher m = PROCESS.matcher(lines.get(i).text());
        if (m.find()) {
          step = "RUN " + m.group(1);
          break;
        }
      }
    }
    String summary = step == null ? "The build failed: " + error
        : "The build step '" + step + "' failed: " + error;
    return new SpaceDiagnosis(Kind.BUILD_STEP_FAILED, summary, error);
  }

  @Override
  public String toString() {
    return summary;
  }
}
