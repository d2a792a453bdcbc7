package io.hf4j.cli;

import io.hf4j.core.HfException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** One line on stderr per failure, a non-zero exit code, a stack trace only with {@code --debug}. */
final class Errors {
  /** Exit code of a failed command (an HTTP error, a failed job, a Space that did not come up...). */
  static final int FAILURE = 1;
  /** Exit code of a command line that does not parse. */
  static final int USAGE = 2;

  private Errors() {}

  static int execution(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    Hf4j root = (Hf4j) cmd.getCommandSpec().root().userObject();
    PrintWriter err = cmd.getCommandSpec().root().commandLine().getErr();
    err.println("error: " + message(ex));
    if (root.debug) ex.printStackTrace(err);
    err.flush();
    return ex instanceof CliException c ? c.exitCode() : FAILURE;
  }

  /**
   * {@code strategy}, with an {@link Error} (out of memory, a stack overflow...) reported like any other
   * failure: one line, a stack trace only with {@code --debug}. picocli hands only exceptions to the
   * handler.
   */
  static CommandLine.IExecutionStrategy strategy(CommandLine.IExecutionStrategy strategy) {
    return parseResult -> {
      try {
        return strategy.execute(parseResult);
      } catch (Error e) {
        CommandLine cmd = parseResult.commandSpec().root().commandLine();
        Object root = cmd.getCommandSpec().userObject();
        PrintWriter err = cmd.getErr();
        err.println("error: " + message(e));
        if (root instanceof Hf4j h && h.debug) e.printStackTrace(err);
        err.flush();
        return FAILURE;
      }
    };
  }

  static int parameters(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    Object root = cmd.getCommandSpec().root().userObject();
    if (root instanceof Hf4j h && h.debug) ex.printStackTrace(err);
    err.flush();
    return USAGE;
  }

  /** The message users see: hf4j's own, else the type and message of an unexpected failure. */
  static String message(Throwable ex) {
    if (ex instanceof HfException || ex instanceof CliException) return oneLine(ex.getMessage());
    if (ex instanceof UncheckedIOException u && u.getCause() != null) {
      return oneLine(u.getMessage() + ": " + u.getCause().getMessage());
    }
    String m = ex.getMessage();
    return ex.getClass().getSimpleName() + (m == null ? "" : ": " + oneLine(m));
  }

  static String oneLine(String message) {
    return message == null ? "unknown error"
        : io.hf4j.core.internal.Sanitize.controls(message.replaceAll("\\s*\\R\\s*", " ").strip());
  }

  /** A failure the command reports itself, with its exit code. */
  static final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliException(String message) {
      this(message, FAILURE);
    }

    CliException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }
}
