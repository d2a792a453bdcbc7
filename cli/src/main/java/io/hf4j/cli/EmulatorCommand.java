package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.testkit.HubEmulator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hf4j emulator}: the testkit's Hub emulator (repos, uploads, downloads, Jobs, Spaces) on this
 * machine, until stopped. It prints its URL and an emulated test token, which means nothing to the real
 * Hub.
 */
@Command(name = "emulator", description = "Run a local Hub emulator (with Jobs and Spaces) until stopped; prints its URL and a test token.")
final class EmulatorCommand extends BaseCommand {
  @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "API port (default: any free port).")
  int port;

  @Option(names = "--data", paramLabel = "DIR", description = "Keep repos here across restarts (default: in memory).")
  @Nullable Path data;

  /** Counted down once the emulator runs; tests wait on it. */
  final CountDownLatch started = new CountDownLatch(1);

  @Override
  public Integer call() {
    if (port > 65535) throw new Errors.CliException("--port must be <= 65535 but was " + port, Errors.USAGE);
    HubEmulator.Builder builder = HubEmulator.builder().port(atLeast(port, 0, "--port"));
    if (data != null) builder.dataDir(data);
    HubEmulator hub = builder.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      hub.close();
      stopped.countDown();
    }, "hf4j-emulator-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("endpoint", hub.url());
      info.put("token", hub.writeToken());
      info.put("read_token", hub.readToken());
      info.put("user", hub.userName());
      info.put("data", data == null ? null : hub.storageDirectory());
      if (root().format == Output.Format.json) {
        print(info);
      } else {
        out().println("hf4j Hub emulator running; stop it with Ctrl-C");
        out().println("  export HF_ENDPOINT=" + hub.url());
        out().println("  export HF_TOKEN=" + hub.writeToken() + "   # emulated test token of user " + hub.userName()
            + ", valid on this emulator only");
        out().println("  read-only token: " + hub.readToken());
        out().println("  data: " + (data == null ? "in memory (gone when stopped)" : hub.storageDirectory()));
        out().flush();
      }
      started.countDown();
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook closes the emulator
      }
      hub.close();
    }
    return 0;
  }
}
