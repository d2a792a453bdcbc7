package io.hf4j.bench;

import io.hf4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up of the command lines, as a user meets it: {@code hf4j auth whoami} against the Python client's own command,
 * {@code hf auth whoami} (from the same pinned virtualenv), a fresh process each, alternating. Measured: from just
 * before the process is started to the arrival of its first request at the emulator (the request's end as logged
 * minus its handling time, millisecond resolution), the whole process, and its CPU. One untimed run of each first:
 * hf4j's class-data-sharing archive and Python's byte-code caches exist after it, as on a user's second run.
 */
final class StartupSection {
  static final String CLI = "hf4j auth whoami";
  static final String PY = "Python hf auth whoami";

  private StartupSection() {}

  static void run(Bench bench, Report.Section section) {
    int rounds = bench.profile.name().equals("smoke") ? 1 : bench.profile.runs() * 2 + 1;
    Path pyCli = PyPeer.python(bench.benchDir).resolveSibling("hf");
    Map<String, Command> commands = new LinkedHashMap<>();
    try (BenchHub hub = BenchHub.start(bench.profile, b -> { }, c -> c.disableXet(true))) {
      Path home = bench.workDir.resolve("startup-home");
      Files.createDirectories(home);
      bench.cli.ifPresentOrElse(
          cli -> commands.put(CLI, new Command(cli.command(List.of("auth", "whoami")), cli.env(hub, home))),
          () -> section.note("hf4j command not measured: " + CliPeer.whyMissing(bench.benchDir) + "."));
      bench.cliAot.ifPresent(cli -> commands.put(cli.label(CLI),
          new Command(cli.command(List.of("auth", "whoami")), cli.env(hub, home))));
      if (bench.python.isPresent() && Files.isExecutable(pyCli)) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HF_ENDPOINT", hub.url());
        env.put("HF_TOKEN", hub.token());
        env.put("HF_HOME", home.toString());
        env.put("HF_HUB_DISABLE_TELEMETRY", "1");
        env.put("HF_HUB_DISABLE_UPDATE_CHECK", "1");
        commands.put(PY, new Command(List.of(pyCli.toString(), "auth", "whoami"), env));
      } else {
        section.note("Python command not measured: " + (bench.python.isPresent() ? pyCli + " is missing"
            : bench.pythonMissing) + ".");
      }
      section.data.put("loadAverageAtStart", Machine.loadAverage());
      Map<String, List<double[]>> runs = new LinkedHashMap<>();
      commands.forEach((name, c) -> {
        once(hub, c, name);
        runs.put(name, new ArrayList<>());
      });
      for (int r = 1; r <= rounds; r++) {
        for (Map.Entry<String, Command> e : commands.entrySet()) {
          double[] m = once(hub, e.getValue(), e.getKey());
          runs.get(e.getKey()).add(m);
          bench.log("  round %d: %s: first request %.3f s, process %.3f s, CPU %.3f s", r, e.getKey(), m[0], m[1], m[2]);
        }
      }
      Report.Table t = section.table("Seconds, min / median / max of " + rounds + " runs, the commands alternating"
              + " (after one untimed run of each). \"First request\": from just before the process starts to its first"
              + " request's arrival at the emulator. Ratios are medians over Python's command in the same run.",
          "command", "client", "start to first request", "whole process", "CPU s (median)", "first request / Python",
          "process / Python");
      double pyFirst = runs.containsKey(PY) ? Stats.median(column(runs.get(PY), 0)) : Double.NaN;
      double pyProcess = runs.containsKey(PY) ? Stats.median(column(runs.get(PY), 1)) : Double.NaN;
      runs.forEach((name, list) -> {
        double first = Stats.median(column(list, 0));
        double process = Stats.median(column(list, 1));
        t.row("auth whoami", name, Stats.spread(column(list, 0)), Stats.spread(column(list, 1)),
            String.format(java.util.Locale.ROOT, "%.3f", Stats.median(column(list, 2))),
            name.equals(PY) ? "–" : Report.ratio(Stats.ratio(first, pyFirst)),
            name.equals(PY) ? "–" : Report.ratio(Stats.ratio(process, pyProcess)));
        section.data.put(name, Map.of("firstRequestSeconds", column(list, 0), "processSeconds", column(list, 1),
            "cpuSeconds", column(list, 2)));
      });
      if (runs.containsKey(CLI)) {
        double first = Stats.median(column(runs.get(CLI), 0));
        section.target("hf4j command: start to first request (auth whoami)", "≤ 0.3 s", Report.secs(first),
            first <= 0.3);
      }
      bench.cliAot.ifPresent(cli -> {
        List<double[]> list = runs.get(cli.label(CLI));
        if (list == null) return;
        double first = Stats.median(column(list, 0));
        section.target(cli.label("hf4j command") + ": start to first request (auth whoami)", "≤ 0.3 s",
            Report.secs(first), first <= 0.3);
      });
      section.note("The same emulator answers both; HF_HOME is a scratch folder; hf4j uses the bench's own"
          + " class-data-sharing archive folder (HF4J_CDS_DIR), made by the untimed run (on Java 25+, the launcher's AOT"
          + " cache instead). Each hf4j row names its Java: the bench's own, and a Java 25+ beside it when installed.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Command(List<String> argv, Map<String, String> env) {}

  /** One run: seconds to the first request, seconds to exit, CPU seconds. */
  private static double[] once(BenchHub hub, Command c, String name) {
    hub.emulator.clearRequests();
    Instant before = Instant.now();
    Procs.Timed t = Procs.timed(c.argv(), null, c.env(), 120);
    if (!t.result().out().contains(hub.emulator.userName())) {
      throw new IllegalStateException(name + " did not print the user: " + Procs.tail(t.result().out()));
    }
    Instant first = null;
    for (RecordedRequest r : hub.emulator.requests()) {
      Instant arrived = r.at().minusMillis(r.durationMillis());
      if (first == null || arrived.isBefore(first)) first = arrived;
    }
    if (first == null) throw new IllegalStateException(name + " sent no request");
    return new double[] {Duration.between(before, first).toNanos() / 1e9, t.seconds(), t.cpuSeconds()};
  }

  private static List<Double> column(List<double[]> runs, int i) {
    List<Double> out = new ArrayList<>(runs.size());
    for (double[] r : runs) out.add(r[i]);
    return out;
  }
}
