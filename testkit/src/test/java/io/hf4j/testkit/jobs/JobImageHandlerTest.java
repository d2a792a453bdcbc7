package io.hf4j.testkit.jobs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.testkit.HubEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobImageHandlerTest {
  private final EmulatorSetup env = new EmulatorSetup();

  @AfterEach
  void close() {
    env.close();
  }

  private void awaitStage(String id, String stage) throws InterruptedException {
    for (int i = 0; i < 200 && !stage.equals(env.jobs.stage(id)); i++) {
      Thread.sleep(10);
    }
    assertEquals(stage, env.jobs.stage(id));
  }

  @Test
  void boundHandlerRunsWithTheJobsEnvironmentSecretsAndAConfig() throws Exception {
    AtomicReference<JobRun> seen = new AtomicReference<>();
    AtomicReference<HfConfig> config = new AtomicReference<>();
    env.hub.jobImages().bind("acme/trainer:*", job -> {
      seen.set((JobRun) job);
      config.set(((JobRun) job).hfConfig());
      job.log("epoch 1\nepoch 2");
      return 0;
    });
    Map<String, Object> spec = EmulatorSetup.spec("acme/trainer:1.0", "python", "train.py");
    spec.put("environment", Map.of("EPOCHS", "2"));
    spec.put("secrets", Map.of("HF_TOKEN", HubEmulator.DEFAULT_WRITE_TOKEN));
    spec.put("flavor", "a10g-small");
    String id = env.submit(spec);
    env.advance(Duration.ofSeconds(1));
    awaitStage(id, "COMPLETED");
    JobRun run = seen.get();
    assertEquals(List.of("python", "train.py"), run.command());
    assertEquals("2", run.environment().get("EPOCHS"));
    assertEquals(id, run.environment().get("JOB_ID"));
    assertEquals("a10g-small", run.environment().get("ACCELERATOR"));
    assertEquals("15Gi", run.environment().get("MEMORY"));
    assertEquals(HubEmulator.DEFAULT_WRITE_TOKEN, run.secrets().get("HF_TOKEN"));
    assertEquals(env.hub.url() + "/", config.get().endpoint().toString());
    assertNotNull(config.get().token());
    assertEquals(List.of("epoch 1", "epoch 2"), env.jobs.logLines(id).subList(1, 3));
  }

  @Test
  void nonZeroExitIsAnError() throws Exception {
    env.hub.jobImages().bind("acme/failing", job -> 3);
    String id = env.submit(EmulatorSetup.spec("acme/failing", "run"));
    env.advance(Duration.ofSeconds(1));
    awaitStage(id, "ERROR");
    assertEquals("Job failed with exit code: 3", env.jobs.message(id));
  }

  @Test
  void exceptionIsAnErrorWithItsMessageLogged() throws Exception {
    env.hub.jobImages().bind("acme/failing", job -> {
      throw new IllegalStateException("dataset is empty");
    });
    String id = env.submit(EmulatorSetup.spec("acme/failing", "run"));
    env.advance(Duration.ofSeconds(1));
    awaitStage(id, "ERROR");
    assertEquals("dataset is empty", env.jobs.message(id));
    assertTrue(env.jobs.logLines(id).contains("java.lang.IllegalStateException: dataset is empty"));
  }

  @Test
  void handlerSleepsOnTheEmulatorClockAndCancelStopsIt() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    env.hub.jobImages().bind("acme/long", job -> {
      job.log("step 1");
      sleeping.countDown();
      try {
        job.sleep(Duration.ofHours(1));
        job.log("step 2");
        return 0;
      } catch (InterruptedException e) {
        stopped.countDown();
        throw e;
      }
    });
    String id = env.submit(EmulatorSetup.spec("acme/long", "run"));
    env.advance(Duration.ofSeconds(1));
    assertTrue(sleeping.await(5, TimeUnit.SECONDS));
    assertEquals("RUNNING", env.stage(id));
    assertEquals(200, env.http.post("/api/jobs/testuser/" + id + "/cancel", null).code());
    assertTrue(stopped.await(5, TimeUnit.SECONDS));
    assertEquals("CANCELED", env.jobs.stage(id));
    assertTrue(!env.jobs.logLines(id).contains("step 2"));
  }

  @Test
  void handlerTimesOut() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    env.hub.jobImages().bind("acme/long", job -> {
      sleeping.countDown();
      job.sleep(Duration.ofHours(1));
      return 0;
    });
    Map<String, Object> spec = EmulatorSetup.spec("acme/long", "run");
    spec.put("timeoutSeconds", 600);
    String id = env.submit(spec);
    env.advance(Duration.ofSeconds(1));
    assertTrue(sleeping.await(5, TimeUnit.SECONDS));
    env.advance(Duration.ofSeconds(600));
    assertEquals("ERROR", env.jobs.stage(id));
    assertEquals("Job timeout", env.jobs.message(id));
  }
}
