package io.hf4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What every section gets: the sizes, where to put data, the report, the peers, and a log. */
final class Bench {
  final Profile profile;
  final Path workDir;
  final Path benchDir;
  final Report report;
  final Optional<JsPeer> js;
  final boolean skipJs;
  /** The official Python client, when installed and not skipped. */
  Optional<PyPeer> python = Optional.empty();
  /** The hf4j command, when built. */
  Optional<CliPeer> cli = Optional.empty();
  /** The hf4j command on a second Java with the launcher's AOT cache (Java 25+), when one is installed. */
  Optional<CliPeer> cliAot = Optional.empty();
  /** Why the Python client is not measured, or null. */
  String pythonMissing;
  private final PrintStream log;
  private final long started = System.nanoTime();

  Bench(Profile profile, Path workDir, Path benchDir, Report report, Optional<JsPeer> js, boolean skipJs, PrintStream log) {
    this.profile = profile;
    this.workDir = workDir;
    this.benchDir = benchDir;
    this.report = report;
    this.js = js;
    this.skipJs = skipJs;
    this.log = log;
  }

  Path data(String name) {
    return workDir.resolve("data").resolve(profile.name()).resolve(name);
  }

  void log(String format, Object... args) {
    double t = (System.nanoTime() - started) / 1e9;
    log.printf(Locale.ROOT, "[bench %7.1fs] %s%n", t, String.format(Locale.ROOT, format, args));
    log.flush();
  }
}
