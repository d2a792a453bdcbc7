package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to run on Hugging Face Jobs: an image (Docker or a Space's), a command, hardware, timeout,
 * environment, secrets, labels, volumes and exposed ports. Immutable; build with {@link #builder()}.
 * Validated when built, so bad input fails with {@link HfValidationException} before anything is sent.
 *
 * <pre>{@code
 * RunJobParams spec = RunJobParams.builder()
 *     .image("pytorch/pytorch:2.6.0-cuda12.4-cudnn9-devel")   // or "hf.co/spaces/acme/trainer"
 *     .command("python", "train.py", "--epochs", "3")
 *     .flavor(JobHardware.A10G_SMALL)
 *     .timeout("2h")                                          // else the server stops it after 30 minutes
 *     .env("WANDB_PROJECT", "demo")
 *     .secret("HF_TOKEN", token)
 *     .label("team", "nlp")
 *     .volume(JobVolume.dataset("HuggingFaceFW/fineweb", "/data"))
 *     .build();
 * }</pre>
 *
 * <p>Without a {@code name}, the job gets the Python client's default {@code name} label: the image's
 * last path part (or the Space id), sanitised, plus the first 8 hex digits of a SHA-256 of the image and
 * the command. Python: the keyword arguments of {@code HfApi.run_job}.
 */
public final class RunJobParams {
  /** The timeout the server applies when none is given. */
  public static final Duration DEFAULT_TIMEOUT = JobInfo.DEFAULT_TIMEOUT;

  static final List<String> SPACE_PREFIXES =
      List.of("https://huggingface.co/spaces/", "https://hf.co/spaces/", "huggingface.co/spaces/", "hf.co/spaces/");
  private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._-]{0,100}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9_-]");
  private static final Pattern DECIMAL = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern INTEGER = Pattern.compile("\\d+");

  private final @Nullable String dockerImage;
  private final @Nullable String spaceId;
  private final String image;
  private final List<String> command;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final Map<String, String> secrets;
  private final JobHardware flavor;
  private final @Nullable Duration timeout;
  private final Map<String, String> labels;
  private final List<JobVolume> volumes;
  private final List<Integer> exposePorts;
  private final boolean ssh;
  private final @Nullable String resourceGroupId;
  private final @Nullable String namespace;
  private final Builder source;

  private RunJobParams(Builder b, String image, Map<String, String> labels) {
    this.source = b.copy();
    this.dockerImage = b.dockerImage;
    this.spaceId = b.spaceId;
    this.image = image;
    this.command = List.copyOf(b.command);
    this.arguments = List.copyOf(b.arguments);
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(b.secrets));
    this.flavor = b.flavor;
    this.timeout = b.timeout;
    this.labels = Collections.unmodifiableMap(labels);
    this.volumes = List.copyOf(b.volumes);
    this.exposePorts = List.copyOf(b.exposePorts);
    this.ssh = b.ssh;
    this.resourceGroupId = b.resourceGroupId;
    this.namespace = b.namespace;
  }

  /**
   * A builder with no image or command set, {@code cpu-basic} hardware and the server's default timeout.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this spec's settings.
   *
   * @return a new builder with this spec's settings
   */
  public Builder toBuilder() {
    return source.copy();
  }

  /**
   * The Docker image, or empty when a Space's image runs.
   *
   * @return the Docker image, or {@code null} when a Space's image runs
   */
  public @Nullable String dockerImage() {
    return dockerImage;
  }

  /**
   * The Space whose image runs, or empty when a Docker image runs.
   *
   * @return the Space id ({@code ns/name}), or {@code null} when a Docker image runs
   */
  public @Nullable String spaceId() {
    return spaceId;
  }

  /**
   * The image as given (a Docker image, or a Space reference such as {@code hf.co/spaces/ns/name}).
   *
   * @return the image as given
   */
  public String image() {
    return image;
  }

  /**
   * The command the container runs, with its arguments.
   *
   * @return the command, never empty
   */
  public List<String> command() {
    return command;
  }

  /**
   * Arguments the server appends to the command.
   *
   * @return the arguments, possibly empty
   */
  public List<String> arguments() {
    return arguments;
  }

  /**
   * Plain environment variables (sent and returned in clear).
   *
   * @return the variables, name to value
   */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Secret environment variables (encrypted server-side, never returned).
   *
   * @return the secrets, name to value
   */
  public Map<String, String> secrets() {
    return secrets;
  }

  /**
   * The hardware flavor the job runs on; default {@code cpu-basic}.
   *
   * @return the flavor
   */
  public JobHardware flavor() {
    return flavor;
  }

  /**
   * The timeout given, or empty when the server's default of 30 minutes applies.
   *
   * @return the timeout given, or {@code null} when the server's default applies
   */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /**
   * The timeout in force: the one given, or the server's default of 30 minutes.
   *
   * @return the effective timeout
   */
  public Duration effectiveTimeout() {
    return timeout != null ? timeout : DEFAULT_TIMEOUT;
  }

  /**
   * Whether no timeout was given, so the server stops the job after 30 minutes.
   *
   * @return {@code true} if no timeout was given
   */
  public boolean usesDefaultTimeout() {
    return timeout == null;
  }

  /**
   * The labels sent, including the {@code name} label (given or computed).
   *
   * @return the labels, key to value
   */
  public Map<String, String> labels() {
    return labels;
  }

  /**
   * The job's name: its {@code name} label.
   *
   * @return the job's name
   */
  public String name() {
    return labels.get("name");
  }

  /**
   * The volumes (Hub repos or buckets) mounted in the container.
   *
   * @return the volumes, possibly empty
   */
  public List<JobVolume> volumes() {
    return volumes;
  }

  /**
   * The container ports exposed at {@code https://<job id>--<port>.hf.jobs}.
   *
   * @return the ports, possibly empty
   */
  public List<Integer> exposePorts() {
    return exposePorts;
  }

  /**
   * Whether SSH access to the container is enabled.
   *
   * @return {@code true} if SSH is enabled
   */
  public boolean ssh() {
    return ssh;
  }

  /**
   * The organisation resource group to bill and run in.
   *
   * @return the resource group id, or {@code null} for none
   */
  public @Nullable String resourceGroupId() {
    return resourceGroupId;
  }

  /**
   * The namespace to run in, or empty for the token's user.
   *
   * @return the namespace, or {@code null} for the token's user
   */
  public @Nullable String namespace() {
    return namespace;
  }

  @Override
  public String toString() {
    // Secrets and environment values stay out: they may hold tokens.
    return "RunJobParams{image=" + image + ", command=" + command + ", flavor=" + flavor + ", timeout="
        + (timeout == null ? "default(30m)" : timeout) + ", labels=" + labels + ", env=" + environment.keySet()
        + ", secrets=" + secrets.keySet() + (namespace == null ? "" : ", namespace=" + namespace) + "}";
  }

  /** The request body, keys in the Python client's order. {@code forSchedule} leaves out {@code ssh}. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", command);
    m.put("arguments", arguments);
    m.put("environment", environment);
    m.put("flavor", flavor.value());
    if (!secrets.isEmpty()) m.put("secrets", secrets);
    if (timeout != null) m.put("timeoutSeconds", timeout.toSeconds());
    if (!labels.isEmpty()) m.put("labels", labels);
    if (!volumes.isEmpty()) {
      List<Object> vs = new ArrayList<>();
      for (JobVolume v : volumes) {
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("type", v.type());
        vm.put("source", v.source());
        vm.put("mountPath", v.mountPath());
        if (v.revision() != null) vm.put("revision", v.revision());
        if (v.readOnly() != null) vm.put("readOnly", v.readOnly());
        if (v.path() != null) vm.put("path", v.path());
        vs.add(vm);
      }
      m.put("volumes", vs);
    }
    if (!exposePorts.isEmpty()) m.put("expose", Map.of("ports", exposePorts));
    if (ssh) m.put("ssh", Map.of("enabled", true));
    if (resourceGroupId != null) m.put("resourceGroupId", resourceGroupId);
    if (dockerImage != null) m.put("dockerImage", dockerImage);
    else m.put("spaceId", spaceId);
    return m;
  }

  /**
   * Parses a timeout as the Python client does: a number with a unit {@code s}, {@code m}, {@code h} or
   * {@code d} (lowercase; the number may have a fraction, {@code "1.5h"}), or a whole number of seconds
   * ({@code "300"}). The result is truncated to whole seconds; zero means the server's default.
   *
   * @param text the timeout text, e.g. {@code "90m"} or {@code "3600"}
   * @return the timeout, in whole seconds
   * @throws HfValidationException for anything else ({@code "1.5"}, {@code "5M"}, {@code "-1h"}, blank)
   */
  public static Duration parseTimeout(String text) {
    Objects.requireNonNull(text, "text == null");
    String s = text.strip();
    if (s.isEmpty()) throw new HfValidationException("timeout must not be blank; use e.g. \"90m\", \"2h\" or \"3600\"");
    char unit = s.charAt(s.length() - 1);
    long factor;
    switch (unit) {
      case 's': factor = 1; break;
      case 'm': factor = 60; break;
      case 'h': factor = 3600; break;
      case 'd': factor = 86400; break;
      default: factor = 0;
    }
    if (factor > 0) {
      String number = s.substring(0, s.length() - 1);
      if (!DECIMAL.matcher(number).matches()) throw badTimeout(text);
      double seconds = Double.parseDouble(number) * factor;
      if (seconds > Integer.MAX_VALUE) throw badTimeout(text);
      return Duration.ofSeconds((long) seconds);
    }
    if (!INTEGER.matcher(s).matches() || s.length() > 9) throw badTimeout(text);
    return Duration.ofSeconds(Long.parseLong(s));
  }

  private static HfValidationException badTimeout(String text) {
    return new HfValidationException("malformed timeout '" + text
        + "': use a number with a unit s, m, h or d (\"90m\", \"1.5h\") or whole seconds (\"3600\")");
  }

  /** Replaces every character outside {@code [A-Za-z0-9_-]} by {@code -}. */
  static String sanitize(String s) {
    return UNSAFE.matcher(s).replaceAll("-");
  }

  /** The first 8 hex digits of the SHA-256 of the parts joined by NUL bytes. */
  static String shortHash(List<String> parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(String.join("\0", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** The default name of a job run from {@code image} with {@code command} (Python's rule). */
  static String defaultName(String image, List<String> command) {
    String base = null;
    for (String prefix : SPACE_PREFIXES) {
      if (image.startsWith(prefix)) {
        base = image.substring(prefix.length());
        break;
      }
    }
    if (base == null) base = image.substring(image.lastIndexOf('/') + 1);
    List<String> parts = new ArrayList<>();
    parts.add(image);
    parts.addAll(command);
    return sanitize(base) + "-" + shortHash(parts);
  }

  static void checkLabels(Map<String, String> labels) {
    for (Map.Entry<String, String> e : labels.entrySet()) {
      if (!LABEL_KEY.matcher(e.getKey()).matches()) {
        throw new HfValidationException("label key '" + e.getKey()
            + "' must be 1 to 100 characters of letters, digits, '.', '-' or '_'");
      }
      if (!LABEL_VALUE.matcher(e.getValue()).matches()) {
        throw new HfValidationException("label value '" + e.getValue() + "' of '" + e.getKey()
            + "' must be at most 100 characters of letters, digits, '.', '-' or '_'");
      }
    }
  }

  /** Builds a {@link RunJobParams}; {@link #build()} validates. */
  public static final class Builder {
    private @Nullable String dockerImage;
    private @Nullable String spaceId;
    private @Nullable String imageText;
    private List<String> command = new ArrayList<>();
    private List<String> arguments = new ArrayList<>();
    private Map<String, String> environment = new LinkedHashMap<>();
    private Map<String, String> secrets = new LinkedHashMap<>();
    private JobHardware flavor = JobHardware.DEFAULT;
    private @Nullable Duration timeout;
    private Map<String, String> labels = new LinkedHashMap<>();
    private @Nullable String name;
    private @Nullable String defaultName;
    private List<JobVolume> volumes = new ArrayList<>();
    private List<Integer> exposePorts = new ArrayList<>();
    private boolean ssh;
    private @Nullable String resourceGroupId;
    private @Nullable String namespace;

    Builder() {}

    Builder copy() {
      Builder b = new Builder();
      b.dockerImage = dockerImage;
      b.spaceId = spaceId;
      b.imageText = imageText;
      b.command = new ArrayList<>(command);
      b.arguments = new ArrayList<>(arguments);
      b.environment = new LinkedHashMap<>(environment);
      b.secrets = new LinkedHashMap<>(secrets);
      b.flavor = flavor;
      b.timeout = timeout;
      b.labels = new LinkedHashMap<>(labels);
      b.name = name;
      b.defaultName = defaultName;
      b.volumes = new ArrayList<>(volumes);
      b.exposePorts = new ArrayList<>(exposePorts);
      b.ssh = ssh;
      b.resourceGroupId = resourceGroupId;
      b.namespace = namespace;
      return b;
    }

    /**
     * The image, as the Python client takes it: {@code hf.co/spaces/ns/name} (also with {@code
     * huggingface.co}, with or without {@code https://}) runs that Space's image; anything else is a
     * Docker image ({@code python:3.12}, {@code ghcr.io/astral-sh/uv:python3.12-bookworm}).
     *
     * @param image a Docker image or a Space reference
     * @return this builder
     */
    public Builder image(String image) {
      Objects.requireNonNull(image, "image == null");
      String s = image.strip();
      for (String prefix : SPACE_PREFIXES) {
        if (s.startsWith(prefix)) {
          this.spaceId = s.substring(prefix.length());
          this.imageText = s;
          return this;
        }
      }
      this.dockerImage = s;
      this.imageText = s;
      return this;
    }

    /**
     * A Docker image (Docker Hub or any registry). Exclusive with {@link #space}.
     *
     * @param dockerImage the image, e.g. {@code python:3.12}
     * @return this builder
     */
    public Builder dockerImage(String dockerImage) {
      this.dockerImage = Objects.requireNonNull(dockerImage, "dockerImage == null").strip();
      this.imageText = this.dockerImage;
      return this;
    }

    /**
     * Runs the Docker image built for this Space ({@code ns/name}). Exclusive with {@link #dockerImage}.
     *
     * @param spaceId the Space id, {@code ns/name}
     * @return this builder
     */
    public Builder space(String spaceId) {
      this.spaceId = Objects.requireNonNull(spaceId, "spaceId == null").strip();
      this.imageText = "hf.co/spaces/" + this.spaceId;
      return this;
    }

    /**
     * The command and its arguments, e.g. {@code command("python", "-c", "print('hi')")}.
     *
     * @param command the program and its arguments; at least one element
     * @return this builder
     */
    public Builder command(String... command) {
      return command(Arrays.asList(Objects.requireNonNull(command, "command == null")));
    }

    /**
     * The command and its arguments, as a list; see {@link #command(String...)}.
     *
     * @param command the program and its arguments; at least one element
     * @return this builder
     */
    public Builder command(List<String> command) {
      Objects.requireNonNull(command, "command == null");
      List<String> c = new ArrayList<>(command.size());
      for (String s : command) c.add(Objects.requireNonNull(s, "command element == null"));
      this.command = c;
      return this;
    }

    /**
     * Arguments the server appends to the command (the {@code arguments} field).
     *
     * @param arguments the arguments
     * @return this builder
     */
    public Builder arguments(String... arguments) {
      return arguments(Arrays.asList(Objects.requireNonNull(arguments, "arguments == null")));
    }

    /**
     * Arguments the server appends to the command, as a list; see {@link #arguments(String...)}.
     *
     * @param arguments the arguments
     * @return this builder
     */
    public Builder arguments(List<String> arguments) {
      List<String> a = new ArrayList<>(arguments.size());
      for (String s : arguments) a.add(Objects.requireNonNull(s, "argument == null"));
      this.arguments = a;
      return this;
    }

    /**
     * Adds an environment variable (sent and returned in clear; use {@link #secret} for tokens).
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      environment.put(checkEnvName(name), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Adds environment variables.
     *
     * @param env the variables, name to value
     * @return this builder
     */
    public Builder env(Map<String, String> env) {
      Objects.requireNonNull(env, "env == null").forEach(this::env);
      return this;
    }

    /**
     * Adds a secret environment variable: encrypted server-side, never returned.
     *
     * @param name the variable's name
     * @param value its secret value
     * @return this builder
     */
    public Builder secret(String name, String value) {
      secrets.put(checkEnvName(name), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Adds secret environment variables.
     *
     * @param secrets the secrets, name to value
     * @return this builder
     */
    public Builder secrets(Map<String, String> secrets) {
      Objects.requireNonNull(secrets, "secrets == null").forEach(this::secret);
      return this;
    }

    /**
     * The hardware; default {@code cpu-basic}.
     *
     * @param flavor the flavor, e.g. {@link JobHardware#A10G_SMALL}
     * @return this builder
     */
    public Builder flavor(JobHardware flavor) {
      this.flavor = Objects.requireNonNull(flavor, "flavor == null");
      return this;
    }

    /**
     * The hardware by name. An unknown name is checked against the server's list when the job is run.
     *
     * @param flavor the flavor's name, e.g. {@code "a10g-small"}
     * @return this builder
     */
    public Builder flavor(String flavor) {
      Objects.requireNonNull(flavor, "flavor == null");
      if (flavor.isBlank()) throw new HfValidationException("flavor must not be blank");
      this.flavor = JobHardware.of(flavor.strip());
      return this;
    }

    /**
     * The timeout, truncated to whole seconds. Zero means the server's default of 30 minutes.
     *
     * @param timeout the timeout; zero for the server's default
     * @return this builder
     * @throws HfValidationException if negative or positive but under a second
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative()) throw new HfValidationException("timeout must not be negative but was " + timeout);
      if (!timeout.isZero() && timeout.toSeconds() == 0) {
        throw new HfValidationException("timeout must be at least 1 second but was " + timeout);
      }
      this.timeout = timeout.isZero() ? null : Duration.ofSeconds(timeout.toSeconds());
      return this;
    }

    /**
     * The timeout as the Python client takes it: {@code "90m"}, {@code "2h"}, {@code "1.5h"}, {@code "3600"}.
     *
     * @param timeout the timeout text
     * @return this builder
     * @throws HfValidationException if malformed (see {@link RunJobParams#parseTimeout})
     */
    public Builder timeout(String timeout) {
      return timeout(parseTimeout(timeout));
    }

    /**
     * Uses the server's default timeout (30 minutes).
     *
     * @return this builder
     */
    public Builder defaultTimeout() {
      this.timeout = null;
      return this;
    }

    /**
     * Adds a label (keys and values: letters, digits, '.', '-', '_', at most 100 characters).
     *
     * @param key the label's key
     * @param value the label's value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Adds labels; see {@link #label(String, String)}.
     *
     * @param labels the labels, key to value
     * @return this builder
     */
    public Builder labels(Map<String, String> labels) {
      Objects.requireNonNull(labels, "labels == null").forEach(this::label);
      return this;
    }

    /**
     * The job's name, sent as the {@code name} label. Exclusive with a {@code name} label.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /** The name used when neither a name nor a name label is given (uv jobs name themselves after the script). */
    Builder defaultNameOverride(@Nullable String defaultName) {
      this.defaultName = defaultName;
      return this;
    }

    /**
     * Mounts a volume (a Hub repo or a bucket) in the container.
     *
     * @param volume the volume
     * @return this builder
     */
    public Builder volume(JobVolume volume) {
      volumes.add(Objects.requireNonNull(volume, "volume == null"));
      return this;
    }

    /**
     * Mounts volumes; see {@link #volume(JobVolume)}.
     *
     * @param volumes the volumes
     * @return this builder
     */
    public Builder volumes(List<JobVolume> volumes) {
      Objects.requireNonNull(volumes, "volumes == null").forEach(this::volume);
      return this;
    }

    /**
     * Exposes container ports at {@code https://<job id>--<port>.hf.jobs} (billed extra).
     *
     * @param ports the container ports
     * @return this builder
     */
    public Builder exposePorts(int... ports) {
      for (int p : ports) {
        if (p < 1 || p > 65535) throw new HfValidationException("port must be within 1..65535 but was " + p);
        if (!exposePorts.contains(p)) exposePorts.add(p);
      }
      return this;
    }

    /**
     * Enables SSH access ({@code ssh <job id>@ssh.hf.jobs}); not available for scheduled jobs.
     *
     * @param ssh {@code true} to enable SSH
     * @return this builder
     */
    public Builder ssh(boolean ssh) {
      this.ssh = ssh;
      return this;
    }

    /**
     * An organisation resource group to bill and run in.
     *
     * @param resourceGroupId the resource group's id
     * @return this builder
     */
    public Builder resourceGroupId(String resourceGroupId) {
      this.resourceGroupId = Objects.requireNonNull(resourceGroupId, "resourceGroupId == null");
      return this;
    }

    /**
     * The user or organisation to run under; default: the token's user.
     *
     * @param namespace the user or organisation name
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = Ids.namespace(namespace);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the validated spec
     * @throws HfValidationException for an empty command, both or neither of image and Space, a bad
     *     Space id, a name given both ways, or a malformed label
     */
    public RunJobParams build() {
      if (dockerImage != null && spaceId != null) {
        throw new HfValidationException("set either a Docker image or a Space, not both (docker image '" + dockerImage
            + "', Space '" + spaceId + "')");
      }
      if (dockerImage == null && spaceId == null) {
        throw new HfValidationException("a job needs an image: call image(\"python:3.12\") or space(\"namespace/name\")");
      }
      if (dockerImage != null && (dockerImage.isEmpty() || dockerImage.chars().anyMatch(Character::isWhitespace))) {
        throw new HfValidationException("Docker image must be non-empty without spaces but was '" + dockerImage + "'");
      }
      if (spaceId != null) {
        try {
          RepoId id = RepoId.of(spaceId);
          if (id.namespace() == null) throw new HfValidationException("no namespace");
        } catch (HfValidationException e) {
          throw new HfValidationException("Space id must be 'namespace/name' but was '" + spaceId + "'", e);
        }
      }
      if (command.isEmpty()) {
        throw new HfValidationException("command must not be empty: give the program and its arguments, e.g. command(\"python\", \"train.py\")");
      }
      if (command.get(0).isBlank()) throw new HfValidationException("command must start with a program, not a blank string");
      Map<String, String> all = new LinkedHashMap<>(labels);
      if (name != null) {
        if (all.containsKey("name")) {
          throw new HfValidationException("give the job name once: either name(\"" + name + "\") or a 'name' label, not both");
        }
        if (!NAME.matcher(name).matches()) {
          throw new HfValidationException("job name '" + name + "' must be 1 to 100 characters of letters, digits, '.', '-' or '_'");
        }
        all.put("name", name);
      } else if (!all.containsKey("name")) {
        all.put("name", defaultName != null ? defaultName : RunJobParams.defaultName(imageText, command));
      }
      checkLabels(all);
      for (JobVolume v : volumes) {
        for (JobVolume w : volumes) {
          if (v != w && v.mountPath().equals(w.mountPath())) {
            throw new HfValidationException("two volumes are mounted at " + v.mountPath());
          }
        }
      }
      return new RunJobParams(this, imageText, all);
    }

    private static String checkEnvName(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank() || name.contains("=")) {
        throw new HfValidationException("environment variable name must be non-blank without '=' but was '" + name + "'");
      }
      return name;
    }
  }
}
