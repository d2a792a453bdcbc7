package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.HubEmulator;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Whatever goes wrong, the CLI prints one sanitized line (a stack trace only with --debug) and a typed exit code. */
class CliHardeningTest {
  private static HubEmulator hub;
  @TempDir Path home;
  @StartStop final MockWebServer hostile = new MockWebServer();
  private CliRunner cli;

  @BeforeAll
  static void start() {
    hub = HubEmulator.builder().build().start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(hub, home);
  }

  @CommandLine.Command(name = "boom")
  static final class Boom implements java.util.concurrent.Callable<Integer> {
    final Throwable failure;

    Boom(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      if (failure instanceof Error e) throw e;
      throw (Exception) failure;
    }
  }

  private CliRunner.Result boom(Throwable t, String... args) {
    return cli.run(cl -> cl.addSubcommand("boom", new Boom(t)), args);
  }

  @Test
  void unexpectedFailuresAreOneLineWithoutDebugAndTracedWithIt() {
    for (Throwable t : new Throwable[] {new IllegalStateException("unexpected state"), new StackOverflowError("deep"),
        new OutOfMemoryError("Java heap space")}) {
      CliRunner.Result r = boom(t, "boom");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(1, r.errLines().size(), "one line, no stack trace: " + r);
      assertTrue(r.err().startsWith("error: " + t.getClass().getSimpleName()), r.toString());
      CliRunner.Result debug = boom(t, "--debug", "boom");
      assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace: " + debug);
    }
  }

  @Test
  void controlCharactersFromTheServerAreEscaped() {
    hostile.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"gone \\u001b]0;pwned\\u0007\\u001b[2J\\u202edone\"}").build());
    CliRunner.Result r = cli.env("HF_ENDPOINT", hostile.url("/").toString()).run("auth", "whoami");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.toString());
    assertFalse(r.err().chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), r.toString());
    assertTrue(r.err().contains("\\u001b"), r.toString());
  }

  @Test
  void controlCharactersInServerDataNeverReachTheTerminal() {
    String hostileWhoami = "{\"type\":\"user\",\"name\":\"evil\u001b[2J\u009b31m\",\"fullname\":\"\u202eredro\","
        + "\"orgs\":[{\"name\":\"org\u0007\"}]}";
    for (String format : new String[] {"table", "json"}) {
      hostile.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(hostileWhoami).build());
      CliRunner.Result r = cli.env("HF_ENDPOINT", hostile.url("/").toString()).run("--format", format, "auth", "whoami");
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.out().chars().anyMatch(c -> c == 0x1b || c == 0x9b || c == 0x07 || c == 0x202e), format + ": " + r);
      assertTrue(r.out().contains("evil"), r.toString());
    }
  }

  @Test
  void aNonAsciiTokenIsATypedErrorThatDoesNotShowTheToken() {
    String token = "hf_caf\u00e9secretvalue";
    CliRunner.Result r = cli.run("--token", token, "auth", "whoami");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.toString());
    assertTrue(r.err().contains("token") && r.err().contains("not ASCII"), r.toString());
    assertFalse(r.err().contains("secretvalue") || r.err().contains("IllegalArgument"), r.toString());
  }

  @Test
  void zeroTimeoutsAreUsageErrors() {
    CliRunner.Result run = cli.run("jobs", "run", "--timeout", "0", "python:3.12", "python", "-c", "1");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("--timeout"), run.toString());
    CliRunner.Result wait = cli.run("spaces", "wait", "testuser/app", "--timeout", "0s");
    assertEquals(2, wait.exitCode(), wait.toString());
    assertTrue(hub.requests().stream().noneMatch(q -> q.path().startsWith("/api/jobs")), "no job was started");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "--limit | repos ls --limit 0",
      "--limit | repos ls --limit -3",
      "--limit | repos commits testuser/none --limit -1",
      "--tail  | spaces logs testuser/app --tail -1",
      "--port  | emulator --port -1",
      "--port  | emulator --port 70000"})
  void negativeAndMeaninglessCountsAreUsageErrorsNamingTheOption(String option, String command) {
    CliRunner.Result r = cli.run(command.split(" "));
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains(option), r.toString());
  }
}
