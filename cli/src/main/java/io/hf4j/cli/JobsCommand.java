package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.jobs.JobHardwareInfo;
import io.hf4j.jobs.JobInfo;
import io.hf4j.jobs.JobLogLine;
import io.hf4j.jobs.JobLogsParams;
import io.hf4j.jobs.RunJobParams;
import io.hf4j.jobs.JobStage;
import io.hf4j.jobs.JobsClient;
import io.hf4j.jobs.ListJobsParams;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j jobs ...}: run containers on the Hub's hardware and follow them. */
final class JobsCommand extends GroupCommand {
  @Override
  CommandSpec define() {
    return group(this, "jobs", "Run and manage Hugging Face Jobs.", new Run(), new Ps(), new Inspect(), new Logs(),
        new Cancel(), new Hardware());
  }

  /** The state of a job as the CLI prints it. */
  static Map<String, Object> job(JobInfo j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("stage", j.stage());
    m.put("message", j.status().message());
    m.put("image", j.image());
    m.put("command", j.command());
    m.put("flavor", j.flavor());
    m.put("namespace", j.namespace());
    m.put("created_at", j.createdAt());
    m.put("started_at", j.startedAt());
    m.put("finished_at", j.finishedAt());
    m.put("timeout_seconds", j.effectiveTimeout().toSeconds());
    m.put("labels", j.labels());
    m.put("environment", j.environment());
    m.put("secrets", j.secrets());
    m.put("url", j.url());
    return m;
  }

  /** Options every jobs subcommand takes. */
  abstract static class JobsBase extends BaseCommand {
    @Nullable String namespace;

    /** The command's model with {@code --namespace}. */
    CommandSpec base(String name, String... description) {
      CommandSpec spec = Model.command(this, name, description);
      spec.addOption(Model.value(String.class, () -> namespace, v -> namespace = v, "N",
          "User or organization (default: the token's user).", "--namespace").build());
      return spec;
    }

    JobsClient client() {
      JobsClient jobs = root().jobs();
      return namespace == null ? jobs : jobs.inNamespace(namespace);
    }
  }

  static final class Run extends JobsBase {
    @Nullable String flavor;
    @Nullable String timeout;
    List<String> env = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    boolean detach;
    String image;
    List<String> command = new ArrayList<>();

    @Override
    CommandSpec define() {
      CommandSpec spec = base("run", "Run a job: IMAGE COMMAND... (follows its logs and exits with the job's success"
          + " unless --detach).", "Everything after IMAGE is the command: hf4j jobs run python:3.12 python -c 'print(1)'");
      spec.addOption(Model.value(String.class, () -> flavor, v -> flavor = v, "F",
          "Hardware flavor (default cpu-basic); see `hf4j jobs hardware`.", "--flavor").build());
      spec.addOption(Model.value(String.class, () -> timeout, v -> timeout = v, "T",
          "Maximum run time: 90m, 2h, 3600 (default: the server's 30m).", "--timeout").build());
      spec.addOption(Model.list(() -> env, v -> env = v, "K=V", "Environment variable (repeatable).", "-e", "--env"));
      spec.addOption(Model.list(() -> secrets, v -> secrets = v, "K[=V]", "Secret (repeatable). -s HF_TOKEN alone"
          + " passes your token; -s K alone takes K from your environment.", "-s", "--secrets"));
      spec.addOption(Model.flag(() -> detach, v -> detach = v, "Print the job id and return at once.", "-d",
          "--detach"));
      spec.addPositional(Model.positional("0", String.class, () -> image, v -> image = v, "IMAGE",
          "Docker image, or hf.co/spaces/OWNER/NAME.").build());
      spec.addPositional(Model.positionals("1..*", "1..*", () -> command, v -> command = v, "COMMAND",
          "The command and its arguments."));
      return spec;
    }

    @Override
    public Integer call() {
      RunJobParams.Builder spec = RunJobParams.builder().image(image).command(command);
      keyValues(env, "-e").forEach((k, v) -> spec.env(k, v == null ? "" : v));
      keyValues(secrets, "-s").forEach((k, v) -> spec.secret(k, v != null ? v : localSecret(k)));
      if (flavor != null) spec.flavor(flavor);
      if (timeout != null) spec.timeout(BaseCommand.positiveTimeout(timeout));
      if (namespace != null) spec.namespace(namespace);
      JobsClient jobs = client();
      JobInfo job = jobs.runJob(spec.build());
      if (detach) {
        if (root().format == Output.Format.json) print(job(job));
        else {
          out().println(job.id());
          out().flush();
        }
        return 0;
      }
      note("Job " + job.id() + " started on " + job.flavor() + ": " + job.url());
      jobs = jobs.inNamespace(job.namespace());
      // Log lines are the job's own output: stdout, except under --format json (stdout stays one JSON document).
      boolean json = root().format == Output.Format.json;
      PrintWriter logOut = json ? err() : out();
      if (!root().quiet) {
        try (Stream<JobLogLine> lines = jobs.fetchJobLogs(job.id())) {
          lines.forEach(l -> {
            logOut.println(l.text());
            logOut.flush();
          });
        }
      }
      Duration wait = job.effectiveTimeout().plusMinutes(10);
      JobInfo done = jobs.waitForJob(job.id(), wait);
      if (json) print(job(done));
      boolean ok = done.stage().equals(JobStage.COMPLETED);
      String message = done.status().message();
      if (ok) note("Job " + done.id() + " " + done.stage());
      else {
        err().println("error: job " + done.id() + " ended in " + done.stage() + (message == null ? "" : ": " + Errors.oneLine(message)));
        err().flush();
      }
      return ok ? 0 : Errors.FAILURE;
    }

