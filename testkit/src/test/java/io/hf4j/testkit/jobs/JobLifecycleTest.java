package io.hf4j.testkit.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.HubEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLifecycleTest {
  private final EmulatorSetup env = new EmulatorSetup();

  @AfterEach
  void close() {
    env.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(Map<String, Object> job) {
    return (Map<String, Object>) job.get("status");
  }

  @Test
  void quickLifeIsSchedulingRunningCompletedOnTheClock() {
    Http.Reply r = env.http.post("/api/jobs/testuser", EmulatorSetup.spec("python:3.12", "python", "-c", "print(1)"));
    assertEquals(200, r.code(), r.body());
    Map<String, Object> job = r.object();
    String id = (String) job.get("id");
    assertEquals(24, id.length());
    assertEquals("SCHEDULING", status(job).get("stage"));
    assertNull(job.get("startedAt"));
    assertEquals(Map.of("totalSecs", 0L), job.get("durations"));
    assertEquals("testuser", ((Map<?, ?>) job.get("owner")).get("name"));
    assertEquals("user", ((Map<?, ?>) job.get("initiator")).get("type"));

    env.advance(Duration.ofSeconds(1));
    Map<String, Object> running = env.http.get("/api/jobs/testuser/" + id).object();
    assertEquals("RUNNING", status(running).get("stage"));
    assertEquals("2026-11-20T12:00:01Z", running.get("startedAt"));
    assertTrue(env.jobs.logLines(id).get(0).startsWith("===== Job started at 2026-11-20 12:00:01"), env.jobs.logLines(id).toString());

    env.advance(Duration.ofSeconds(1));
    Map<String, Object> done = env.http.get("/api/jobs/testuser/" + id).object();
    assertEquals("COMPLETED", status(done).get("stage"));
    assertEquals("2026-11-20T12:00:02Z", done.get("finishedAt"));
    assertEquals(Map.of("schedulingSecs", 1L, "runningSecs", 1L, "totalSecs", 2L), done.get("durations"));
  }

  @Test
  void scriptedFailureEndsInErrorWithItsMessage() {
    env.jobs.script("python:*", JobScript.builder().scheduling(Duration.ZERO)
        .log(Duration.ofSeconds(1), "loading").fail(Duration.ofSeconds(2), "CUDA out of memory").build());
    String id = env.submit(EmulatorSetup.spec("python:3.12", "python", "train.py"));
    env.advance(Duration.ofSeconds(5));
    Map<String, Object> job = env.http.get("/api/jobs/testuser/" + id).object();
    assertEquals("ERROR", status(job).get("stage"));
    assertEquals("CUDA out of memory", status(job).get("message"));
    assertEquals("loading", env.jobs.logLines(id).get(1));
  }

  @Test
  void timeoutEndsInErrorJobTimeout() {
    env.jobs.scriptNext(JobScript.builder().runUntilStopped().build());
    Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "sleep", "infinity");
    spec.put("timeoutSeconds", 60);
    String id = env.submit(spec);
    env.advance(Duration.ofSeconds(60));
    assertEquals("RUNNING", env.stage(id));
    env.advance(Duration.ofSeconds(1));
    assertEquals("ERROR", env.stage(id));
    assertEquals("Job timeout", env.jobs.message(id));
  }

  @Test
  void defaultTimeoutIsThirtyMinutes() {
    env.jobs.scriptNext(JobScript.builder().runUntilStopped().build());
    String id = env.submit(EmulatorSetup.spec("python:3.12", "sleep", "infinity"));
    env.advance(Duration.ofMinutes(30));
    assertEquals("RUNNING", env.stage(id));
    env.advance(Duration.ofSeconds(1));
    assertEquals("ERROR", env.stage(id));
  }

  @Test
  void cancelWhileRunning() {
    env.jobs.scriptNext(JobScript.builder().runUntilStopped().build());
    String id = env.submit(EmulatorSetup.spec("python:3.12", "sleep", "infinity"));
    env.advance(Duration.ofSeconds(2));
    Http.Reply r = env.http.post("/api/jobs/testuser/" + id + "/cancel", null);
    assertEquals(200, r.code(), r.body());
    assertEquals("CANCELED", status(r.object()).get("stage"));
    assertNotNull(r.object().get("finishedAt"));
    Http.Reply again = env.http.post("/api/jobs/testuser/" + id + "/cancel", null);
    assertEquals("CANCELED", status(again.object()).get("stage"));
  }

  @Test
  void exposedPortsAndSshAppearWhileRunning() {
    Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python", "-m", "http.server");
    spec.put("expose", Map.of("ports", List.of(8000)));
    spec.put("ssh", Map.of("enabled", true));
    String id = env.submit(spec);
    env.advance(Duration.ofSeconds(1));
    Map<String, Object> s = status(env.http.get("/api/jobs/testuser/" + id).object());
    assertEquals(List.of("https://" + id + "--8000.hf.jobs"), s.get("exposeUrls"));
    assertEquals("ssh://" + id + "@ssh.hf.jobs", s.get("sshUrl"));
  }

  @Test
  void secretsAreReturnedAsNamesOnly() {
    Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python");
    spec.put("secrets", Map.of("HF_TOKEN", "hf_secret_value"));
    Http.Reply r = env.http.post("/api/jobs/testuser", spec);
    assertEquals(List.of("HF_TOKEN"), r.object().get("secrets"));
    assertTrue(!r.body().contains("hf_secret_value"));
  }

  @Test
  void badSpecsAreRefusedWith400() {
    assertEquals(400, env.http.post("/api/jobs/testuser", EmulatorSetup.spec("python:3.12")).code());
    Map<String, Object> both = EmulatorSetup.spec("python:3.12", "python");
    both.put("spaceId", "a/b");
    assertEquals(400, env.http.post("/api/jobs/testuser", both).code());
    Map<String, Object> flavor = EmulatorSetup.spec("python:3.12", "python");
    flavor.put("flavor", "a10g-smal");
    Http.Reply r = env.http.post("/api/jobs/testuser", flavor);
    assertEquals(400, r.code());
    assertTrue(r.body().contains("a10g-smal"), r.body());
  }

  @Test
  void accessIsChecked() {
    Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python");
    assertEquals(401, env.http.as(null).post("/api/jobs/testuser", spec).code());
    assertEquals(403, env.http.as(HubEmulator.DEFAULT_READ_TOKEN).post("/api/jobs/testuser", spec).code());
    assertEquals(403, env.http.as(HubEmulator.OTHER_USER_TOKEN).post("/api/jobs/testuser", spec).code());
    assertEquals(200, env.http.post("/api/jobs/testorg", spec).code(), "members run jobs in their orgs");
    env.jobs.denyJobs("testorg", "Jobs need a positive credit balance in 'testorg'");
    Http.Reply denied = env.http.post("/api/jobs/testorg", spec);
    assertEquals(403, denied.code());
    assertTrue(denied.body().contains("positive credit balance"), denied.body());
  }

  @Test
  void unknownJobIs404() {
    assertEquals(404, env.http.get("/api/jobs/testuser/000000000000000000000000").code());
    assertEquals(404, env.http.get("/api/jobs/testuser/000000000000000000000000/logs").code());
  }

  @Test
  void labelsAreReplacedAndJobsDuplicated() {
    Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python");
    spec.put("labels", Map.of("name", "a"));
    String id = env.submit(spec);
    Http.Reply r = env.http.put("/api/jobs/testuser/" + id + "/labels", Map.of("labels", Map.of("env", "dev")));
    assertEquals(Map.of("env", "dev"), r.object().get("labels"));
    assertEquals(400, env.http.put("/api/jobs/testuser/" + id + "/labels", Map.of("labels", Map.of("bad key", "x"))).code());
    Http.Reply dup = env.http.post("/api/jobs/testuser/" + id + "/duplicate", null);
    assertEquals(200, dup.code(), dup.body());
    assertEquals(Map.of("type", "duplicated-job", "id", id), dup.object().get("initiator"));
    assertEquals(Map.of("env", "dev"), dup.object().get("labels"));
  }

  @Test
  void hardwareListsEveryFlavor() {
    List<Object> list = env.http.as(null).get("/api/jobs/hardware").list();
    assertEquals(26, list.size());
    Map<?, ?> t4 = (Map<?, ?>) list.get(4);
    assertEquals("t4-small", t4.get("name"));
    assertEquals("T4", ((Map<?, ?>) t4.get("accelerator")).get("model"));
    assertEquals("minute", t4.get("unitLabel"));
    assertNull(((Map<?, ?>) list.get(0)).get("accelerator"));
  }
}
