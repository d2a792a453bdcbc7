package io.hf4j.spaces;

import io.hf4j.core.HfIoException;
import io.hf4j.core.NotFoundException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.SpaceHardware;
import io.hf4j.core.internal.EditDistance;
import io.hf4j.spaces.PreflightIssue.Code;
import io.hf4j.spaces.PreflightIssue.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Checks a local folder before it is uploaded as a Space, for the mistakes that most often leave a Space
 * broken or leak a secret:
 *
 * <ul>
 *   <li>the README front matter (parsed as YAML): a known {@code sdk}, a numeric {@code app_port}, no misspelt
 *       settings such as {@code app_ports};
 *   <li>for Docker Spaces, a {@code Dockerfile} whose served port (CMD/ENTRYPOINT {@code --port N}, {@code -p N},
 *       {@code --bind host:N}, {@code --server.port N}, {@code ENV PORT}) and {@code EXPOSE} match {@code app_port}
 *       (default 7860), and that does not bind to localhost;
 *   <li>for gradio, streamlit and static Spaces, the app file;
 *   <li>files that must not be pushed ({@code .env}, virtualenvs, {@code __pycache__}, local {@code .db}/{@code
 *       .sqlite} files, upload folders, {@code node_modules}, caches), reported and excluded by default;
 *   <li>required secrets (the caller's, plus the Dockerfile's build secrets) against the Space's secret names.
 *       The Hub never returns secret values, but lists names ({@code GET /api/spaces/{id}/secrets}); when it does
 *       not (older servers), names set through the given {@link SpacesClient} count and the rest is a warning.
 * </ul>
 *
 * <pre>{@code
 * PreflightReport report = SpacePreflight.builder(Path.of("my-space"))
 *     .requiredSecrets("OPENAI_API_KEY")
 *     .space(spaces, RepoId.space("acme/my-space"))
 *     .build()
 *     .run();
 * if (report.hasErrors()) throw new IllegalStateException(report.toString());
 * }</pre>
 */
public final class SpacePreflight {
  /** The port the Hub routes to when the README sets no {@code app_port}. */
  public static final int DEFAULT_APP_PORT = 7860;

