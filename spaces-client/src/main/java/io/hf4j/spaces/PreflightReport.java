package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of a {@link SpacePreflight}: errors and warnings, what the README declares, and which files to
 * leave out of the upload.
 *
 * <pre>{@code
 * PreflightReport report = SpacePreflight.builder(folder).requiredSecrets("OPENAI_API_KEY").space(spaces, id).build().run();
 * if (report.hasErrors()) throw new IllegalStateException(report.toString());
 * List<String> ignore = report.ignorePatterns();   // pass to the folder upload as its ignore patterns
 * }</pre>
 */
public final class PreflightReport {
  private final Path folder;
  private final List<PreflightIssue> issues;
  private final Map<String, Object> frontMatter;
  private final @Nullable String sdk;
  private final int appPort;
  private final List<String> excludedPaths;
  private final List<String> ignorePatterns;
  private final List<String> uploadPaths;
  private final Set<String> requiredSecrets;

  PreflightReport(Path folder, List<PreflightIssue> issues, Map<String, Object> frontMatter, @Nullable String sdk, int appPort,
      List<String> excludedPaths, List<String> ignorePatterns, List<String> uploadPaths, Set<String> requiredSecrets) {
    this.folder = folder;
    this.issues = List.copyOf(issues);
    this.frontMatter = Collections.unmodifiableMap(new LinkedHashMap<>(frontMatter));
    this.sdk = sdk;
    this.appPort = appPort;
    this.excludedPaths = List.copyOf(excludedPaths);
    this.ignorePatterns = List.copyOf(ignorePatterns);
    this.uploadPaths = List.copyOf(uploadPaths);
    this.requiredSecrets = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(requiredSecrets));
  }

  /**
   * The folder checked.
   *
   * @return the path given to {@link SpacePreflight#builder}
   */
  public Path folder() {
    return folder;
  }

  /**
   * Every finding.
   *
   * @return the errors, then the warnings, immutable
   */
  public List<PreflightIssue> issues() {
    return issues;
  }

  /**
   * The findings that would leave the Space broken or leak a secret.
   *
   * @return the findings of severity {@link PreflightIssue.Severity#ERROR}, in report order
   */
  public List<PreflightIssue> errors() {
    return issues.stream().filter(PreflightIssue::isError).toList();
  }

  /**
   * The findings worth a look that need not stop a deployment.
   *
   * @return the findings of severity {@link PreflightIssue.Severity#WARNING}, in report order
   */
  public List<PreflightIssue> warnings() {
    return issues.stream().filter(i -> !i.isError()).toList();
  }

  /**
   * Whether any finding is an error.
   *
   * @return true when {@link #errors()} is not empty
   */
  public boolean hasErrors() {
    return issues.stream().anyMatch(PreflightIssue::isError);
  }

  /**
   * Whether a finding of this kind was made.
   *
   * @param code the kind of finding
   * @return true when at least one issue has this code, whatever its severity
   */
  public boolean has(PreflightIssue.Code code) {
    return issues.stream().anyMatch(i -> i.code() == code);
  }

  /**
   * The README front matter, as parsed from YAML.
   *
   * @return the keys and values, immutable; empty when the README or its front matter is missing or invalid
   */
  public Map<String, Object> frontMatter() {
    return frontMatter;
  }

  /**
   * The SDK the README declares.
   *
   * @return the front matter's {@code sdk} (e.g. {@code docker}), or null if none is declared
   */
  public @Nullable String sdk() {
    return sdk;
  }

  /**
   * The port the Hub routes to.
   *
   * @return the front matter's {@code app_port}, else {@link SpacePreflight#DEFAULT_APP_PORT} (7860)
   */
  public int appPort() {
    return appPort;
  }

  /**
   * The files and folders found that must not be pushed ({@code .env}, virtualenvs, caches...).
   *
   * @return paths relative to the folder with {@code /} separators, folders ending with {@code /}
   */
  public List<String> excludedPaths() {
    return excludedPaths;
  }

  /**
   * Ignore patterns for the upload, with the Python client's {@code ignore_patterns} semantics (a pattern ending
   * in {@code /} covers the whole folder): one per excluded path. Empty when exclusion is off.
   *
   * @return the patterns, to pass to the folder upload
   */
  public List<String> ignorePatterns() {
    return ignorePatterns;
  }

  /**
   * The files that would be uploaded: everything not excluded, {@code .git} left out.
   *
   * @return paths relative to the folder with {@code /} separators
   */
  public List<String> uploadPaths() {
    return uploadPaths;
  }

  /**
   * The secrets required: the caller's plus the Dockerfile's build secrets ({@code RUN --mount=type=secret,id=...}).
   *
   * @return the secret names, in the order first seen
   */
  public Set<String> requiredSecrets() {
    return requiredSecrets;
  }

  /** A multi-line summary, one finding per line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Space preflight of ").append(folder).append(": ")
        .append(errors().size()).append(" error(s), ").append(warnings().size()).append(" warning(s)");
    for (PreflightIssue i : issues) sb.append("\n  ").append(i);
    return sb.toString();
  }
}
