package io.hf4j.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The Moshi wire records read the Jobs API as tolerantly as the Python client, and every result keeps raw(). */
class JobsJsonTest {
  private static final HttpUrl HUB = HttpUrl.get("https://huggingface.co/");

  @Test
  void snakeCaseKeysNumbersAsStringsAndSecretsAsAnObject() {
    JobInfo job = JobsJson.jobInfo(JobsJson.parse("{\"id\":\"68ab\",\"created_at\":\"2025-07-22T16:06:25.079Z\","
        + "\"docker_image\":\"python:3.12\",\"command\":[\"python\",null,\"x.py\"],\"secrets\":{\"HF_TOKEN\":null,\"KEY\":null},"
        + "\"timeout\":\"600\",\"attempts\":\"2\",\"environment\":{\"A_B\":\"1\",\"N\":null},\"labels\":{\"name\":\"run\"},"
        + "\"volumes\":[{\"type\":\"model\",\"source\":\"acme/m\",\"mount_path\":\"/data\",\"read_only\":true},{\"source\":null}],"
        + "\"status\":{\"stage\":\"RUNNING\",\"expose_urls\":[\"https://x\"],\"failure_count\":1},"
        + "\"durations\":{\"scheduling_secs\":6,\"running_secs\":\"2\"},"
        + "\"owner\":{\"name\":\"acme\",\"type\":\"org\"},\"network\":{\"egress\":false}}"), HUB);
    assertEquals(Instant.parse("2025-07-22T16:06:25.079Z"), job.createdAt());
    assertEquals("python:3.12", job.dockerImage());
    assertEquals(List.of("python", "x.py"), job.command());
    assertEquals(List.of("HF_TOKEN", "KEY"), job.secrets());
    assertEquals(600L, job.timeoutSeconds());
    assertEquals(2, job.attempts());
    assertEquals(Map.of("A_B", "1"), job.environment(), "map keys are the user's, never renamed");
    assertEquals("run", job.name());
    assertEquals(1, job.volumes().size());
    assertEquals("/data", job.volumes().get(0).mountPath());
    assertEquals(List.of("https://x"), job.status().exposeUrls());
    assertEquals(1, job.status().failureCount());
    assertEquals(new JobDurations(6L, 2L, null), job.durations());
    assertEquals("", job.owner().id());
    assertEquals("https://huggingface.co/jobs/acme/68ab", job.url());
    assertEquals(Map.of("egress", false), job.raw().get("network"), "raw keeps what this release does not map");
    assertEquals("600", job.raw().get("timeout"));
    assertThrows(UnsupportedOperationException.class, () -> job.raw().put("x", 1));
  }

  @Test
  void missingEssentialsAreTypedErrors() {
    HfException e = assertThrows(HfException.class,
        () -> JobsJson.jobInfo(JobsJson.parse("{\"id\":\"1\",\"owner\":{\"name\":\"a\"}}"), HUB));
    assertTrue(e.getMessage().contains("status"), e.getMessage());
    e = assertThrows(HfException.class, () -> JobsJson.jobInfo(JobsJson.parse("[1]"), HUB));
    assertTrue(e.getMessage().contains("not an object"), e.getMessage());
    e = assertThrows(HfException.class,
        () -> JobsJson.jobInfo(JobsJson.parse("{\"id\":\"1\",\"status\":{\"stage\":\"RUNNING\"},\"owner\":{}}"), HUB));
    assertTrue(e.getMessage().contains("'name'"), e.getMessage());
  }

  @Test
  void hardwareReadsNumbersAsTextAndBothPriceSpellings() {
    JobHardwareInfo h = JobsJson.hardware(JobsJson.parse("{\"name\":\"t4-small\",\"cpu\":4,\"ram\":\"15 GB\","
        + "\"accelerator\":{\"type\":\"gpu\",\"model\":\"T4\",\"quantity\":1,\"vram\":\"16 GB\"},"
        + "\"unit_cost_micro_usd\":\"6667\",\"unitLabel\":\"minute\",\"tier\":\"gpu\"}"));
    assertEquals("4", h.cpu());
    assertEquals("1", h.accelerator().quantity());
    assertEquals(6667L, h.unitCostMicroUsd());
    assertEquals(0.006667, h.unitCostUsd(), 1e-12);
    assertEquals("N/A", h.ephemeralStorage());
    assertEquals("gpu", h.raw().get("tier"));
  }

  @Test
  void scheduledJobsMetricsAndLogLines() {
    ScheduledJobInfo s = JobsJson.scheduledJobInfo(JobsJson.parse("{\"id\":\"s1\",\"schedule\":\"@hourly\",\"suspend\":\"true\","
        + "\"job_spec\":{\"docker_image\":\"python:3.12\",\"timeout\":60,\"labels\":{\"k\":\"v\"}},"
        + "\"status\":{\"last_job\":{\"id\":\"j9\",\"at\":\"2026-01-01T00:00:00Z\"},\"next_job_run_at\":\"2026-01-01T01:00:00Z\"},"
        + "\"owner\":{\"name\":\"acme\"}}"));
    assertTrue(s.suspend());
    assertEquals(60L, s.jobSpec().timeoutSeconds());
    assertEquals(Map.of("k", "v"), s.labels(), "labels fall back to the spec's");
    assertEquals("j9", s.status().lastJob().id());
    assertEquals(Instant.parse("2026-01-01T01:00:00Z"), s.status().nextJobRunAt());
    assertEquals("@hourly", s.raw().get("schedule"));

    JobMetrics m = JobsJson.metrics("{\"cpu_usage_pct\":12.5,\"memory_used_bytes\":\"1024\",\"gpus\":{\"GPU-0\":"
        + "{\"utilization\":80,\"memory_used_bytes\":5}},\"replica\":\"r1\"}");
    assertEquals(12.5, m.cpuUsagePct());
    assertEquals(1024L, m.memoryUsedBytes());
    assertEquals(80.0, m.gpus().get("GPU-0").utilization());
    assertEquals("r1", m.raw().get("replica"));
    assertNull(JobsJson.metrics("not json"));

    assertEquals(new JobLogLine(Instant.parse("2026-01-01T00:00:00Z"), "hello"),
        JobsJson.logLine("{\"data\":\"hello\",\"timestamp\":\"2026-01-01T00:00:00Z\"}"));
    assertEquals(new JobLogLine(null, "42"), JobsJson.logLine("{\"data\":42,\"timestamp\":\"garbage\"}"));
    assertNull(JobsJson.logLine("{\"timestamp\":\"2026-01-01T00:00:00Z\"}"));
  }
}
