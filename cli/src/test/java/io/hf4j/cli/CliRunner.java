package io.hf4j.cli;

import com.squareup.moshi.Moshi;
import io.hf4j.testkit.HubEmulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code hf4j} in process against an emulator, with captured stdout and stderr. */
final class CliRunner {
  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** stdout parsed as JSON (a map or a list). */
    Object json() {
      try {
        return new Moshi.Builder().build().adapter(Object.class).fromJson(out);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + out, e);
      }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object() {
      return (Map<String, Object>) json();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list() {
      return (List<Map<String, Object>>) json();
    }

    /** stderr's lines. */
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\\R"));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  private final Map<String, String> env = new HashMap<>();

  /** A runner whose environment points at {@code hub} with its write token and an HF home in {@code home}. */
  CliRunner(HubEmulator hub, Path home) {
    env.put("HF_ENDPOINT", hub.url());
    env.put("HF_TOKEN", hub.writeToken());
    env.put("HF_HOME", home.toString());
  }

  CliRunner env(String name, String value) {
    if (value == null) env.remove(name);
    else env.put(name, value);
    return this;
  }

  Result run(String... args) {
    return run(CliRunner::noop, args);
  }

  /** Runs with a hook that sees the command line before it executes. */
  Result run(java.util.function.Consumer<CommandLine> before, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // As Main builds it: only the subcommand the arguments name.
    CommandLine cl = Hf4j.commandLine(env, new PrintWriter(out, true), new PrintWriter(err, true), false, args);
    before.accept(cl);
    int code = cl.execute(args);
    return new Result(code, out.toString().strip(), err.toString().strip());
  }

  private static void noop(CommandLine cl) {}
}
