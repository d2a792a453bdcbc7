package io.hf4j.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import picocli.CommandLine;

/** The {@code hf4j} executable. */
public final class Main {
  private Main() {}

  /**
   * Whether the command talks to an {@code http://} endpoint ({@code --endpoint}, else {@code HF_ENDPOINT}): its
   * HTTP client then sets TLS up only if an {@code https} URL comes up, so the client prepared ahead has no TLS.
   */
  static boolean cleartextEndpoint(String[] args, java.util.Map<String, String> env) {
    String endpoint = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) break;
      if (args[i].equals("--endpoint") && i + 1 < args.length) endpoint = args[i + 1];
      else if (args[i].startsWith("--endpoint=")) endpoint = args[i].substring("--endpoint=".length());
    }
    if (endpoint == null) endpoint = env.get("HF_ENDPOINT");
    return endpoint != null && endpoint.strip().toLowerCase(java.util.Locale.ROOT).startsWith("http://");
  }

  /** The built-in converters picocli need not register: no option of hf4j has a java.sql or java.time type. */
  static final String UNUSED_CONVERTERS = "java\\.(sql|time)\\..*";

  /**
   * picocli's settings for a quick start, where the user has not set them: no probe for Groovy closures (a class
   * lookup that fails only after the class path's jar has been opened and indexed, ~10 ms), and no built-in
   * converters for the java.sql and java.time types, which picocli otherwise registers through reflection for each
   * command line it builds (~10 ms for {@code auth whoami}).
   */
  static void quickPicocli() {
    if (System.getProperty("picocli.disable.closures") == null) System.setProperty("picocli.disable.closures", "true");
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }
  }

  /**
   * Whether the command line will (likely) send a request, so preparing the HTTP client ahead pays: a command is
   * named, not the emulator (it serves, it does not call), and no help or version is asked for.
   */
  static boolean preparesHttp(@org.jspecify.annotations.Nullable String command, String[] args) {
    if (command == null || command.equals("emulator")) return false;
    for (String a : args) {
      if (a.equals("--")) break;
      if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) return false;
    }
    return true;
  }

  /**
   * Builds, on a second thread while this one parses the command line and reads the configuration, what the first
   * request needs and no option changes: OkHttp's platform and its security providers, a client's pools, TLS for an
   * {@code https} endpoint, the endpoint parse's IDN data (core's {@code HttpStack.prepare}). The configuration's
   * client is then built on it instead of from nothing, waiting for it if it is not done; the thread reports nothing,
   * a failure in it is met again, and reported as before, by the client's own build.
   */
  static Thread prepareHttp(boolean cleartext) {
    Thread t = new Thread(io.hf4j.core.internal.HttpStack.prepare(cleartext), "hf4j-prepare-http");
    t.setDaemon(true);
    t.start();
    return t;
  }

  public static void main(String[] args) {
    quickPicocli();
    // Before any logger exists: quiet by default, curl lines and hf4j's own logs with --debug.
    String hfDebug = System.getenv("HF_DEBUG");
    boolean envDebug = hfDebug != null && java.util.Set.of("1", "true", "yes", "on").contains(hfDebug.strip().toLowerCase(java.util.Locale.ROOT));
    if (Arrays.asList(args).contains("--debug") || envDebug) {
      System.setProperty("org.slf4j.simpleLogger.log.io.hf4j", "info");
    }
    // First thing after the logging switch (nothing on that thread logs): the second core's head start.
    if (preparesHttp(Hf4j.subcommandNamed(args), args)) prepareHttp(cleartextEndpoint(args, System.getenv()));
    Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, cs), true);
    PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, cs), true);
    int code;
    try {
      CommandLine cl = Hf4j.commandLine(System.getenv(), out, err, System.console() != null, args);
      code = cl.execute(args);
    } catch (Throwable t) {
      // Whatever escapes picocli's handlers: one line, a stack trace only with --debug.
      err.println("error: " + Errors.message(t));
      if (Arrays.asList(args).contains("--debug")) t.printStackTrace(err);
      code = Errors.FAILURE;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }
}
