package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.jobs.JobsEmulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsCommandTest {
  private static EmulatorClock clock;
  private static HubEmulator hub;
  @TempDir Path home;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    clock = EmulatorClock.accelerated(60);
    hub = HubEmulator.builder().clock(clock).build().start();
    // "python:3.12" runs in process: it prints its command and the names of its secrets, and fails on "fail".
    hub.jobImages().bind("python:3.12", job -> {
      job.log("running " + String.join(" ", job.command()));
      job.log("secrets " + job.secrets().keySet());
      job.log("MODE=" + job.environment().get("MODE"));
      return job.command().contains("fail") ? 3 : 0;
    });
    // "sleeper" runs until cancelled.
    hub.jobImages().bind("sleeper", job -> {
      job.log("sleeping");
      job.sleep(Duration.ofHours(1));
      return 0;
    });
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

  @Test
  void runFollowsTheLogsAndExitsWithTheJobsSuccess() {
    CliRunner.Result ok = cli.env("API_KEY", "k-123").run("jobs", "run", "-e", "MODE=train", "-s", "HF_TOKEN", "-s", "API_KEY",
        "python:3.12", "python", "-c", "print(1)");
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals(List.of("running python -c print(1)", "secrets [HF_TOKEN, API_KEY]", "MODE=train"), ok.out().lines().toList());
    assertTrue(ok.err().contains(" COMPLETED"), ok.err());

    CliRunner.Result failed = cli.run("jobs", "run", "python:3.12", "python", "fail");
    assertEquals(1, failed.exitCode(), failed.toString());
    assertTrue(failed.out().contains("running python fail"), failed.out());
    assertTrue(failed.errLines().stream().anyMatch(l -> l.startsWith("error: job ") && l.contains("ended in ERROR")), failed.err());
    assertFalse(failed.err().contains(hub.writeToken()));
  }

  @Test
  void quietRunPrintsNothingAndStillExitsWithTheJobsSuccess() {
    CliRunner.Result ok = cli.run("-q", "jobs", "run", "python:3.12", "python", "ok.py");
    assertEquals(0, ok.exitCode(), ok.toString());
    assertEquals("", ok.out());
    assertEquals("", ok.err());
    CliRunner.Result failed = cli.run("jobs", "run", "--quiet", "python:3.12", "python", "fail");
    assertEquals(1, failed.exitCode(), failed.toString());
    assertEquals("", failed.out());
    assertTrue(failed.err().startsWith("error: job "), "a failure is still reported: " + failed.err());
  }

  @Test
  void runWithJsonPrintsTheFinalJobAndKeepsTheLogOffStdout() {
    CliRunner.Result r = cli.run("--format", "json", "jobs", "run", "--flavor", "cpu-upgrade", "--timeout", "5m", "python:3.12", "python", "x.py");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> job = r.object();
    assertEquals("COMPLETED", job.get("stage"));
    assertEquals("cpu-upgrade", job.get("flavor"));
    assertEquals(300.0, job.get("timeout_seconds"));
    assertEquals(List.of("python", "x.py"), job.get("command"));
    assertTrue(r.err().contains("running python x.py"), "the log goes to stderr under --format json: " + r.err());
  }

  @Test
  void detachPsInspectLogsAndCancel() throws Exception {
    CliRunner.Result started = cli.run("jobs", "run", "--detach", "sleeper", "sleep", "infinity");
    assertEquals(0, started.exitCode(), started.toString());
    String id = started.out();
    assertTrue(id.matches("[0-9a-f]{24}"), id);

    JobsEmulation jobs = hub.module(JobsEmulation.class);
    // The job leaves SCHEDULING after 1 s of emulated time; a timer 2 s out fires after that transition.
    java.util.concurrent.CountDownLatch scheduled = new java.util.concurrent.CountDownLatch(1);
    clock.schedule(Duration.ofSeconds(2), scheduled::countDown);
    assertTrue(scheduled.await(20, java.util.concurrent.TimeUnit.SECONDS), "the emulated clock runs");
    assertEquals("RUNNING", jobs.stage(id));

    CliRunner.Result ps = cli.run("jobs", "ps", "--format", "json");
    assertEquals(0, ps.exitCode(), ps.toString());
    assertTrue(ps.list().stream().anyMatch(j -> j.get("id").equals(id) && j.get("stage").equals("RUNNING")), ps.out());
    CliRunner.Result table = cli.run("jobs", "ps");
    assertTrue(table.out().lines().findFirst().orElseThrow().matches("ID\\s+IMAGE\\s+COMMAND\\s+CREATED\\s+STAGE\\s+FLAVOR"), table.out());

    CliRunner.Result inspect = cli.run("jobs", "inspect", id, "--format", "json");
    assertEquals("RUNNING", inspect.object().get("stage"), inspect.toString());
    assertEquals("sleeper", inspect.object().get("image"));

    CliRunner.Result logs = cli.run("jobs", "logs", id);
    assertEquals(0, logs.exitCode(), logs.toString());
    assertEquals("sleeping", logs.out());
    CliRunner.Result jsonLogs = cli.run("jobs", "logs", id, "--format", "json");
    assertEquals("sleeping", jsonLogs.object().get("text"), jsonLogs.toString());
    assertTrue(String.valueOf(jsonLogs.object().get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), jsonLogs.out());

    CliRunner.Result cancel = cli.run("jobs", "cancel", id, "--format", "json");
    assertEquals(0, cancel.exitCode(), cancel.toString());
    assertEquals("CANCELED", cancel.object().get("stage"));

    CliRunner.Result running = cli.run("jobs", "ps", "--format", "json");
    assertTrue(running.list().stream().noneMatch(j -> j.get("id").equals(id)), running.out());
    CliRunner.Result everything = cli.run("jobs", "ps", "-a", "--format", "json");
    assertTrue(everything.list().stream().anyMatch(j -> j.get("id").equals(id) && j.get("stage").equals("CANCELED")), everything.out());
  }

  @Test
  void hardwareListsFlavorsWithHourlyPrices() {
    CliRunner.Result r = cli.run("jobs", "hardware", "--format", "json");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> cpu = r.list().stream().filter(h -> h.get("name").equals("cpu-basic")).findFirst().orElseThrow();
    assertTrue(cpu.get("cost_per_hour_usd") instanceof Double, cpu.toString());
    assertEquals(null, cpu.get("accelerator"));
    assertTrue(r.list().stream().anyMatch(h -> String.valueOf(h.get("accelerator")).contains("T4")), r.out());
  }

  @Test
  void errorsAreOneLine() {
    CliRunner.Result unknown = cli.run("jobs", "inspect", "0123456789abcdef01234567");
    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertEquals(1, unknown.errLines().size(), unknown.err());
    assertTrue(unknown.err().startsWith("error: 404"), unknown.err());

    CliRunner.Result badFlavor = cli.run("jobs", "run", "--flavor", "cpu-basc", "python:3.12", "python");
    assertEquals(1, badFlavor.exitCode(), badFlavor.toString());
    assertEquals(1, badFlavor.errLines().size(), badFlavor.err());
    assertTrue(badFlavor.err().contains("cpu-basic"), "suggests the nearest flavor: " + badFlavor.err());

    CliRunner.Result noCommand = cli.run("jobs", "run", "python:3.12");
    assertEquals(2, noCommand.exitCode(), noCommand.toString());
    assertEquals(1, noCommand.errLines().size(), noCommand.err());

    CliRunner.Result unsetSecret = cli.env("NOT_SET_ANYWHERE", null).run("jobs", "run", "-s", "NOT_SET_ANYWHERE", "python:3.12", "python");
    assertEquals(2, unsetSecret.exitCode(), unsetSecret.toString());
    assertTrue(unsetSecret.err().contains("NOT_SET_ANYWHERE is not set"), unsetSecret.err());
  }
}
