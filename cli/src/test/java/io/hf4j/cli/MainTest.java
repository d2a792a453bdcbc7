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

  /** Main in its own JVM (with the HTTP client prepared on a second thread) with exactly this environment. */
  private static Result main(java.util.Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out, err);
  }

  /** The same command line in this JVM, as before the preparation existed: no second thread, nothing prepared. */
  private static Result inProcess(java.util.Map<String, String> env, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Hf4j.commandLine(env, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), false, args)
        .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int exit, String out, String err) {
    /** With the server's request id (new for each request) left out. */
    Result comparable() {
      return new Result(exit, out, err.replaceAll("request id [^)]*", "request id <id>"));
    }
  }

  @Test
  void withTheClientPreparedAheadEveryOutcomePrintsWhatItPrintedWithout() throws Exception {
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      String emptyHome = home.resolve("empty").toString();
      java.util.Map<String, String> ok = java.util.Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken(),
          "HF_HOME", home.toString());
      List<java.util.Map<String, String>> envs = List.of(
          ok,
          java.util.Map.of("HF_ENDPOINT", "ftp://hub.example", "HF_TOKEN", "hf_x", "HF_HOME", emptyHome),
          java.util.Map.of("HF_ENDPOINT", hub.url(), "HF_HOME", emptyHome),
          java.util.Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", "hf_not_a_token", "HF_HOME", emptyHome),
          java.util.Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken(), "HF_HOME", emptyHome,
              "HF_HUB_OFFLINE", "1"),
          // The prepared client is for https (the default endpoint), the command's is http: it builds its own.
          java.util.Map.of("HF_TOKEN", hub.writeToken(), "HF_HOME", emptyHome));
      for (java.util.Map<String, String> env : envs) {
        String[] args = env == envs.get(envs.size() - 1) ? new String[] {"--endpoint", hub.url(), "auth", "whoami"}
            : new String[] {"auth", "whoami"};
        Result separate = main(env, args);
        Result same = inProcess(env, args);
        assertEquals(same.comparable(), separate.comparable(), env.toString());
        assertEquals(env == ok || env == envs.get(envs.size() - 1) ? 0 : 1, separate.exit(), separate.toString());
      }
      assertTrue(main(ok, "auth", "whoami").out().contains("testuser"));
    }
  }

  @Test
  void versionIsTheProjectsCompiledIn() throws Exception {
    Result r = main(java.util.Map.of("HF_HOME", home.toString()), "--version");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("hf4j " + System.getProperty("hf4j.test.projectVersion") + " (java " + System.getProperty("java.version")
        + ")", r.out().strip());
  }

  @Test
  void theHttpClientIsPreparedAheadOnlyForACommandThatMaySendARequest() {
    assertTrue(Main.preparesHttp("auth", new String[] {"auth", "whoami"}));
    assertTrue(Main.preparesHttp("upload", new String[] {"upload", "a/b", ".", "--", "--help"}));
    assertFalse(Main.preparesHttp(null, new String[] {"--version"}));
    assertFalse(Main.preparesHttp(null, new String[] {"nonsense"}));
    assertFalse(Main.preparesHttp("emulator", new String[] {"emulator"}));
    assertFalse(Main.preparesHttp("auth", new String[] {"auth", "whoami", "--help"}));
    assertFalse(Main.preparesHttp("auth", new String[] {"auth", "-h"}));
    assertFalse(Main.preparesHttp("repos", new String[] {"repos", "-V"}));
  }

  @Test
  void thePreparedClientIsCleartextOnlyForAnHttpEndpoint() {
    java.util.Map<String, String> env = java.util.Map.of("HF_ENDPOINT", "http://127.0.0.1:8080");
    assertTrue(Main.cleartextEndpoint(new String[] {"auth", "whoami"}, env));
    assertFalse(Main.cleartextEndpoint(new String[] {"--endpoint", "https://hub.example", "auth", "whoami"}, env));
    assertFalse(Main.cleartextEndpoint(new String[] {"--endpoint=https://hub.example", "auth", "whoami"}, env));
    assertTrue(Main.cleartextEndpoint(new String[] {"--endpoint", "HTTP://mirror", "auth", "whoami"}, java.util.Map.of()));
    assertFalse(Main.cleartextEndpoint(new String[] {"auth", "whoami"}, java.util.Map.of()), "default: huggingface.co");
    assertFalse(Main.cleartextEndpoint(new String[] {"upload", "--", "--endpoint", "http://x"}, java.util.Map.of()));
  }
}
