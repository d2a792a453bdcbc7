package io.hf4j.cli;

import io.hf4j.core.RepoType;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every command shares: the global options, the output, and small parsers. */
abstract class BaseCommand extends CliCommand {
  Hf4j root() {
    return (Hf4j) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints data as {@code --format} says. */
  void print(Object data) {
    String text = Output.render(data, root().format);
    if (!text.isEmpty()) out().println(text);
    out().flush();
  }

  /** A note for people, on stderr; silent with {@code --quiet}. */
  void note(String line) {
    if (root().quiet) return;
    err().println(line);
    err().flush();
  }

  /**
   * One row of {@code jobs hardware} and {@code spaces hardware}.
   *
   * @param accelerator e.g. {@code 1x T4 (16 GB)}, null on CPU flavors
   * @param hourlyUsd the price of an hour, null or NaN when unknown
   */
  static Map<String, Object> hardwareRow(Object name, Object prettyName, Object cpu, Object ram, String accelerator,
      Double hourlyUsd) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("pretty_name", prettyName);
    row.put("cpu", cpu);
    row.put("ram", ram);
    row.put("accelerator", accelerator);
    row.put("cost_per_hour_usd", hourlyUsd == null || hourlyUsd.isNaN() ? null
        : Double.valueOf(String.format(java.util.Locale.ROOT, "%.4f", hourlyUsd)));
    return row;
  }

  /** {@code 1x T4 (16 GB)}. */
  static String accelerator(Object quantity, Object model, Object vram) {
    return quantity + "x " + model + " (" + vram + ")";
  }

  static RepoType repoType(String value) {
    RepoType type;
    try {
      type = RepoType.of(value);
    } catch (io.hf4j.core.HfValidationException e) {
      throw new Errors.CliException("--repo-type: " + e.getMessage(), Errors.USAGE);
    }
    if (!type.isKnown()) {
      throw new Errors.CliException("--repo-type: unknown repo type '" + type.value() + "'; use model, dataset or space",
          Errors.USAGE);
    }
    return type;
  }

  /**
   * The typed repo id of a command: {@code --repo-type} binds the type once. The Hub's prefixed forms
   * ({@code datasets/ns/name}, {@code spaces/ns/name}) carry their own type; a prefix contradicting an
   * explicit {@code --repo-type} is a usage error.
   */
  static io.hf4j.core.RepoId repoId(String id, String typeOption) {
    RepoType type = repoType(typeOption);
    io.hf4j.core.RepoId parsed = io.hf4j.core.RepoId.parse(id);
    if (parsed.type().equals(RepoType.MODEL)) return parsed.withType(type);
    if (!type.equals(RepoType.MODEL) && !type.equals(parsed.type())) {
      throw new Errors.CliException("'" + id + "' is a " + parsed.type() + " id but --repo-type is " + type, Errors.USAGE);
    }
    return parsed;
  }

  /** A {@code --timeout} value: a duration above zero ({@code 0} would mean "no limit" or "the server's default"). */
  static java.time.Duration positiveTimeout(String value) {
    java.time.Duration d = io.hf4j.jobs.RunJobParams.parseTimeout(value);
    if (d.isZero() || d.isNegative()) {
      throw new Errors.CliException("--timeout must be above zero but was '" + value + "'", Errors.USAGE);
    }
    return d;
  }

  /** A numeric option's value when at least {@code min}; else a usage error naming the option. */
  static int atLeast(int value, int min, String option) {
    if (value < min) {
      throw new Errors.CliException(option + " must be >= " + min + " but was " + value, Errors.USAGE);
    }
    return value;
  }

  /** {@code K=V} pairs in order; a bare {@code K} maps to null (the caller decides what it means). */
  static Map<String, String> keyValues(List<String> pairs, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : pairs) {
      int eq = p.indexOf('=');
      String key = eq < 0 ? p : p.substring(0, eq);
      if (key.isBlank()) throw new Errors.CliException(option + " needs KEY=VALUE but got '" + p + "'", Errors.USAGE);
      out.put(key, eq < 0 ? null : p.substring(eq + 1));
    }
    return out;
  }
}
