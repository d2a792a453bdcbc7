package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.WaitParams;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceHardware;
import io.hf4j.spaces.EnvFile;
import io.hf4j.spaces.PreflightIssue;
import io.hf4j.spaces.PreflightReport;
import io.hf4j.spaces.SpaceFailedException;
import io.hf4j.spaces.SpaceHardwareInfo;
import io.hf4j.spaces.SpaceLogKind;
import io.hf4j.spaces.SpaceLogLine;
import io.hf4j.spaces.SpaceLogsParams;
import io.hf4j.spaces.SpacePreflight;
import io.hf4j.spaces.SpaceRuntime;
import io.hf4j.spaces.SpaceSecret;
import io.hf4j.spaces.SpaceVariable;
import io.hf4j.spaces.SpacesClient;
import io.hf4j.spaces.SpaceLogEvent;
import io.hf4j.spaces.SpaceWaitOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j spaces ...}: a Space's runtime, hardware, settings, secrets and variables, and a deployment preflight. */
final class SpacesCommand extends GroupCommand {
  @Override
  CommandSpec define() {
    return group(this, "spaces", "Manage Spaces.", new Runtime(), new Pause(), new Restart(), new Wait(), new Hardware(),
        new Settings(), new Secrets(), new Variables(), new Preflight(), new Logs());
  }

  static Map<String, Object> runtime(RepoId id, SpaceRuntime r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("space", id);
    m.put("stage", r.stage());
    m.put("hardware", r.hardware());
    m.put("requested_hardware", r.requestedHardware());
    m.put("sleep_time", r.sleepTime());
    m.put("error_message", r.errorMessage());
    m.put("domains", r.domains().stream().map(SpaceRuntime.Domain::domain).toList());
    m.put("sha", r.sha());
    return m;
  }

  /** A log line as it may go to a terminal: control characters (escape sequences) shown as '?'. */
  static String printable(String text) {
    return text.replaceAll("[\\p{Cntrl}&&[^\t]]", "?");
  }

  /** A subcommand about one Space. */
  abstract static class SpaceCommand extends BaseCommand {
    String id;

    /** The command's model with the Space's id. */
    CommandSpec base(String name, String... description) {
      CommandSpec spec = Model.command(this, name, description);
      spec.addPositional(Model.positional("0", String.class, () -> id, v -> id = v, "ID", "The Space, owner/name.")
          .build());
      return spec;
    }

    RepoId spaceId() {
      return RepoId.space(id);
    }

    SpacesClient spaces() {
      return root().spaces();
    }
  }

  static final class Runtime extends SpaceCommand {
    @Override
    CommandSpec define() {
      return base("runtime", "Show a Space's stage, hardware and sleep time.");
    }

    @Override
    public Integer call() {
      print(runtime(spaceId(), spaces().getSpaceRuntime(spaceId())));
      return 0;
    }
  }

  static final class Pause extends SpaceCommand {
    @Override
    CommandSpec define() {
      return base("pause", "Pause a Space (it stays paused until restarted; no billing meanwhile).");
    }

    @Override
    public Integer call() {
      print(runtime(spaceId(), spaces().pauseSpace(spaceId())));
      return 0;
    }
  }

  static final class Restart extends SpaceCommand {
    boolean factoryReboot;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("restart", "Restart a Space (rebuild it from scratch with --factory-reboot).");
      spec.addOption(Model.flag(() -> factoryReboot, v -> factoryReboot = v, "Rebuild without the build cache.",
          "--factory-reboot"));
      return spec;
    }

