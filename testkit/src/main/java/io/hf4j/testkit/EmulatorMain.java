package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link HubEmulator} until the process is stopped.
 *
 * <pre>
 * java -cp ... io.hf4j.testkit.EmulatorMain [--port 8080] [--storage-port 0] [--data DIR]
 *     [--lfs-threshold BYTES] [--chunk-size BYTES]
 * </pre>
 *
 * Prints the endpoint and the (emulated) tokens to use, e.g. {@code HF_ENDPOINT} and {@code HF_TOKEN}.
 */
public final class EmulatorMain {
  private EmulatorMain() {}

  /**
   * Starts the emulator and serves until the process is stopped (Ctrl-C); exits with 2 on a bad argument.
   *
   * @param args the options (see the class comment; {@code --help} prints them)
   * @throws InterruptedException when the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    HubEmulator.Builder builder;
    try {
      builder = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      System.exit(2);
      return;
    }
    if (builder == null) {
      usage(System.out);
      return;
    }
    HubEmulator hub = builder.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "hf4j-emulator-shutdown"));
    System.out.println("hf4j Hub emulator running (Ctrl-C to stop)");
    System.out.println("  HF_ENDPOINT=" + hub.url());
    System.out.println("  HF_TOKEN=" + hub.writeToken() + "   (emulated write token of user " + hub.userName() + ")");
    System.out.println("  read-only token: " + hub.readToken());
    System.out.println("  storage: " + hub.storageUrl());
    System.out.println("  data: " + hub.storageDirectory());
    System.out.flush();
    stopped.await();
  }

  /** The configured builder, or null when help was asked for. */
  static HubEmulator.@Nullable Builder parse(String[] args) {
    HubEmulator.Builder b = HubEmulator.builder();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        return null;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--port":
          b.port(intArg(a, v));
          break;
        case "--storage-port":
          b.storagePort(intArg(a, v));
          break;
        case "--data":
          b.dataDir(Path.of(v));
          break;
        case "--lfs-threshold":
          b.lfsThreshold(longArg(a, v));
          break;
        case "--chunk-size":
          b.multipartChunkSize(longArg(a, v));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + a);
      }
    }
    return b;
  }

  private static int intArg(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs an integer, got " + v);
    }
  }

  private static long longArg(String name, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs an integer, got " + v);
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: EmulatorMain [--port N] [--storage-port N] [--data DIR] [--lfs-threshold BYTES] [--chunk-size BYTES]");
  }
}
