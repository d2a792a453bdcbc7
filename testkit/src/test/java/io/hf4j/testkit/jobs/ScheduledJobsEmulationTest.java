package io.hf4j.testkit.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduledJobsEmulationTest {
  private final EmulatorSetup env = new EmulatorSetup();

  @AfterEach
  void close() {
    env.close();
  }

  private Map<String, Object> create(String schedule, Boolean concurrency) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobSpec", EmulatorSetup.spec("python:3.12", "python", "-c", "print(1)"));
    body.put("schedule", schedule);
    if (concurrency != null) {
      body.put("concurrency", concurrency);
    }
    Http.Reply r = env.http.post("/api/scheduled-jobs/testuser", body);
    assertEquals(200, r.code(), r.body());
    return r.object();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(Map<String, Object> o) {
    return (Map<String, Object>) o.get("status");
  }

  @Test
  void hourlyScheduleTriggersRunsOnTheClock() {
    Map<String, Object> s = create("@hourly", null);
    String id = (String) s.get("id");
    assertEquals("2026-11-20T13:00:00Z", status(s).get("nextJobRunAt"));
    assertNull(status(s).get("lastJob"));
    env.advance(Duration.ofMinutes(59));
    assertEquals(List.of(), env.jobs.runsOf(id));
    env.advance(Duration.ofMinutes(1));
    List<String> runs = env.jobs.runsOf(id);
    assertEquals(1, runs.size());
    Map<String, Object> run = env.http.get("/api/jobs/testuser/" + runs.get(0)).object();
    assertEquals(Map.of("type", "scheduled-job", "id", id), run.get("initiator"));
    Map<String, Object> after = env.http.get("/api/scheduled-jobs/testuser/" + id).object();
    assertEquals(runs.get(0), ((Map<?, ?>) status(after).get("lastJob")).get("id"));
    assertEquals("2026-11-20T14:00:00Z", status(after).get("nextJobRunAt"));
    env.advance(Duration.ofHours(2));
    assertEquals(3, env.jobs.runsOf(id).size());
  }

  @Test
  void manualTriggerIsRefusedWhileARunIsActiveWithoutConcurrency() {
    env.jobs.script("python:3.12", JobScript.builder().runUntilStopped().build());
    String id = (String) create("0 9 * * 1", false).get("id");
    Http.Reply first = env.http.post("/api/scheduled-jobs/testuser/" + id + "/run", null);
    assertEquals(200, first.code(), first.body());
    assertEquals(409, env.http.post("/api/scheduled-jobs/testuser/" + id + "/run", null).code());
    String concurrent = (String) create("0 9 * * 1", true).get("id");
    assertEquals(200, env.http.post("/api/scheduled-jobs/testuser/" + concurrent + "/run", null).code());
    assertEquals(200, env.http.post("/api/scheduled-jobs/testuser/" + concurrent + "/run", null).code());
  }

  @Test
  void suspendResumeAndDelete() {
    String id = (String) create("*/5 * * * *", null).get("id");
    assertEquals(200, env.http.post("/api/scheduled-jobs/testuser/" + id + "/suspend", null).code());
    Map<String, Object> suspended = env.http.get("/api/scheduled-jobs/testuser/" + id).object();
    assertEquals(true, suspended.get("suspend"));
    assertNull(status(suspended).get("nextJobRunAt"));
    env.advance(Duration.ofMinutes(30));
    assertEquals(List.of(), env.jobs.runsOf(id));
    assertEquals(200, env.http.post("/api/scheduled-jobs/testuser/" + id + "/resume", null).code());
    env.advance(Duration.ofMinutes(5));
    assertEquals(1, env.jobs.runsOf(id).size());
    assertEquals(1, env.http.get("/api/scheduled-jobs/testuser").list().size());
    assertEquals(200, env.http.delete("/api/scheduled-jobs/testuser/" + id).code());
    assertEquals(404, env.http.get("/api/scheduled-jobs/testuser/" + id).code());
    env.advance(Duration.ofMinutes(30));
    assertEquals(1, env.jobs.runsOf(id).size());
  }

  @Test
  void badSchedulesAndSshAreRefused() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobSpec", EmulatorSetup.spec("python:3.12", "python"));
    body.put("schedule", "@often");
    assertEquals(400, env.http.post("/api/scheduled-jobs/testuser", body).code());
    body.put("schedule", "61 * * * *");
    assertEquals(400, env.http.post("/api/scheduled-jobs/testuser", body).code());
    Map<String, Object> ssh = EmulatorSetup.spec("python:3.12", "python");
    ssh.put("ssh", Map.of("enabled", true));
    body.put("schedule", "@daily");
    body.put("jobSpec", ssh);
    assertEquals(400, env.http.post("/api/scheduled-jobs/testuser", body).code());
  }

  @Test
  void cronComputesNextRuns() {
    Instant monday = Instant.parse("2026-11-23T08:59:00Z");
    assertEquals(Instant.parse("2026-11-23T09:00:00Z"), Cron.parse("0 9 * * 1").next(monday));
    assertEquals(Instant.parse("2026-11-30T09:00:00Z"), Cron.parse("0 9 * * MON").next(Instant.parse("2026-11-23T09:00:00Z")));
    assertEquals(Instant.parse("2026-11-23T09:05:00Z"), Cron.parse("*/5 * * * *").next(Instant.parse("2026-11-23T09:01:30Z")));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Cron.parse("@yearly").next(monday));
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), Cron.parse("@monthly").next(monday));
    assertEquals(Instant.parse("2026-11-29T00:00:00Z"), Cron.parse("@weekly").next(monday));
    assertEquals(Instant.parse("2026-11-23T10:30:00Z"), Cron.parse("30 10-12 * * *").next(monday));
    assertEquals(Instant.parse("2026-11-27T00:00:00Z"), Cron.parse("0 0 1 * 5").next(monday), "either day field matches");
    assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 9 * *"));
    assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 24 * * *"));
    assertTrue(Cron.parse("0 0 30 2 *").next(monday) == null);
  }
}
