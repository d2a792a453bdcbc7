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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code hf4j}: the Hub, Jobs and Spaces from the command line, with the {@code hf} command names.
 * Global options may come before or after the subcommand.
 */
@Command(
    name = "hf4j",
    mixinStandardHelpOptions = true,
    versionProvider = Hf4j.VersionProvider.class,
    description = "The Hugging Face Hub, Jobs and Spaces from the command line.",
    footer = {
      "",
      "Token: --token, else HF_TOKEN, else the token file ($HF_HOME/token). Endpoint: --endpoint, else HF_ENDPOINT.",
      "Errors print one line on stderr and exit non-zero; --debug adds stack traces and redacted curl lines."
    })
public final class Hf4j {
  /**
   * The subcommands, in the order help lists them. Not in the annotation: picocli would build the whole tree
   * (reflection over every command class) on each start, while a command line needs one branch.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      AuthCommand.class,
      ReposCommand.class,
      UploadCommand.class,
      DownloadCommand.class,
      JobsCommand.class,
      SpacesCommand.class,
      EmulatorCommand.class,
      CommandLine.HelpCommand.class);

  /** Root options that take a separate value ({@code --token T}): skipped when looking for the subcommand. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--endpoint", "--token", "--format");

  @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).")
  @Nullable String endpoint;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
      description = "Access token (default: HF_TOKEN, else the token file).")
  @Nullable String token;

  @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Output of commands that print data: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Output.Format format = Output.Format.table;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Print only the result: no progress bars, no log lines, no notes.")
  boolean quiet;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Print stack traces of errors and every HTTP request as a redacted curl line.")
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
    Class<?> named = subcommandNamed(args);
    return commandLine(env, out, err, terminal, named == null ? SUBCOMMANDS : List.of(named));
  }

  /** The subcommand class the first positional argument names, or null (none, {@code help}, or unknown). */
  static @Nullable Class<?> subcommandNamed(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) return null;
      if (a.startsWith("-")) {
        if (VALUE_OPTIONS.contains(a)) i++;
        continue;
      }
      for (Class<?> c : SUBCOMMANDS) {
        Command cmd = c.getAnnotation(Command.class);
        if (c != CommandLine.HelpCommand.class && cmd != null && cmd.name().equals(a)) return c;
      }
      return null;
    }
    return null;
  }

  private static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, boolean terminal,
      List<Class<?>> subcommands) {
    Hf4j root = new Hf4j(env, terminal);
    CommandLine cl = new CommandLine(root);
    for (Class<?> c : subcommands) cl.addSubcommand(c);
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

  /** {@code -h/--help} on every subcommand, as on the root. */
  private static void addHelpOptions(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (!(sub.getCommand() instanceof CommandLine.HelpCommand)) sub.getCommandSpec().mixinStandardHelpOptions(true);
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

  /** The version of {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = "unknown";
      try (java.io.InputStream in = HfConfig.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          java.util.Properties p = new java.util.Properties();
          p.load(in);
          version = p.getProperty("version", version);
        }
      } catch (java.io.IOException e) {
        // keep "unknown"
      }
      return new String[] {"hf4j " + version + " (java " + System.getProperty("java.version") + ")"};
    }
  }
}