    private String localSecret(String key) {
      if (key.equals("HF_TOKEN")) {
        return root().config().requireToken("pass -s HF_TOKEN to a job").reveal();
      }
      String v = root().env().get(key);
      if (v == null) throw new Errors.CliException("-s " + key + ": " + key + " is not set in your environment; use -s " + key + "=VALUE",
          Errors.USAGE);
      return v;
    }
  }

  static final class Ps extends JobsBase {
    boolean all;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("ps", "List running jobs (all jobs with -a).");
      spec.addOption(Model.flag(() -> all, v -> all = v, "Show every job, not only scheduling and running ones.", "-a",
          "--all"));
      return spec;
    }

    @Override
    public Integer call() {
      ListJobsParams params = all ? ListJobsParams.defaults()
          : ListJobsParams.builder().stages(JobStage.SCHEDULING, JobStage.RUNNING).build();
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Stream<JobInfo> jobs = client().listJobs(params)) {
        jobs.forEach(j -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("id", j.id());
          row.put("image", j.image());
          row.put("command", String.join(" ", j.command()));
          row.put("created", j.createdAt());
          row.put("stage", j.stage());
          row.put("flavor", j.flavor());
          rows.add(row);
        });
      }
      if (rows.isEmpty() && root().format == Output.Format.table) note(all ? "No jobs." : "No running jobs (-a shows all).");
      print(rows);
      return 0;
    }
  }

  static final class Inspect extends JobsBase {
    String id;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("inspect", "Show a job's details.");
      spec.addPositional(Model.positional("0", String.class, () -> id, v -> id = v, "ID").build());
      return spec;
    }

    @Override
    public Integer call() {
      print(job(client().inspectJob(id)));
      return 0;
    }
  }

  static final class Logs extends JobsBase {
    String id;
    boolean follow;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("logs", "Print a job's logs (until it ends with --follow); JSON Lines with --format json.");
      spec.addPositional(Model.positional("0", String.class, () -> id, v -> id = v, "ID").build());
      spec.addOption(Model.flag(() -> follow, v -> follow = v, "Keep printing until the job ends.", "-f", "--follow"));
      return spec;
    }

    @Override
    public Integer call() {
      boolean json = root().format == Output.Format.json;
      try (Stream<JobLogLine> lines = client().fetchJobLogs(id, follow ? JobLogsParams.defaults() : JobLogsParams.snapshot())) {
        lines.forEach(l -> {
          if (json) {
            // JSON Lines: one object per log line, so a follower can parse as it goes.
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", l.timestamp());
            m.put("text", l.text());
            out().println(Output.compact(m));
          } else {
            out().println(l.text());
          }
          out().flush();
        });
      }
      return 0;
    }
  }

  static final class Cancel extends JobsBase {
    String id;

    @Override
    CommandSpec define() {
      CommandSpec spec = base("cancel", "Cancel a job.");
      spec.addPositional(Model.positional("0", String.class, () -> id, v -> id = v, "ID").build());
      return spec;
    }

    @Override
    public Integer call() {
      JobInfo j = client().cancelJob(id);
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("id", j.id());
      data.put("stage", j.stage());
      print(data);
      return 0;
    }
  }

  static final class Hardware extends BaseCommand {
    @Override
    CommandSpec define() {
      return Model.command(this, "hardware", "List the hardware flavors jobs can run on, with prices.");
    }

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (JobHardwareInfo h : root().jobs().listJobsHardware()) {
        String acc = h.accelerator() == null ? null
            : accelerator(h.accelerator().quantity(), h.accelerator().model(), h.accelerator().vram());
        Map<String, Object> row = hardwareRow(h.name(), h.prettyName(), h.cpu(), h.ram(), acc, h.hourlyCostUsd());
        rows.add(row);
      }
      print(rows);
      return 0;
    }
  }

}
