package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spaces.SpacesEmulation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpacesCommandTest {
  private static EmulatorClock clock;
  private static HubEmulator hub;
  private static SpacesEmulation spaces;
  @TempDir Path home;
  @TempDir Path work;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    clock = EmulatorClock.accelerated(60);
    hub = HubEmulator.builder().clock(clock).build().start();
    spaces = hub.module(SpacesEmulation.class);
    spaces.setBuildDuration(Duration.ofSeconds(1));
    spaces.setStartDuration(Duration.ofSeconds(1));
  }

  @AfterAll
  static void stop() {
    hub.close();
    clock.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(hub, home);
  }

  /** A docker Space with a Dockerfile, running. */
  private String runningSpace(String name) throws Exception {
    String id = "testuser/" + name;
    hub.repos().create(RepoType.SPACE, id, false, Map.of("sdk", "docker"));
    hub.repos().commit(RepoType.SPACE, id, "main", "app", Map.of("Dockerfile", "FROM python:3.12\n".getBytes(StandardCharsets.UTF_8)), Set.of());
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Objects.requireNonNull(spaces.stage(id)).equals("RUNNING") && System.nanoTime() < deadline) Thread.sleep(10);
    return id;
  }

  @Test
  void runtimePauseRestartAndWait() throws Exception {
    String id = runningSpace("cli-app");
    CliRunner.Result runtime = cli.run("spaces", "runtime", id, "--format", "json");
    assertEquals(0, runtime.exitCode(), runtime.toString());
    assertEquals("RUNNING", runtime.object().get("stage"));
    assertEquals("cpu-basic", runtime.object().get("hardware"));

    CliRunner.Result table = cli.run("spaces", "runtime", id);
    assertTrue(table.out().lines().anyMatch(l -> l.matches("stage:\\s+RUNNING")), table.out());

    assertEquals("PAUSED", cli.run("spaces", "pause", id, "--format", "json").object().get("stage"));
    assertEquals("PAUSED", spaces.stage(id));

    CliRunner.Result restart = cli.run("spaces", "restart", id, "--factory-reboot", "--format", "json");
    assertEquals(0, restart.exitCode(), restart.toString());
    assertTrue(List.of("BUILDING", "APP_STARTING", "RUNNING").contains(restart.object().get("stage")), restart.out());

    CliRunner.Result waited = cli.run("spaces", "wait", id, "--timeout", "10m", "--format", "json");
    assertEquals(0, waited.exitCode(), waited.toString());
    assertEquals("RUNNING", waited.object().get("stage"));
  }

  @Test
  void waitFailsInOneLineOnABuildError() throws Exception {
    String id = runningSpace("cli-broken");
    spaces.failNextBuild(id, "COPY failed: file not found: requirements.txt");
    assertEquals(0, cli.run("spaces", "restart", id).exitCode());
    CliRunner.Result r = cli.run("spaces", "wait", id);
    assertEquals(1, r.exitCode(), r.toString());
    List<String> lines = r.errLines().stream().filter(l -> l.startsWith("error:")).toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).contains("BUILD_ERROR") && lines.get(0).contains("requirements.txt"), r.err());
  }

  @Test
  void secretsAndVariables() throws Exception {
    String id = runningSpace("cli-settings");
    Path envFile = Files.writeString(work.resolve("prod.env"), "DATABASE_URL=postgres://u:p@db/app\n# comment\nJWT_SECRET_KEY=s3cr3t\n");

    CliRunner.Result add = cli.run("spaces", "secrets", "add", id, "-s", "CORS_ORIGINS=https://a.example,https://b.example",
        "--env-file", envFile.toString(), "--format", "json");
    assertEquals(0, add.exitCode(), add.toString());
    assertEquals(Set.of("DATABASE_URL", "JWT_SECRET_KEY", "CORS_ORIGINS"), Set.copyOf((List<?>) add.object().get("secrets_set")));
    assertEquals("https://a.example,https://b.example", spaces.secretValue(id, "CORS_ORIGINS"));
    assertEquals("s3cr3t", spaces.secretValue(id, "JWT_SECRET_KEY"));

    CliRunner.Result ls = cli.run("spaces", "secrets", "ls", id, "--format", "json");
    assertEquals(0, ls.exitCode(), ls.toString());
    assertEquals(Set.of("DATABASE_URL", "JWT_SECRET_KEY", "CORS_ORIGINS"), Set.copyOf(ls.list().stream().map(m -> m.get("key")).toList()));
    assertFalse(ls.out().contains("s3cr3t"), "values are never listed");

    assertEquals(0, cli.run("spaces", "secrets", "delete", id, "JWT_SECRET_KEY").exitCode());
    assertEquals(Set.of("DATABASE_URL", "CORS_ORIGINS"), spaces.secretNames(id));

    CliRunner.Result vars = cli.run("spaces", "variables", "add", id, "-e", "APP_ENV=production", "-e", "LOG_LEVEL=info", "--format", "json");
    assertEquals(0, vars.exitCode(), vars.toString());
    assertTrue(vars.list().stream().anyMatch(v -> v.get("key").equals("APP_ENV") && v.get("value").equals("production")), vars.out());
    CliRunner.Result varTable = cli.run("spaces", "variables", "ls", id);
    assertTrue(varTable.out().lines().findFirst().orElseThrow().startsWith("KEY"), varTable.out());
    assertTrue(varTable.out().lines().anyMatch(l -> l.matches("LOG_LEVEL\\s+info.*")), varTable.out());
    CliRunner.Result left = cli.run("spaces", "variables", "delete", id, "LOG_LEVEL", "--format", "json");
    assertEquals(List.of("APP_ENV"), left.list().stream().map(m -> m.get("key")).toList());

    CliRunner.Result nothing = cli.run("spaces", "secrets", "add", id);
    assertEquals(2, nothing.exitCode());
    assertEquals(1, nothing.errLines().size(), nothing.err());
  }

  @Test
  void settingsHardwareAndSleepTime() throws Exception {
    String id = runningSpace("cli-hw");
    CliRunner.Result basic = cli.run("spaces", "settings", id, "--format", "json");
    assertEquals(0, basic.exitCode(), basic.toString());
    assertEquals(172800.0, basic.object().get("sleep_time"), "cpu-basic sleeps after 48 h");

    CliRunner.Result hw = cli.run("spaces", "settings", id, "--hardware", "t4-small", "--format", "json");
    assertEquals(0, hw.exitCode(), hw.toString());
    assertEquals("t4-small", hw.object().get("requested_hardware"));

    CliRunner.Result sleep = cli.run("spaces", "settings", id, "--sleep-time", "3600", "--format", "json");
    assertEquals(0, sleep.exitCode(), sleep.toString());
    assertEquals(3600.0, sleep.object().get("sleep_time"));

    CliRunner.Result list = cli.run("spaces", "hardware", "--format", "json");
    assertEquals(0, list.exitCode(), list.toString());
    assertTrue(list.list().stream().anyMatch(h -> h.get("name").equals("t4-small")), list.out());
  }

  @Test
  void preflightExcludesDotEnvAndFailsOnAPortMismatch() throws Exception {
    Path app = Files.createDirectories(work.resolve("app"));
    Files.writeString(app.resolve("README.md"), "---\ntitle: x\nsdk: docker\napp_port: 7860\n---\n");
    Files.writeString(app.resolve("Dockerfile"), "FROM python:3.12\nEXPOSE 7860\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"7860\"]\n");
    Files.writeString(app.resolve(".env"), "SECRET=1\n");
    CliRunner.Result ok = cli.run("spaces", "preflight", app.toString(), "--format", "json");
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals(List.of(".env"), ok.object().get("excluded"));
    assertEquals("docker", ok.object().get("sdk"));
    assertFalse(((List<?>) ok.object().get("upload")).contains(".env"));

    Files.writeString(app.resolve("Dockerfile"), "FROM python:3.12\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8000\"]\n");
    CliRunner.Result bad = cli.run("spaces", "preflight", app.toString());
    assertEquals(1, bad.exitCode(), bad.toString());
    assertTrue(bad.out().contains("PORT_MISMATCH"), bad.out());
  }

  @Test
  void aMissingSpaceIsOneLine() {
    CliRunner.Result r = cli.run("spaces", "runtime", "testuser/no-such-space");
    assertEquals(1, r.exitCode(), r.toString());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().startsWith("error: 404"), r.err());
  }

  /** A docker Space whose app listens on 8080 while app_port is 7860: it ends in RUNTIME_ERROR. */
  private String wrongPortSpace(String name) throws Exception {
    String id = "testuser/" + name;
    hub.repos().create(RepoType.SPACE, id, false, Map.of("sdk", "docker"));
    hub.repos().commit(RepoType.SPACE, id, "main", "app", Map.of(
        "README.md", "---\nsdk: docker\napp_port: 7860\n---\n".getBytes(StandardCharsets.UTF_8),
        "Dockerfile", "FROM python:3.12\nCMD [\"uvicorn\", \"app:app\", \"--host\", \"0.0.0.0\", \"--port\", \"8080\"]\n"
            .getBytes(StandardCharsets.UTF_8)), Set.of());
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!Objects.requireNonNull(spaces.stage(id)).equals("RUNTIME_ERROR") && System.nanoTime() < deadline) Thread.sleep(10);
    return id;
  }

  @Test
  void waitPrintsTheLogsAndFailsWithTheDiagnosis() throws Exception {
    String id = wrongPortSpace("cli-wrong-port");
    CliRunner.Result r = cli.run("spaces", "wait", id, "--timeout", "10m");
    assertEquals(1, r.exitCode(), r.toString());
    List<String> err = r.errLines();
    assertTrue(err.contains("build | --> FROM python:3.12"), r.err());
    assertTrue(err.contains("run | INFO:     Uvicorn running on http://0.0.0.0:8080 (Press CTRL+C to quit)"), r.err());
    assertTrue(err.stream().anyMatch(l -> l.startsWith("diagnosis: The app listens on port 8080")), r.err());
    String last = err.get(err.size() - 1);
    assertTrue(last.startsWith("error: Space " + id + " failed: stage RUNTIME_ERROR") && last.contains("app_port"), last);
    assertEquals("", r.out());
  }

  @Test
  void logsPrintsTheBuildOrRunLogWithATail() throws Exception {
    String id = wrongPortSpace("cli-logs");
    CliRunner.Result build = cli.run("spaces", "logs", id, "--build");
    assertEquals(0, build.exitCode(), build.toString());
    assertEquals(spaces.buildLog(id), build.out().lines().toList());
    CliRunner.Result run = cli.run("spaces", "logs", id, "--follow");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(spaces.runLog(id), run.out().lines().toList());
    CliRunner.Result tail = cli.run("spaces", "logs", id, "--tail", "1", "--format", "json");
    assertEquals(0, tail.exitCode(), tail.toString());
    assertEquals(1, tail.out().lines().count(), tail.out());
    assertTrue(tail.out().contains("\"text\":\"Nothing answered on port 7860"), tail.out());
    CliRunner.Result missing = cli.run("spaces", "logs", "testuser/no-such-space");
    assertEquals(1, missing.exitCode(), missing.toString());
    assertTrue(missing.err().startsWith("error: 404"), missing.err());
  }
}
