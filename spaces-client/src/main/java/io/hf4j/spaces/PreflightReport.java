package io.hf4j.spaces;

import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** The folder checked. */
  public Path folder() {
    return folder;
  }

  /** Every finding, errors first. */
  public List<PreflightIssue> issues() {
    return issues;
  }

  public List<PreflightIssue> errors() {
    return issues.stream().filter(PreflightIssue::isError).toList();
  }

  public List<PreflightIssue> warnings() {
    return issues.stream().filter(i -> !i.isError()).toList();
  }

  /** Whether any finding is an error. */
  public boolean hasErrors() {
    return issues.stream().anyMatch(PreflightIssue::isError);
  }

  /** Whether a finding of this kind was made. */
  public boolean has(PreflightIssue.Code code) {
    return issues.stream().anyMatch(i -> i.code() == code);
  }

  /** The README front matter (empty when missing or invalid). */
  public Map<String, Object> frontMatter() {
    return frontMatter;
  }

  /** The declared {@code sdk}. */
  public @Nullable String sdk() {
    return sdk;
  }

  /** The port the Hub routes to: {@code app_port}, else 7860. */
  public int appPort() {
    return appPort;
  }

  /** Files and folders (folders end with {@code /}) found that must not be pushed, relative with {@code /}. */
  public List<String> excludedPaths() {
    return excludedPaths;
  }

  /**
   * Ignore patterns for the upload, with the Python client's {@code ignore_patterns} semantics (a pattern ending
   * in {@code /} covers the whole folder): one per excluded path. Empty when exclusion is off.
   */
  public List<String> ignorePatterns() {
    return ignorePatterns;
  }

  /** The files that would be uploaded (everything not excluded, {@code .git} left out), relative with {@code /}. */
  public List<String> uploadPaths() {
    return uploadPaths;
  }

  /** The secrets required: the caller's plus the Dockerfile's build secrets ({@code RUN --mount=type=secret,id=...}). */
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