    @Override
    public Integer call() {
      print(runtime(spaceId(), spaces().restartSpace(spaceId(), factoryReboot)));
      return 0;
    }
  }

  static final class Wait extends SpaceCommand {
    String timeout;
    boolean noLogs;
    int appPort;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("wait", "Wait until a Space runs, printing its build and run logs (stderr);"
          + " fail at once, with the last log lines and a diagnosis, if its build or start fails.");
      spec.addOption(Model.value(String.class, () -> timeout, v -> timeout = v, "T",
          "How long to wait: 90s, 10m, 1h (default ${DEFAULT-VALUE}).", "--timeout").defaultValue("30m").build());
      spec.addOption(Model.flag(() -> noLogs, v -> noLogs = v, "Do not print the logs while waiting.", "--no-logs"));
      spec.addOption(Model.value(int.class, () -> appPort, v -> appPort = v, "PORT",
          "The Space's app_port, for the diagnosis (default ${DEFAULT-VALUE}).", "--app-port").defaultValue("7860")
          .build());
      return spec;
    }

    @Override
    public Integer call() {
      Duration t = BaseCommand.positiveTimeout(timeout);
      note("Waiting up to " + t.toMinutes() + " min for " + spaceId() + " to run...");
      java.util.concurrent.atomic.AtomicLong printed = new java.util.concurrent.atomic.AtomicLong();
      SpaceWaitOptions.Builder options = SpaceWaitOptions.builder().appPort(appPort);
      if (!noLogs) {
        options.logListener(event -> {
          if (!(event instanceof SpaceLogEvent.Line l)) return;
          printed.incrementAndGet();
          synchronized (this) {
            err().println(l.kind().path() + " | " + printable(l.line().text()));
            err().flush();
          }
        });
      }
      SpaceRuntime r;
      try {
        r = spaces().waitForSpace(spaceId(), WaitParams.timeout(t), options.build());
      } catch (SpaceFailedException e) {
        synchronized (this) {
          if (printed.get() == 0 && !e.logLines().isEmpty()) {
            err().println("Last " + e.logLines().size() + " lines of the " + (e.logKind() == null ? "" : e.logKind().path()) + " log:");
            for (SpaceLogLine l : e.logLines()) err().println("  " + printable(l.text()));
          }
          if (e.diagnosis() != null) err().println("diagnosis: " + e.diagnosis().summary());
          err().flush();
        }
        StringBuilder m = new StringBuilder("Space ").append(spaceId()).append(" failed: stage ").append(e.stage());
        if (e.serverMessage() != null) m.append(": ").append(e.serverMessage().strip());
        if (e.diagnosis() != null) m.append(". ").append(e.diagnosis().summary());
        throw new Errors.CliException(m.toString());
      }
      print(runtime(spaceId(), r));
      return 0;
    }
  }

  static final class Logs extends SpaceCommand {
    boolean build;
    boolean follow;
    @Nullable Integer tail;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("logs", "Print a Space's run log (or its build log with --build).");
      spec.addOption(Model.flag(() -> build, v -> build = v, "The build log instead of the run log.", "--build"));
      spec.addOption(Model.flag(() -> follow, v -> follow = v,
          "Keep printing until the build ends (--build) or the app stops.", "-f", "--follow"));
      spec.addOption(Model.value(Integer.class, () -> tail, v -> tail = v, "N", "Start with the last N lines only.",
          "--tail").build());
      return spec;
    }

    @Override
    public Integer call() {
      boolean json = root().format == Output.Format.json;
      SpaceLogsParams.Builder params = SpaceLogsParams.builder().kind(build ? SpaceLogKind.BUILD : SpaceLogKind.RUN).follow(follow);
      if (tail != null) params.tail(atLeast(tail, 0, "--tail"));
      try (java.util.stream.Stream<SpaceLogLine> lines = spaces().fetchSpaceLogs(spaceId(), params.build())) {
        lines.forEach(l -> {
          if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", l.timestamp());
            m.put("text", l.text());
            out().println(Output.compact(m));
          } else {
            out().println(printable(l.text()));
          }
          out().flush();
        });
      }
      return 0;
    }
  }

  static final class Hardware extends BaseCommand {
    @Override
    CommandSpec define() {
      return Model.command(this, "hardware", "List the hardware Spaces can run on, with prices.");
    }

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SpaceHardwareInfo h : root().spaces().listSpacesHardware()) {
        String acc = h.accelerator() == null ? null
            : accelerator(h.accelerator().quantity(), h.accelerator().model(), h.accelerator().vram());
        Double hourly = h.unitCostUSD() == null ? null
            : "minute".equals(h.unitLabel()) ? h.unitCostUSD() * 60 : "hour".equals(h.unitLabel()) ? h.unitCostUSD() : null;
        Map<String, Object> row = hardwareRow(h.name(), h.prettyName(), h.cpu(), h.ram(), acc, hourly);
        rows.add(row);
      }
      print(rows);
      return 0;
    }
  }

  static final class Settings extends SpaceCommand {
    @Nullable Integer sleepTime;
    @Nullable String hardware;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("settings", "Change a Space's hardware or sleep time (shows them without options).");
      spec.addOption(Model.value(Integer.class, () -> sleepTime, v -> sleepTime = v, "S",
          "Seconds without traffic before the Space sleeps; -1 never.", "--sleep-time").build());
      spec.addOption(Model.value(String.class, () -> hardware, v -> hardware = v, "H",
          "Hardware flavor, e.g. cpu-upgrade, t4-small.", "--hardware").build());
      return spec;
    }

    @Override
    public Integer call() {
      SpaceRuntime r;
      if (hardware != null) r = spaces().requestSpaceHardware(spaceId(), new SpaceHardware(hardware), sleepTime);
      else if (sleepTime != null) r = spaces().setSpaceSleepTime(spaceId(), sleepTime);
      else r = spaces().getSpaceRuntime(spaceId());
      print(runtime(spaceId(), r));
      return 0;
    }
  }

  static final class Secrets extends GroupCommand {
    @Override
    CommandSpec define() {
      return group(this, "secrets", "List, add and delete a Space's secrets (values are never shown).", new Ls(),
          new Add(), new Delete());
    }

    static final class Ls extends SpaceCommand {
      @Override
      CommandSpec define() {
        return base("ls", "List a Space's secret names.");
      }

      @Override
      public Integer call() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SpaceSecret s : spaces().getSpaceSecrets(spaceId()).values()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("key", s.key());
          row.put("description", s.description());
          row.put("updated_at", s.updatedAt());
          rows.add(row);
        }
        print(rows);
        return 0;
      }
    }

    static final class Add extends SpaceCommand {
      List<String> pairs = new ArrayList<>();
      @Nullable Path envFile;

      @Override
      CommandSpec define() {
        CommandSpec spec = base("add", "Add or update secrets: -s K=V (repeatable) and/or --env-file F.");
        spec.addOption(Model.list(() -> pairs, v -> pairs = v, "K=V", "A secret (repeatable).", "-s", "--secret"));
        spec.addOption(Model.value(Path.class, () -> envFile, v -> envFile = v, "F", "A .env file of secrets.",
            "--env-file").build());
        return spec;
      }

      @Override
      public Integer call() {
        Map<String, String> secrets = collect(pairs, "-s", envFile);
        spaces().addSpaceSecrets(spaceId(), secrets);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("space", spaceId());
        data.put("secrets_set", List.copyOf(secrets.keySet()));
        print(data);
        return 0;
      }
    }

    static final class Delete extends SpaceCommand {
      List<String> keys = new ArrayList<>();

      @Override
      CommandSpec define() {
        CommandSpec spec = base("delete", "Delete secrets by name.");
        spec.addPositional(Model.positionals("1..*", "1..*", () -> keys, v -> keys = v, "KEY"));
        return spec;
      }

      @Override
      public Integer call() {
        for (String k : keys) spaces().deleteSpaceSecret(spaceId(), k);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("space", spaceId());
        data.put("secrets_deleted", keys);
        print(data);
        return 0;
      }
    }
  }

  static final class Variables extends GroupCommand {
    @Override
    CommandSpec define() {
      return group(this, "variables", "List, add and delete a Space's public variables.", new Ls(), new Add(),
          new Delete());
    }

    static List<Map<String, Object>> rows(Map<String, SpaceVariable> variables) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (SpaceVariable v : variables.values()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", v.key());
        row.put("value", v.value());
        row.put("description", v.description());
        row.put("updated_at", v.updatedAt());
        rows.add(row);
      }
      return rows;
    }

    static final class Ls extends SpaceCommand {
      @Override
      CommandSpec define() {
        return base("ls", "List a Space's variables with their values.");
      }

      @Override
      public Integer call() {
        print(rows(spaces().getSpaceVariables(spaceId())));
        return 0;
      }
    }

    static final class Add extends SpaceCommand {
      List<String> pairs = new ArrayList<>();
      @Nullable Path envFile;

      @Override
      CommandSpec define() {
        CommandSpec spec = base("add", "Add or update variables: -e K=V (repeatable) and/or --env-file F.");
        spec.addOption(Model.list(() -> pairs, v -> pairs = v, "K=V", "A variable (repeatable).", "-e", "--env"));
        spec.addOption(Model.value(Path.class, () -> envFile, v -> envFile = v, "F", "A .env file of variables.",
            "--env-file").build());
        return spec;
      }

      @Override
      public Integer call() {
        print(rows(spaces().addSpaceVariables(spaceId(), collect(pairs, "-e", envFile))));
        return 0;
      }
    }

    static final class Delete extends SpaceCommand {
      List<String> keys = new ArrayList<>();

      @Override
      CommandSpec define() {
        CommandSpec spec = base("delete", "Delete variables by name.");
        spec.addPositional(Model.positionals("1..*", "1..*", () -> keys, v -> keys = v, "KEY"));
        return spec;
      }

      @Override
      public Integer call() {
        Map<String, SpaceVariable> left = Map.of();
        for (String k : keys) left = spaces().deleteSpaceVariable(spaceId(), k);
        print(rows(left));
        return 0;
      }
    }
  }

  /** {@code -s/-e K=V} pairs over the entries of {@code --env-file}. */
  static Map<String, String> collect(List<String> pairs, String option, @Nullable Path envFile) {
    Map<String, String> out = new LinkedHashMap<>();
    if (envFile != null) out.putAll(EnvFile.read(envFile));
    BaseCommand.keyValues(pairs, option).forEach((k, v) -> {
      if (v == null) throw new Errors.CliException(option + " needs KEY=VALUE but got '" + k + "'", Errors.USAGE);
      out.put(k, v);
    });
    if (out.isEmpty()) throw new Errors.CliException("nothing to add: give " + option + " KEY=VALUE or --env-file FILE", Errors.USAGE);
    return out;
  }

  static final class Preflight extends BaseCommand {
    Path folder;
    @Nullable String space;
    List<String> requiredSecrets = new ArrayList<>();

    @Override
    CommandSpec define() {
      CommandSpec spec = Model.command(this, "preflight",
          "Check a folder before deploying it as a Space (exit 1 on errors).");
      spec.addPositional(Model.positional("0", Path.class, () -> folder, v -> folder = v, "LOCAL_PATH").build());
      spec.addOption(Model.value(String.class, () -> space, v -> space = v, "ID",
          "Check the required secrets against this Space.", "--space").build());
      spec.addOption(Model.list(() -> requiredSecrets, v -> requiredSecrets = v, "NAME",
          "A secret the app needs (repeatable).", "--require-secret"));
      return spec;
    }

    @Override
    public Integer call() {
      SpacePreflight.Builder b = SpacePreflight.builder(folder).requiredSecrets(requiredSecrets);
      if (space != null) b.space(root().spaces(), RepoId.space(space));
      PreflightReport report = b.build().run();
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("folder", report.folder());
      data.put("sdk", report.sdk());
      data.put("app_port", report.appPort());
      data.put("errors", report.errors().size());
      data.put("warnings", report.warnings().size());
      data.put("excluded", report.excludedPaths());
      data.put("upload", report.uploadPaths());
      List<Map<String, Object>> issues = new ArrayList<>();
      for (PreflightIssue i : report.issues()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", i.severity());
        m.put("code", i.code());
        m.put("path", i.path());
        m.put("message", i.message());
        issues.add(m);
      }
      if (root().format == Output.Format.json) {
        data.put("issues", issues);
        print(data);
      } else {
        print(data);
        if (!issues.isEmpty()) {
          out().println();
          print(issues);
        }
      }
      return report.hasErrors() ? Errors.FAILURE : 0;
    }
  }
}
