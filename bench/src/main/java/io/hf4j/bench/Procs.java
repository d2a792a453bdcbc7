package io.hf4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external programs (sha256sum, node, child JVMs). */
final class Procs {
  private Procs() {}

  /** What a finished program printed and how long it ran, measured from start to exit. */
  record Result(int exit, String out, String err, long nanos) {
    double seconds() {
      return nanos / 1e9;
    }
  }

  static Result run(List<String> command, Path dir, long timeoutSeconds) {
    return run(command, dir, Map.of(), timeoutSeconds);
  }

  /** Runs with these variables added to (or, with a null value, removed from) the environment. */
  static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) pb.directory(dir.toFile());
    env.forEach((k, v) -> {
      if (v == null) pb.environment().remove(k);
      else pb.environment().put(k, v);
    });
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      Drain out = new Drain(p.getInputStream());
      Drain err = new Drain(p.getErrorStream());
      out.start();
      err.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + abbreviate(command));
      }
      long nanos = System.nanoTime() - start;
      out.join();
      err.join();
      return new Result(p.exitValue(), out.text(), err.text(), nanos);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + abbreviate(command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static Result check(Result r, List<String> command) {
    if (r.exit() != 0) {
      throw new IllegalStateException(abbreviate(command) + " exited with " + r.exit() + ": " + tail(r.err()) + tail(r.out()));
    }
    return r;
  }

  /** The output of a short command, or "" when it cannot run. */
  static String tryOutput(List<String> command) {
    try {
      Result r = run(command, null, 20);
      return r.exit() == 0 ? r.out() + r.err() : "";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A finished program with its CPU time (user + system, from /usr/bin/time; NaN without it). */
  record Timed(Result result, double cpuSeconds) {
    double seconds() {
      return result.seconds();
    }
  }

  /**
   * Runs a program under GNU {@code time} (the first {@code time} program on the PATH, when installed) to learn its CPU time, user plus system, which
   * other load on the machine skews less than wall time; the wall time is measured here, from start to exit.
   */
  /** The first executable of this name in the PATH's folders, or null. */
  static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) return null;
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path candidate = Path.of(dir, program);
      if (java.nio.file.Files.isExecutable(candidate)) return candidate;
    }
    return null;
  }

  static Timed timed(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
    Path time = onPath("time");
    if (time == null) return new Timed(check(run(command, dir, env, timeoutSeconds), command), Double.NaN);
    try {
      Path out = java.nio.file.Files.createTempFile("hf4j-bench-time-", ".txt");
      try {
        List<String> cmd = new ArrayList<>(List.of(time.toString(), "-f", "%U %S", "-o", out.toString()));
        cmd.addAll(command);
        Result r = check(run(cmd, dir, env, timeoutSeconds), command);
        String[] f = java.nio.file.Files.readString(out).strip().split("\\s+");
        double cpu = f.length >= 2 ? Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]) : Double.NaN;
        return new Timed(r, cpu);
      } finally {
        java.nio.file.Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean available(String program) {
    return !tryOutput(List.of(program, "--version")).isEmpty();
  }

  /** The java launcher of this JVM. */
  static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A command line for a child JVM on this JVM's class path. */
  static List<String> javaCommand(List<String> jvmArgs, Class<?> main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaLauncher());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    return cmd;
  }

  static String tail(String s) {
    String t = s.strip();
    return t.length() > 2000 ? "…" + t.substring(t.length() - 2000) : t;
  }

  private static String abbreviate(List<String> command) {
    String s = String.join(" ", command);
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }

  private static final class Drain extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    Drain(InputStream in) {
      this.in = in;
      setDaemon(true);
    }

    @Override
    public void run() {
      try (in) {
        in.transferTo(buf);
      } catch (IOException ignored) {
        // the process died
      }
    }

    String text() {
      return buf.toString(StandardCharsets.UTF_8);
    }
  }
}