  private static final Set<String> SDKS = Set.of("gradio", "docker", "static", "streamlit");
  private static final List<String> KNOWN_KEYS = List.of("title", "emoji", "colorFrom", "colorTo", "sdk", "python_version",
      "sdk_version", "suggested_hardware", "suggested_storage", "app_file", "app_build_command", "app_port", "base_path",
      "fullWidth", "header", "short_description", "models", "datasets", "tags", "thumbnail", "pinned", "hf_oauth",
      "hf_oauth_scopes", "hf_oauth_expiration_minutes", "hf_oauth_authorized_org", "disable_embedding",
      "startup_duration_timeout", "custom_headers", "preload_from_hub", "license", "duplicated_from");
  private static final Set<String> ENV_TEMPLATES = Set.of(".env.example", ".env.sample", ".env.template", ".env.dist", ".env.defaults");
  private static final Set<String> VENV_DIRS = Set.of("venv", ".venv", "virtualenv", ".virtualenv");
  private static final Set<String> CACHE_DIRS = Set.of("__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".ipynb_checkpoints");
  private static final Set<String> UPLOAD_DIRS = Set.of("uploads", "upload", "user_uploads");
  private static final List<String> DB_SUFFIXES = List.of(".db", ".sqlite", ".sqlite3", ".db-journal", ".db-wal", ".db-shm");

  private final Path folder;
  private final Set<String> requiredSecrets;
  private final @Nullable SpacesClient spaces;
  private final @Nullable RepoId spaceId;
  private final boolean excludeByDefault;

  private SpacePreflight(Builder b) {
    this.folder = b.folder;
    this.requiredSecrets = new LinkedHashSet<>(b.requiredSecrets);
    this.spaces = b.spaces;
    this.spaceId = b.spaceId;
    this.excludeByDefault = b.excludeByDefault;
  }

  /**
   * A builder for checking {@code folder}.
   *
   * @param folder the local folder that will be uploaded as the Space's repo (need not exist yet: {@link #run()}
   *     checks)
   * @return a new builder (no required secrets, no Space, ignored files excluded)
   */
  public static Builder builder(Path folder) {
    return new Builder(Objects.requireNonNull(folder, "folder == null"));
  }

  /**
   * Checks {@code folder} alone: no required secrets, no Space, no network.
   *
   * @param folder the local folder that will be uploaded as the Space's repo
   * @return the issues found and the patterns to leave out of the upload
   * @throws HfIoException if the folder does not exist or cannot be read
   */
  public static PreflightReport check(Path folder) {
    return builder(folder).build().run();
  }

  /**
   * Runs the checks. Reads only the folder (and, with {@link Builder#space}, the Space's secret and variable
   * names).
   *
   * @return the issues found, errors first, and the patterns to leave out of the upload
   * @throws HfIoException if the folder does not exist or cannot be read
   * @throws RepositoryNotFoundException if a Space was given and the Hub reports no such Space
   */
  public PreflightReport run() {
    if (!Files.isDirectory(folder)) throw new HfIoException("Not a folder: " + folder, new java.io.FileNotFoundException(folder.toString()));
    List<PreflightIssue> issues = new ArrayList<>();
    Map<String, Object> front = new LinkedHashMap<>();
    String sdk = null;
    int appPort = DEFAULT_APP_PORT;

    Path readme = folder.resolve("README.md");
    if (!Files.isRegularFile(readme)) {
      issues.add(error(Code.README_MISSING, "No README.md: a Space needs one whose YAML front matter declares at least"
          + " 'sdk' (gradio, docker or static)", "README.md"));
    } else {
      front = frontMatter(read(readme), issues);
      Object s = front.get("sdk");
      if (front.isEmpty() && issues.stream().anyMatch(i -> i.code() == Code.FRONT_MATTER_INVALID)) {
        // already reported
      } else if (s == null) {
        issues.add(error(Code.SDK_MISSING, "The README front matter has no 'sdk' (gradio, docker or static); the Space"
            + " would end in CONFIG_ERROR", "README.md"));
      } else if (!(s instanceof String str) || !SDKS.contains(str)) {
        issues.add(error(Code.SDK_UNKNOWN, "Unknown sdk '" + s + "'; use gradio, docker or static", "README.md"));
      } else {
        sdk = str;
        if (sdk.equals("streamlit")) {
          issues.add(warning(Code.SDK_UNKNOWN, "The streamlit sdk is no longer offered for new Spaces; use docker with"
              + " streamlit in the Dockerfile", "README.md"));
        }
      }
      if (front.containsKey("app_port")) {
        Object p = front.get("app_port");
        Integer port = p instanceof Integer i && i >= 1 && i <= 65535 ? i : null;
        if (port == null && p instanceof String ps && DockerfileScan.parsePort(ps) != null) {
          port = DockerfileScan.parsePort(ps);
          issues.add(warning(Code.APP_PORT_INVALID, "app_port is the string '" + ps + "'; write it as a number", "README.md"));
        }
        if (port == null) {
          issues.add(error(Code.APP_PORT_INVALID, "app_port must be a port number (1-65535) but is '" + p + "'", "README.md"));
        } else {
          appPort = port;
          if (sdk != null && !sdk.equals("docker")) {
            issues.add(warning(Code.APP_PORT_INVALID, "app_port is used by Docker Spaces only; the " + sdk
                + " sdk ignores it", "README.md"));
          }
        }
      }
      Object hw = front.get("suggested_hardware");
      if (hw instanceof String h && !SpaceHardware.of(h).isKnown()) {
        issues.add(warning(Code.HARDWARE_UNKNOWN, "suggested_hardware '" + h + "' is not a flavor hf4j knows", "README.md"));
      }
      for (String key : front.keySet()) {
        String near = nearKnownKey(key);
        if (near != null) {
          issues.add(warning(Code.UNKNOWN_KEY, "Front-matter key '" + key + "' is not a Spaces setting; did you mean '"
              + near + "'? The Hub ignores it", "README.md"));
        }
      }
    }

    DockerfileScan docker = null;
    if ("docker".equals(sdk)) {
      docker = checkDocker(appPort, front.containsKey("app_port"), issues);
    } else if (sdk != null) {
      String appFile = front.get("app_file") instanceof String f ? f : sdk.equals("static") ? "index.html" : "app.py";
      if (!Files.isRegularFile(folder.resolve(appFile))) {
        issues.add(error(Code.APP_FILE_MISSING, "No " + appFile + ": the " + sdk + " Space would end in NO_APP_FILE"
            + (front.containsKey("app_file") ? "" : " (set app_file in the README if the app lives elsewhere)"), appFile));
      }
    }

    List<String> excluded = new ArrayList<>();
    List<String> uploads = new ArrayList<>();
    Map<String, String> envFileValues = new LinkedHashMap<>();
    walk(excluded, uploads, issues, envFileValues);

    Set<String> required = new LinkedHashSet<>(requiredSecrets);
    if (docker != null) required.addAll(docker.buildSecrets);
    checkSecrets(required, docker, envFileValues, issues);

    issues.sort(Comparator.comparing(PreflightIssue::severity));
    return new PreflightReport(folder, issues, front, sdk, appPort, excluded, excludeByDefault ? excluded : List.of(), uploads,
        required);
  }

  private DockerfileScan checkDocker(int appPort, boolean portSet, List<PreflightIssue> issues) {
    Path dockerfile = folder.resolve("Dockerfile");
    if (!Files.isRegularFile(dockerfile)) {
      String hint = "";
      try (var list = Files.list(folder)) {
        String other = list.map(p -> p.getFileName().toString()).filter(n -> n.equalsIgnoreCase("dockerfile")).findFirst().orElse(null);
        if (other != null) hint = " (found '" + other + "': the name is case-sensitive)";
      } catch (IOException e) {
        // no hint
      }
      issues.add(error(Code.DOCKERFILE_MISSING, "sdk is docker but there is no Dockerfile at the root" + hint
          + "; the Space would end in BUILD_ERROR", "Dockerfile"));
      return null;
    }
    DockerfileScan scan = DockerfileScan.scan(read(dockerfile));
    String portText = portSet ? "app_port " + appPort : "the default port " + appPort + " (no app_port in the README)";
    String fix = portSet ? "" : ", or set app_port in the README";
    boolean served = !scan.servedPorts.isEmpty();
    if (served && !scan.servedPorts.contains(appPort)) {
      int p = scan.servedPorts.get(0);
      issues.add(error(Code.PORT_MISMATCH, "The app serves on port " + p + " (" + scan.servedSource + ") but the Hub routes to "
          + portText + "; serve on " + appPort + fix.replace("set app_port", "set app_port: " + p), "Dockerfile"));
    }
    if (!scan.exposed.isEmpty() && !scan.exposed.contains(appPort)) {
      if (served) {
        issues.add(warning(Code.EXPOSE_MISMATCH, "EXPOSE " + scan.exposed + " does not list " + portText, "Dockerfile"));
      } else {
        int p = scan.exposed.get(0);
        issues.add(error(Code.PORT_MISMATCH, "EXPOSE " + scan.exposed + " but the Hub routes to " + portText
            + "; serve on " + appPort + fix.replace("set app_port", "set app_port: " + p), "Dockerfile"));
      }
    }
    if (!served && scan.exposed.isEmpty()) {
      issues.add(warning(Code.PORT_NOT_FOUND, "The Dockerfile does not show the app's port (no --port/-p/--bind in"
          + " CMD or ENTRYPOINT, no ENV PORT, no EXPOSE); make sure the app listens on 0.0.0.0:" + appPort, "Dockerfile"));
    }
    if (scan.bindsLocalhost) {
      issues.add(error(Code.BINDS_LOCALHOST, "The app binds to localhost and is unreachable from outside the container;"
          + " listen on 0.0.0.0", "Dockerfile"));
    }
    return scan;
  }

  private void checkSecrets(Set<String> required, @Nullable DockerfileScan docker, Map<String, String> envFileValues,
      List<PreflightIssue> issues) {
    if (required.isEmpty()) return;
    if (spaces == null || spaceId == null) {
      issues.add(warning(Code.SECRETS_UNVERIFIED, "Required secrets " + required + " not checked: no Space given", null));
      return;
    }
    Set<String> secretNames;
    boolean listed = true;
    try {
      secretNames = spaces.getSpaceSecrets(spaceId).keySet();
    } catch (RepositoryNotFoundException e) {
      throw e;
    } catch (NotFoundException e) {
      listed = false;
      secretNames = spaces.secretsSetByThisClient(spaceId);
    }
    Set<String> variableNames = spaces.getSpaceVariables(spaceId).keySet();
    for (String name : required) {
      String build = docker != null && docker.buildSecrets.contains(name) ? " (the Dockerfile mounts it at build time)" : "";
      String fromEnv = envFileValues.containsKey(name)
          ? "; it is in the local .env: SpacesClient.addSpaceSecretsFromEnvFile loads it" : "";
      if (secretNames.contains(name)) continue;
      if (variableNames.contains(name)) {
        issues.add(error(Code.SECRET_IS_VARIABLE, "Required secret " + name + build + " is set as a public variable of "
            + spaceId + ", readable by anyone who sees the Space; delete the variable and add it as a secret", null));
      } else if (listed) {
        issues.add(error(Code.SECRET_MISSING, "Required secret " + name + build + " is not set on " + spaceId
            + "; add it with SpacesClient.addSpaceSecret" + fromEnv, null));
      } else {
        issues.add(warning(Code.SECRETS_UNVERIFIED, "Cannot verify secret " + name + build + " on " + spaceId
            + ": the Hub did not list secret names and it was not set through this client" + fromEnv, null));
      }
    }
  }

  private void walk(List<String> excluded, List<String> uploads, List<PreflightIssue> issues, Map<String, String> envValues) {
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(folder)) return FileVisitResult.CONTINUE;
          String rel = rel(dir) + "/";
          String name = dir.getFileName().toString();
          if (name.equals(".git")) return FileVisitResult.SKIP_SUBTREE;
          String why = null;
          if (VENV_DIRS.contains(name) || Files.isRegularFile(dir.resolve("pyvenv.cfg"), LinkOption.NOFOLLOW_LINKS)) {
            why = "a Python virtualenv (the Space installs requirements.txt itself)";
          } else if (CACHE_DIRS.contains(name)) {
            why = "a cache folder";
          } else if (name.equals("node_modules")) {
            why = "installed Node modules (install them in the build instead)";
          } else if (UPLOAD_DIRS.contains(name.toLowerCase(Locale.ROOT))) {
            why = "an upload folder (user data; the Space's disk is not persistent, use a volume)";
          }
          if (why != null) {
            exclude(rel, why, Severity.WARNING, excluded, issues);
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          String rel = rel(file);
          String name = file.getFileName().toString();
          String lower = name.toLowerCase(Locale.ROOT);
          if (name.equals(".env") || (name.startsWith(".env.") && !ENV_TEMPLATES.contains(name))) {
            try {
              envValues.putAll(EnvFile.read(file));
            } catch (RuntimeException e) {
              // Only used for hints.
            }
            exclude(rel, "a local environment file, likely holding secrets (set them as Space secrets instead)",
                Severity.ERROR, excluded, issues);
          } else if (DB_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            exclude(rel, "a local database (the Space's disk is not persistent; use a volume or a Hub dataset)",
                Severity.WARNING, excluded, issues);
          } else if (lower.endsWith(".pyc") || name.equals(".DS_Store")) {
            exclude(rel, "a generated file", Severity.WARNING, excluded, issues);
          } else {
            uploads.add(rel);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          throw exc;
        }
      });
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + folder + ": " + e.getMessage(), e);
    }
    uploads.sort(null);
  }

  private void exclude(String rel, String why, Severity pushedSeverity, List<String> excluded, List<PreflightIssue> issues) {
    excluded.add(rel);
    if (excludeByDefault) {
      issues.add(warning(Code.FILE_NOT_PUSHED, rel + " is " + why + "; excluded from the upload", rel));
    } else {
      issues.add(new PreflightIssue(pushedSeverity, Code.FILE_NOT_PUSHED, rel + " is " + why + " and would be pushed;"
          + " exclude it", rel));
    }
  }

  private String rel(Path p) {
    StringBuilder sb = new StringBuilder();
    for (Path part : folder.relativize(p)) {
      if (sb.length() > 0) sb.append('/');
      sb.append(part);
    }
    return sb.toString();
  }

  static Map<String, Object> frontMatter(String readme, List<PreflightIssue> issues) {
    String text = readme.startsWith("\uFEFF") ? readme.substring(1) : readme;
    text = text.replace("\r\n", "\n");
    if (!text.startsWith("---\n") && !text.equals("---")) {
      issues.add(error(Code.FRONT_MATTER_INVALID, "README.md does not start with a '---' YAML front-matter block"
          + " declaring the Space's sdk", "README.md"));
      return new LinkedHashMap<>();
    }
    List<String> lines = Arrays.asList(text.split("\n", -1));
    int end = -1;
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i).stripTrailing();
      if (l.equals("---") || l.equals("...")) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      issues.add(error(Code.FRONT_MATTER_INVALID, "The README front matter has no closing '---' line", "README.md"));
      return new LinkedHashMap<>();
    }
    String yaml = String.join("\n", lines.subList(1, end));
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
      issues.add(error(Code.FRONT_MATTER_INVALID, "The README front matter is not valid YAML: " + msg, "README.md"));
      return new LinkedHashMap<>();
    }
    if (parsed == null) return new LinkedHashMap<>();
    if (!(parsed instanceof Map<?, ?> m)) {
      issues.add(error(Code.FRONT_MATTER_INVALID, "The README front matter must be a YAML mapping of settings", "README.md"));
      return new LinkedHashMap<>();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  static @Nullable String nearKnownKey(String key) {
    if (KNOWN_KEYS.contains(key)) return null;
    String norm = normalize(key);
    for (String known : KNOWN_KEYS) {
      if (normalize(known).equals(norm) || (key.length() > 4 && EditDistance.between(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT)) <= 2)) {
        return known;
      }
    }
    return null;
  }

  private static String normalize(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static PreflightIssue error(Code code, String message, @Nullable String path) {
    return new PreflightIssue(Severity.ERROR, code, message, path);
  }

  private static PreflightIssue warning(Code code, String message, @Nullable String path) {
    return new PreflightIssue(Severity.WARNING, code, message, path);
  }

  /** Builds a {@link SpacePreflight}. */
  public static final class Builder {
    private final Path folder;
    private final Set<String> requiredSecrets = new LinkedHashSet<>();
    private @Nullable SpacesClient spaces;
    private @Nullable RepoId spaceId;
    private boolean excludeByDefault = true;

    private Builder(Path folder) {
      this.folder = folder;
    }

    /**
     * Secrets the app needs; checked against the Space given with {@link #space} (without one, a warning says
     * they were not checked). Adds to the names given before.
     *
     * @param names secret names (letters, digits and {@code _}, not starting with a digit)
     * @return this builder
     * @throws io.hf4j.core.HfValidationException if a name is not a valid secret key
     */
    public Builder requiredSecrets(String... names) {
      for (String n : names) {
        SpacesClient.checkKey(n);
        requiredSecrets.add(n);
      }
      return this;
    }

    /**
     * Secrets the app needs; checked against the Space given with {@link #space} (without one, a warning says
     * they were not checked). Adds to the names given before.
     *
     * @param names secret names (letters, digits and {@code _}, not starting with a digit)
     * @return this builder
     * @throws io.hf4j.core.HfValidationException if a name is not a valid secret key
     */
    public Builder requiredSecrets(Iterable<String> names) {
      for (String n : names) {
        SpacesClient.checkKey(n);
        requiredSecrets.add(n);
      }
      return this;
    }

    /**
     * The Space the folder is for: required secrets are checked against its secret and variable names ({@code GET
     * /api/spaces/{id}/secrets} and {@code /variables}); a required secret set as a plain variable is an error.
     *
     * @param spaces the client that reads the names
     * @param spaceId the Space, a {@link RepoId#space} reference
     * @return this builder
     */
    public Builder space(SpacesClient spaces, RepoId spaceId) {
      this.spaces = Objects.requireNonNull(spaces, "spaces == null");
      this.spaceId = Objects.requireNonNull(spaceId, "spaceId == null");
      return this;
    }

    /**
     * Whether files that must not be pushed are left out of the upload ({@link PreflightReport#ignorePatterns()});
     * true by default. When false they are reported as if pushed ({@code .env} as an error).
     *
     * @param excludeByDefault false to report such files as problems instead of excluding them
     * @return this builder
     */
    public Builder excludeByDefault(boolean excludeByDefault) {
      this.excludeByDefault = excludeByDefault;
      return this;
    }

    /**
     * Builds the check; nothing is read until {@link SpacePreflight#run()}.
     *
     * @return the check
     */
    public SpacePreflight build() {
      return new SpacePreflight(this);
    }
  }
}
