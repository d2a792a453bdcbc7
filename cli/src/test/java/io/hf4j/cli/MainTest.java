package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in its own JVM: exit codes, and --debug's redacted curl lines through SLF4J. */
class MainTest {
  @TempDir Path home;

  private Process start(HubEmulator hub, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HF_ENDPOINT", hub.url());
    pb.environment().put("HF_TOKEN", hub.writeToken());
    pb.environment().put("HF_HOME", home.toString());
    pb.environment().remove("HF_DEBUG");
    return pb.start();
  }

  @Test
  void debugPrintsRedactedCurlLinesAndTheExitCodeIsTheCommands() throws Exception {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      Process p = start(hub, "--debug", "auth", "whoami");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out + err);
      assertTrue(out.contains("testuser"), out);
      assertTrue(err.contains("curl -X GET") && err.contains("/api/whoami-v2"), err);
      assertTrue(err.contains("Bearer <TOKEN>"), err);
      assertFalse(err.contains(hub.writeToken()) || out.contains(hub.writeToken()), "the token is redacted");

      Process quiet = start(hub, "repos", "delete", "testuser/none");
      String qOut = new String(quiet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String qErr = new String(quiet.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(quiet.waitFor(60, TimeUnit.SECONDS));
      assertEquals(1, quiet.exitValue());
      assertEquals("", qOut);
      assertEquals(1, qErr.strip().lines().count(), "one line, no curl lines, no stack trace: " + qErr);
      assertTrue(qErr.startsWith("error: 404"), qErr);
    }
  }

  @Test
  void tlsIsWarmedUpOnlyForAnHttpsEndpoint() {
    java.util.Map<String, String> env = java.util.Map.of("HF_ENDPOINT", "http://127.0.0.1:8080");
    assertTrue(Main.cleartextEndpoint(new String[] {"auth", "whoami"}, env));
    assertFalse(Main.cleartextEndpoint(new String[] {"--endpoint", "https://hub.example", "auth", "whoami"}, env));
    assertFalse(Main.cleartextEndpoint(new String[] {"--endpoint=https://hub.example", "auth", "whoami"}, env));
    assertTrue(Main.cleartextEndpoint(new String[] {"--endpoint", "HTTP://mirror", "auth", "whoami"}, java.util.Map.of()));
    assertFalse(Main.cleartextEndpoint(new String[] {"auth", "whoami"}, java.util.Map.of()), "default: huggingface.co");
    assertFalse(Main.cleartextEndpoint(new String[] {"upload", "--", "--endpoint", "http://x"}, java.util.Map.of()));
  }
}
