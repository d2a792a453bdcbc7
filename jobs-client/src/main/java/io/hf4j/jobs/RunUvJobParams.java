package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Python script run with {@code uv}: the script (a URL, or a path inside the image or a mounted
 * volume), its arguments, extra dependencies and a Python version, plus the usual job options. It
 * becomes the command {@code uv run [--with dep]... [--python ver] <script> [args]...} on the image
 * {@value #DEFAULT_IMAGE}. Python: {@code HfApi.run_uv_job}.
 *
 * <pre>{@code
 * JobInfo job = jobs.runUvJob(RunUvJobParams.builder("https://huggingface.co/datasets/acme/scripts/resolve/main/sft.py")
 *     .dependencies("trl", "peft")
 *     .python("3.12")
 *     .scriptArgs("--model_name_or_path", "Qwen/Qwen2-0.5B")
 *     .flavor(JobHardware.A10G_LARGE)
 *     .timeout("3h")
 *     .secret("HF_TOKEN", token)
 *     .build());
 * }</pre>
 *
 * <p>Unlike the Python client, hf4j does not upload local script files: a script or argument naming an
 * existing local file fails with {@link HfValidationException}, and so does a relative name ending in
 * {@code .py .sh .yaml .yml .toml} that is not a URL (as in Python). Absolute paths are taken as paths
 * inside the image or a mounted volume.
 */
public final class RunUvJobParams {
  /** The image used when none is given. */
  public static final String DEFAULT_IMAGE = "ghcr.io/astral-sh/uv:python3.12-bookworm";

  private static final List<String> SCRIPT_SUFFIXES = List.of(".py", ".sh", ".yaml", ".yml", ".toml");
  private static final Pattern URL = Pattern.compile("(?i)^https?://.*");

  private final String script;
  private final List<String> scriptArgs;
  private final List<String> dependencies;
  private final @Nullable String python;
  private final RunJobParams jobSpec;

  private RunUvJobParams(Builder b, RunJobParams jobSpec) {
    this.script = b.script;
    this.scriptArgs = List.copyOf(b.scriptArgs);
    this.dependencies = List.copyOf(b.dependencies);
    this.python = b.python;
    this.jobSpec = jobSpec;
  }

  /**
   * Starts a spec for {@code script}: a URL, or a path inside the image or a mounted volume, or a command such as {@code python}.
   *
   * @param script the script to run
   * @return a new builder
   */
  public static Builder builder(String script) {
    return new Builder(script);
  }

  /**
   * The script to run: a URL, a path inside the image or a mounted volume, or a command.
   *
   * @return the script
   */
  public String script() {
    return script;
  }

  /**
   * The arguments passed to the script after its name.
   *
   * @return the arguments, possibly empty
   */
  public List<String> scriptArgs() {
    return scriptArgs;
  }

  /**
   * The extra packages, each passed to {@code uv run} as {@code --with <dep>}.
   *
   * @return the dependencies, possibly empty
   */
  public List<String> dependencies() {
    return dependencies;
  }

  /**
   * The Python version uv uses ({@code --python}).
   *
   * @return the version, or {@code null} for uv's choice
   */
  public @Nullable String python() {
    return python;
  }

  /**
   * The job this becomes: the {@code uv run} command and every other option.
   *
   * @return the job's spec
   */
  public RunJobParams toRunJobParams() {
    return jobSpec;
  }

  @Override
  public String toString() {
    return "RunUvJobParams{script=" + script + ", args=" + scriptArgs + ", dependencies=" + dependencies + ", python=" + python
        + ", job=" + jobSpec + "}";
  }

  /** The {@code uv run} command of a script. */
  static List<String> uvCommand(String script, List<String> args, List<String> dependencies, @Nullable String python) {
    List<String> c = new ArrayList<>();
    c.add("uv");
    c.add("run");
    for (String d : dependencies) {
      c.add("--with");
      c.add(d);
    }
    if (python != null) {
      c.add("--python");
      c.add(python);
    }
    c.add(script);
    c.addAll(args);
    return c;
  }

  /** The Python client's default name of a uv job: the script's file name without {@code .py}, plus a hash. */
  static String defaultName(String script, List<String> args) {
    String s = script;
    int q = s.indexOf('?');
    if (q >= 0) s = s.substring(0, q);
    int f = s.indexOf('#');
    if (f >= 0) s = s.substring(0, f);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    s = s.substring(s.lastIndexOf('/') + 1);
    if (s.endsWith(".py")) s = s.substring(0, s.length() - 3);
    List<String> parts = new ArrayList<>();
    parts.add(script);
    parts.addAll(args);
    return RunJobParams.sanitize(s) + "-" + RunJobParams.shortHash(parts);
  }

  /** Builds a {@link RunUvJobParams}; the job options are those of {@link RunJobParams.Builder}. */
  public static final class Builder {
    private final String script;
    private List<String> scriptArgs = new ArrayList<>();
    private List<String> dependencies = new ArrayList<>();
    private @Nullable String python;
    private @Nullable String image;
    private boolean named;
    private final RunJobParams.Builder job = RunJobParams.builder();

    Builder(String script) {
      this.script = Objects.requireNonNull(script, "script == null").strip();
      if (this.script.isEmpty()) throw new HfValidationException("script must not be blank");
    }

    /**
     * The arguments passed to the script.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder scriptArgs(String... args) {
      return scriptArgs(Arrays.asList(Objects.requireNonNull(args, "args == null")));
    }

    /**
     * The arguments passed to the script, as a list.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder scriptArgs(List<String> args) {
      List<String> a = new ArrayList<>();
      for (String s : args) a.add(Objects.requireNonNull(s, "script argument == null"));
      this.scriptArgs = a;
      return this;
    }

    /**
     * Extra packages, each passed as {@code --with <dep>} (e.g. {@code "trl"}, {@code "torch>=2.6"}).
     *
     * @param dependencies the package requirements
     * @return this builder
     */
    public Builder dependencies(String... dependencies) {
      return dependencies(Arrays.asList(Objects.requireNonNull(dependencies, "dependencies == null")));
    }

    /**
     * Extra packages as a list; see {@link #dependencies(String...)}.
     *
     * @param dependencies the package requirements
     * @return this builder
     */
    public Builder dependencies(List<String> dependencies) {
      List<String> d = new ArrayList<>();
      for (String s : dependencies) {
        Objects.requireNonNull(s, "dependency == null");
        if (s.isBlank()) throw new HfValidationException("a dependency must not be blank");
        d.add(s.strip());
      }
      this.dependencies = d;
      return this;
    }

    /**
     * The Python version uv should use ({@code --python}), e.g. {@code "3.12"}.
     *
     * @param python the version
     * @return this builder
     */
    public Builder python(String python) {
      Objects.requireNonNull(python, "python == null");
      if (python.isBlank()) throw new HfValidationException("python version must not be blank");
      this.python = python.strip();
      return this;
    }

    /**
     * The image; default {@value RunUvJobParams#DEFAULT_IMAGE}. Any image with {@code uv} works.
     *
     * @param image the image
     * @return this builder
     */
    public Builder image(String image) {
      this.image = Objects.requireNonNull(image, "image == null");
      return this;
    }

    /**
     * Adds an environment variable; see {@link RunJobParams.Builder#env(String, String)}.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     */
    public Builder env(String name, String value) {
      job.env(name, value);
      return this;
    }

    /**
     * Adds environment variables; see {@link RunJobParams.Builder#env(Map)}.
     *
     * @param env the variables, name to value
     * @return this builder
     */
    public Builder env(Map<String, String> env) {
      job.env(env);
      return this;
    }

    /**
     * Adds a secret environment variable; see {@link RunJobParams.Builder#secret(String, String)}.
     *
     * @param name the variable's name
     * @param value its secret value
     * @return this builder
     */
    public Builder secret(String name, String value) {
      job.secret(name, value);
      return this;
    }

    /**
     * Adds secret environment variables; see {@link RunJobParams.Builder#secrets(Map)}.
     *
     * @param secrets the secrets, name to value
     * @return this builder
     */
    public Builder secrets(Map<String, String> secrets) {
      job.secrets(secrets);
      return this;
    }

    /**
     * The hardware; see {@link RunJobParams.Builder#flavor(JobHardware)}.
     *
     * @param flavor the flavor
     * @return this builder
     */
    public Builder flavor(JobHardware flavor) {
      job.flavor(flavor);
      return this;
    }

    /**
     * The hardware by name; see {@link RunJobParams.Builder#flavor(String)}.
     *
     * @param flavor the flavor's name
     * @return this builder
     */
    public Builder flavor(String flavor) {
      job.flavor(flavor);
      return this;
    }

    /**
     * The timeout; see {@link RunJobParams.Builder#timeout(Duration)}.
     *
     * @param timeout the timeout; zero for the server's default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      job.timeout(timeout);
      return this;
    }

    /**
     * The timeout as text; see {@link RunJobParams.Builder#timeout(String)}.
     *
     * @param timeout the timeout text, e.g. {@code "2h"}
     * @return this builder
     */
    public Builder timeout(String timeout) {
      job.timeout(timeout);
      return this;
    }

    /**
     * Adds a label; see {@link RunJobParams.Builder#label(String, String)}.
     *
     * @param key the label's key
     * @param value the label's value
     * @return this builder
     */
    public Builder label(String key, String value) {
      if (key.equals("name")) named = true;
      job.label(key, value);
      return this;
    }

    /**
     * Adds labels; see {@link RunJobParams.Builder#labels(Map)}.
     *
     * @param labels the labels, key to value
     * @return this builder
     */
    public Builder labels(Map<String, String> labels) {
      labels.forEach(this::label);
      return this;
    }

    /**
     * The job's name; see {@link RunJobParams.Builder#name(String)}. Default: the script's file name plus a hash.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      named = true;
      job.name(name);
      return this;
    }

    /**
     * Mounts a volume; see {@link RunJobParams.Builder#volume(JobVolume)}.
     *
     * @param volume the volume
     * @return this builder
     */
    public Builder volume(JobVolume volume) {
      job.volume(volume);
      return this;
    }

    /**
     * Mounts volumes; see {@link RunJobParams.Builder#volumes(List)}.
     *
     * @param volumes the volumes
     * @return this builder
     */
    public Builder volumes(List<JobVolume> volumes) {
      job.volumes(volumes);
      return this;
    }

    /**
     * Exposes container ports; see {@link RunJobParams.Builder#exposePorts(int...)}.
     *
     * @param ports the container ports
     * @return this builder
     */
    public Builder exposePorts(int... ports) {
      job.exposePorts(ports);
      return this;
    }

    /**
     * Enables SSH access; see {@link RunJobParams.Builder#ssh(boolean)}.
     *
     * @param ssh {@code true} to enable SSH
     * @return this builder
     */
    public Builder ssh(boolean ssh) {
      job.ssh(ssh);
      return this;
    }

    /**
     * The resource group; see {@link RunJobParams.Builder#resourceGroupId(String)}.
     *
     * @param resourceGroupId the resource group's id
     * @return this builder
     */
    public Builder resourceGroupId(String resourceGroupId) {
      job.resourceGroupId(resourceGroupId);
      return this;
    }

    /**
     * The namespace to run under; see {@link RunJobParams.Builder#namespace(String)}.
     *
     * @param namespace the user or organisation name
     * @return this builder
     */
    public Builder namespace(String namespace) {
      job.namespace(namespace);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the validated spec
     * @throws HfValidationException for a local file the job could not see, or any {@link RunJobParams.Builder#build()} error
     */
    public RunUvJobParams build() {
      RunJobParams.Builder b = job.copy();
      b.image(image != null ? image : DEFAULT_IMAGE);
      b.command(uvCommand(script, scriptArgs, dependencies, python));
      if (!named) b.defaultNameOverride(defaultName(script, scriptArgs));
      RunJobParams spec = b.build();
      List<String> files = new ArrayList<>();
      files.add(script);
      files.addAll(scriptArgs);
      for (String f : files) checkNotLocal(f, spec.volumes());
      return new RunUvJobParams(this, spec);
    }

    private static void checkNotLocal(String arg, List<JobVolume> volumes) {
      if (URL.matcher(arg).matches()) return;
      for (JobVolume v : volumes) {
        String mount = v.mountPath().endsWith("/") ? v.mountPath() : v.mountPath() + "/";
        if (arg.startsWith(mount)) return;
      }
      boolean local;
      try {
        local = !arg.startsWith("-") && Files.isRegularFile(Path.of(arg));
      } catch (InvalidPathException e) {
        local = false;
      }
      if (local) {
        throw new HfValidationException("'" + arg + "' is a local file, which the job cannot see and hf4j does not upload:"
            + " host it at a URL (for example a Hub repo file's /resolve/main/ URL) or mount it with a volume");
      }
      if (arg.startsWith("/")) return; // an absolute path inside the image
      String lower = arg.toLowerCase(Locale.ROOT);
      for (String suffix : SCRIPT_SUFFIXES) {
        if (lower.endsWith(suffix) && !arg.startsWith("-")) {
          throw new HfValidationException("'" + arg + "' looks like a script file but is neither a URL nor under a mounted"
              + " volume, and no such local file exists: pass an http(s) URL or mount it with a volume");
        }
      }
    }
  }
}
