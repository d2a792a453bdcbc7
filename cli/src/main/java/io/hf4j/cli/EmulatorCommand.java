package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.testkit.HubEmulator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hf4j emulator}: the testkit's Hub emulator (repos, uploads, downloads, Jobs, Spaces) on this
 * machine, until stopped. It prints its URL and an emulated test token, which means nothing to the real
 * Hub.
 */
final class EmulatorCommand extends BaseCommand {
  int port;
  @Nullable Path data;

  @Override
  CommandSpec define() {
    CommandSpec spec = Model.command(this, "emulator",
        "Run a local Hub emulator (with Jobs and Spaces) until stopped; prints its URL and a test token.");
    spec.addOption(Model.value(int.class, () -> port, v -> port = v, "N", "API port (default: any free port).", "--port")
        .defaultValue("0").build());
    spec.addOption(Model.value(Path.class, () -> data, v -> data = v, "DIR",
        "Keep repos here across restarts (default: in memory).", "--data").build());
    return spec;
  }

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
