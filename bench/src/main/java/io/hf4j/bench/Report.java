package io.hf4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one bench run: the machine, then one {@link Section} per part of the bench, each with
 * tables for people (markdown), raw numbers for programs (JSON) and the targets it is compared with.
 * Targets are reported, never asserted.
 */
final class Report {
  /** Section ids, in the order they run and print. */
  static final List<String> SECTION_IDS = List.of("throughput", "downloads", "startup", "memory", "rate-limits", "faults", "micro", "xet");

  final Map<String, Object> run = new LinkedHashMap<>();
  final Map<String, Object> machine;
  final List<Section> sections = new ArrayList<>();

  Report(Map<String, Object> machine) {
    this.machine = machine;
  }

  Section section(String id, String title) {
    Section s = new Section(id, title);
    sections.add(s);
    return s;
  }

  /** One part of the bench. */
  static final class Section {
    final String id;
    final String title;
    String status = "ok";
    final List<String> notes = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<Target> targets = new ArrayList<>();
    final Map<String, Object> data = new LinkedHashMap<>();
    Duration elapsed = Duration.ZERO;

    Section(String id, String title) {
      this.id = id;
      this.title = title;
    }

    Section note(String text) {
      notes.add(text);
      return this;
    }

    Table table(String caption, String... columns) {
      Table t = new Table(caption, List.of(columns));
      tables.add(t);
      return t;
    }

    /** A target to report against; {@code met} is null when it could not be measured. */
    void target(String name, String target, String measured, Boolean met) {
      targets.add(new Target(name, target, measured, met));
    }
  }

  /** A table of formatted cells. */
  static final class Table {
    final String caption;
    final List<String> columns;
    final List<List<String>> rows = new ArrayList<>();

    Table(String caption, List<String> columns) {
      this.caption = caption;
      this.columns = columns;
    }

    void row(Object... cells) {
      List<String> r = new ArrayList<>();
      for (Object c : cells) r.add(c == null ? "–" : c.toString());
      rows.add(r);
    }
  }

  record Target(String name, String target, String measured, Boolean met) {
    String verdict() {
      return met == null ? "not measured" : met ? "met" : "missed";
    }
  }

  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("results.json"), Json.write(toJson()), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("results.md"), toMarkdown(), StandardCharsets.UTF_8);
  }

  Map<String, Object> toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("run", run);
    root.put("machine", machine);
    Map<String, Object> secs = new LinkedHashMap<>();
    for (Section s : sections) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("title", s.title);
      m.put("status", s.status);
      m.put("elapsedSeconds", s.elapsed.toMillis() / 1000.0);
      m.put("notes", s.notes);
      List<Object> targets = new ArrayList<>();
      for (Target t : s.targets) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("name", t.name());
        tm.put("target", t.target());
        tm.put("measured", t.measured());
        tm.put("met", t.met());
        targets.add(tm);
      }
      m.put("targets", targets);
      m.put("data", s.data);
      secs.put(s.id, m);
    }
    root.put("sections", secs);
    return root;
  }

  String toMarkdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# hf4j bench results\n\n");
    sb.append("Run ").append(run.getOrDefault("startedAt", Instant.now())).append(", profile `")
        .append(run.getOrDefault("profile", "?")).append("`, ")
        .append(run.getOrDefault("elapsedSeconds", "?")).append(" s in all. Command: `")
        .append(run.getOrDefault("command", "bench/run")).append("`.\n\n");
    sb.append("Ratios compare timings taken in this same run on this same machine; absolute times are noisy on a"
        + " small VM. Targets are reported, not asserted.\n\n");
    String loaded = loadedMachine();
    if (loaded != null) sb.append("**").append(loaded).append("**\n\n");
    sb.append("## Machine\n\n| | |\n| --- | --- |\n");
    machine.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(cell(String.valueOf(v))).append(" |\n"));
    sb.append('\n');

    List<Target> all = new ArrayList<>();
    for (Section s : sections) all.addAll(s.targets);
    if (!all.isEmpty()) {
      sb.append("## Targets\n\n| target | wanted | measured | verdict |\n| --- | --- | --- | --- |\n");
      for (Target t : all) {
        sb.append("| ").append(cell(t.name())).append(" | ").append(cell(t.target())).append(" | ")
            .append(cell(t.measured())).append(" | ").append(t.verdict()).append(" |\n");
      }
      sb.append('\n');
    }

    for (Section s : sections) {
      sb.append("## ").append(s.title).append("\n\n");
      if (!"ok".equals(s.status)) sb.append("**Status: ").append(s.status).append("**\n\n");
      for (Table t : s.tables) {
        if (!t.caption.isEmpty()) sb.append(t.caption).append("\n\n");
        sb.append("| ").append(String.join(" | ", t.columns)).append(" |\n|");
        sb.append(" --- |".repeat(t.columns.size())).append('\n');
        for (List<String> r : t.rows) {
          sb.append("| ");
          for (int i = 0; i < r.size(); i++) {
            if (i > 0) sb.append(" | ");
            sb.append(cell(r.get(i)));
          }
          sb.append(" |\n");
        }
        sb.append('\n');
      }
      for (String n : s.notes) sb.append("- ").append(n).append('\n');
      if (!s.notes.isEmpty()) sb.append('\n');
      sb.append("_Section time: ").append(String.format(Locale.ROOT, "%.1f", s.elapsed.toMillis() / 1000.0))
          .append(" s._\n\n");
    }
    return sb.toString();
  }

  /**
   * A warning when the 1-minute load average at the start or the end exceeded the cores (other work competed for
   * them), else null.
   */
  String loadedMachine() {
    Object cores = machine.get("cores");
    if (!(cores instanceof Number n)) return null;
    double max = 0;
    for (String k : List.of("loadAverageAtStart", "loadAverageAtEnd")) {
      try {
        max = Math.max(max, Double.parseDouble(String.valueOf(machine.get(k)).split(" ")[0]));
      } catch (NumberFormatException e) {
        // unknown
      }
    }
    if (max <= n.doubleValue()) return null;
    return String.format(Locale.ROOT, "Taken on a loaded machine (1-minute load average up to %.1f on %d cores):"
        + " wall times are inflated and noisy; CPU seconds and same-run ratios say more.", max, n.intValue());
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  // Formatting helpers shared by the sections.

  static String secs(double seconds) {
    if (Double.isNaN(seconds)) return "–";
    return String.format(Locale.ROOT, seconds < 10 ? "%.3f" : "%.1f", seconds);
  }

  static String ratio(double r) {
    if (Double.isNaN(r) || Double.isInfinite(r)) return "–";
    return String.format(Locale.ROOT, "%.2f×", r);
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  static String mibPerSec(long bytes, double seconds) {
    if (Double.isNaN(seconds) || seconds <= 0) return "–";
    return String.format(Locale.ROOT, "%.0f MiB/s", bytes / (1024.0 * 1024.0) / seconds);
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
    return bytes + " B";
  }

  static String pct(double share) {
    if (Double.isNaN(share)) return "–";
    return String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
