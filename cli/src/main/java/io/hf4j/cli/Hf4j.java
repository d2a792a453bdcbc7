package io.hf4j.cli;

import io.hf4j.core.HfConfig;
import org.jspecify.annotations.Nullable;
import io.hf4j.hub.HubClient;
import io.hf4j.jobs.JobsClient;
import io.hf4j.spaces.SpacesClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@code hf4j}: the Hub, Jobs and Spaces from the command line, with the {@code hf} command names.
 * Global options may come before or after the subcommand.
 */
public final class Hf4j {
  /**
   * The subcommands' names, in the order help lists them ({@link #subcommand} makes each). A command line builds
   * only the one it names: building every command's model would cost each start, while a command line needs one.
   */
  static final List<String> SUBCOMMANDS = List.of("auth", "repos", "upload", "download", "jobs", "spaces", "emulator",
      "help");

  /** Root options that take a separate value ({@code --token T}): skipped when looking for the subcommand. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--endpoint", "--token", "--format");

  @Nullable String endpoint;

  @Nullable String token;

  Output.Format format = Output.Format.table;

  boolean quiet;

  boolean debug;

  private final Map<String, String> env;
  private final boolean terminal;
  private @Nullable HfConfig config;

  /**
   * @param env the environment (HF_TOKEN, HF_ENDPOINT, HF_HOME...)
   * @param terminal whether stderr is a terminal (progress bars are drawn only then)
   */
  Hf4j(Map<String, String> env, boolean terminal) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
    this.terminal = terminal;
  }

  /** A command line with hf4j's error handling, writing to {@code out} and {@code err}, with every subcommand. */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal) {
    return commandLine(env, out, err, terminal, SUBCOMMANDS);
  }

  /**
   * A command line for these arguments: with only the subcommand they name (what start-up builds is what the
   * command uses), or with all when they name none (help, usage errors, suggestions).
   */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal,
      String... args) {
    String named = subcommandNamed(args);
    return commandLine(env, out, err, terminal, named == null ? SUBCOMMANDS : List.of(named));
  }

  /** The subcommand the first positional argument names, or null (none, {@code help}, or unknown). */
  static @Nullable String subcommandNamed(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) return null;
      if (a.startsWith("-")) {
        if (VALUE_OPTIONS.contains(a)) i++;
        continue;
      }
      return !a.equals("help") && SUBCOMMANDS.contains(a) ? a : null;
    }
    return null;
  }

  /** A new instance of the subcommand named {@code name} (one of {@link #SUBCOMMANDS}). */
  private static Object subcommand(String name) {
    return switch (name) {
      case "auth" -> new AuthCommand();
      case "repos" -> new ReposCommand();
      case "upload" -> new UploadCommand();
      case "download" -> new DownloadCommand();
      case "jobs" -> new JobsCommand();
      case "spaces" -> new SpacesCommand();
      case "emulator" -> new EmulatorCommand();
      case "help" -> new CommandLine.HelpCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /** The root command's model, bound to this object's fields; its options are inherited by every subcommand. */
  private CommandSpec model() {
    CommandSpec spec = Model.command(this, "hf4j", "The Hugging Face Hub, Jobs and Spaces from the command line.");
    spec.usageMessage().footer(
        "",
        "Token: --token, else HF_TOKEN, else the token file ($HF_HOME/token). Endpoint: --endpoint, else HF_ENDPOINT.",
        "Errors print one line on stderr and exit non-zero; --debug adds stack traces and redacted curl lines.");
    spec.versionProvider(new VersionProvider());
    spec.addOption(Model.value(String.class, () -> endpoint, v -> endpoint = v, "URL",
        "Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).", "--endpoint")
        .scopeType(ScopeType.INHERIT).build());
    spec.addOption(Model.value(String.class, () -> token, v -> token = v, "TOKEN",
        "Access token (default: HF_TOKEN, else the token file).", "--token").scopeType(ScopeType.INHERIT).build());
    spec.addOption(Model.value(Output.Format.class, () -> format, v -> format = v, "FORMAT",
        "Output of commands that print data: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", "--format")
        .scopeType(ScopeType.INHERIT).build());
    spec.addOption(Model.flag(() -> quiet, v -> quiet = v,
        "Print only the result: no progress bars, no log lines, no notes.", "-q", "--quiet").toBuilder()
        .scopeType(ScopeType.INHERIT).build());
    spec.addOption(Model.flag(() -> debug, v -> debug = v,
        "Print stack traces of errors and every HTTP request as a redacted curl line.", "--debug").toBuilder()
        .scopeType(ScopeType.INHERIT).build());
    Model.addHelpOptions(spec);
    return spec;
  }

  private static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal,
      List<String> subcommands) {
    Hf4j root = new Hf4j(env, terminal);
    CommandLine cl = new CommandLine(root.model());
    for (String name : subcommands) {
      Object sub = subcommand(name);
      if (sub instanceof CliCommand c) cl.addSubcommand(name, new CommandLine(c.model()));
      else cl.addSubcommand(name, sub);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Errors::execution);
    cl.setExecutionStrategy(Errors.strategy(new CommandLine.RunLast()));
    cl.setParameterExceptionHandler(Errors::parameters);
    addHelpOptions(cl);
    // `hf4j jobs run IMAGE python -c ...`: everything after the image is the command, options included.
    CommandLine jobs = cl.getSubcommands().get("jobs");
    if (jobs != null) jobs.getSubcommands().get("run").setStopAtPositional(true);
    return cl;
  }

  /** {@code -h/--help} and {@code -V/--version} on every subcommand, as on the root. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) Model.addHelpOptions(sub.getCommandSpec());
      addHelpOptions(sub);
    }
  }

  Map<String, String> env() {
    return env;
  }

  /** Whether progress bars and notes may be drawn: a terminal, not --quiet, not JSON. */
  boolean interactive() {
    return terminal && !quiet && format != Output.Format.json;
  }

  /** The configuration: options, then the environment, then the token file. */
  synchronized HfConfig config() {
    if (config == null) {
      HfConfig.Builder b = HfConfig.builder().fromEnv(env);
      if (endpoint != null) b.endpoint(endpoint);
      if (token != null) b.token(token);
      if (debug) b.debugRequests(true);
      config = b.build();
    }
    return config;
  }

  HubClient hub() {
    return HubClient.create(config());
  }

  JobsClient jobs() {
    return JobsClient.create(config());
  }

  SpacesClient spaces() {
    return SpacesClient.create(config());
  }

  /** The version of {@code --version}: hf4j's, compiled in (core's {@code Hf4jVersion}), and the running Java's. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String java = System.getProperty("java.version");
      return new String[] {"hf4j " + io.hf4j.core.internal.Hf4jVersion.VALUE + " (java " + java + ")"};
    }
  }
}
