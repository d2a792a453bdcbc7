package io.hf4j.jobs;

import io.hf4j.testfixtures.MockResponses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.LocalTokenNotFoundException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.ServerException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunJobTest {
  @StartStop final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private JobsClient jobs;

  @BeforeEach
  void setUp() {
    jobs = JobsClient.create(Fixtures.config(server, time, 2));
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("no request");
    return r;
  }

  @Test
  void minimalSpecSendsThePythonBodyByteForByte() throws Exception {
    server.enqueue(Fixtures.whoami("alice"));
    server.enqueue(MockResponses.json(Fixtures.job("687fb701029421ae5549d998", "SCHEDULING")));
    JobInfo job = jobs.runJob(RunJobParams.builder().image("python:3.12").command("python", "-c", "print('hi')").build());

    RecordedRequest whoami = take();
    assertEquals("/api/whoami-v2", whoami.getUrl().encodedPath());
    RecordedRequest run = take();
    assertEquals("POST", run.getMethod());
    assertEquals("/api/jobs/alice", run.getUrl().encodedPath());
    assertEquals("{\"command\":[\"python\",\"-c\",\"print('hi')\"],\"arguments\":[],\"environment\":{},"
        + "\"flavor\":\"cpu-basic\",\"labels\":{\"name\":\"python-3-12-5c1fcc4a\"},\"dockerImage\":\"python:3.12\"}",
        run.getBody().utf8());
    assertTrue(run.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals("Bearer " + Fixtures.TOKEN, run.getHeaders().get("Authorization"));

    assertEquals("687fb701029421ae5549d998", job.id());
    assertEquals(JobStage.SCHEDULING, job.stage());
    assertTrue(job.usesDefaultTimeout());
    assertEquals(Duration.ofMinutes(30), job.effectiveTimeout());
    assertEquals(server.url("/jobs/alice/687fb701029421ae5549d998").toString(), job.url());
  }

  @Test
  void fullSpecSendsEveryFieldInThePythonOrder() throws Exception {
    server.enqueue(MockResponses.json(Fixtures.job("687fb701029421ae5549d998", "SCHEDULING")));
    RunJobParams spec = RunJobParams.builder()
        .image("hf.co/spaces/lhoestq/duckdb")
        .command("python", "train.py")
        .env("FOO", "foo")
        .flavor(JobHardware.A10G_SMALL)
        .secret("HF_TOKEN", "hf_xxx")
        .timeout("2h")
        .label("env", "prod")
        .name("train")
        .volume(JobVolume.dataset("HuggingFaceFW/fineweb", "/data"))
        .volume(JobVolume.bucket("user/my-bucket", "/out").withReadOnly(false))
        .exposePorts(8000)
        .ssh(true)
        .resourceGroupId("66670e5163145ca562cb1988")
        .namespace("acme")
        .build();
    JobInfo job = jobs.runJob(spec);
    RecordedRequest run = take();
    assertEquals("/api/jobs/acme", run.getUrl().encodedPath());
    assertEquals("{\"command\":[\"python\",\"train.py\"],\"arguments\":[],\"environment\":{\"FOO\":\"foo\"},"
        + "\"flavor\":\"a10g-small\",\"secrets\":{\"HF_TOKEN\":\"hf_xxx\"},\"timeoutSeconds\":7200,"
        + "\"labels\":{\"env\":\"prod\",\"name\":\"train\"},"
        + "\"volumes\":[{\"type\":\"dataset\",\"source\":\"HuggingFaceFW/fineweb\",\"mountPath\":\"/data\"},"
        + "{\"type\":\"bucket\",\"source\":\"user/my-bucket\",\"mountPath\":\"/out\",\"readOnly\":false}],"
        + "\"expose\":{\"ports\":[8000]},\"ssh\":{\"enabled\":true},\"resourceGroupId\":\"66670e5163145ca562cb1988\","
        + "\"spaceId\":\"lhoestq/duckdb\"}", run.getBody().utf8());
    assertEquals(1, server.getRequestCount(), "an explicit namespace needs no whoami");
    assertFalse(job.usesDefaultTimeout(), "the timeout sent is kept when the server does not echo it");
    assertEquals(Duration.ofHours(2), job.effectiveTimeout());
  }

  @Test
  void uvJobSendsTheUvRunCommand() throws Exception {
    server.enqueue(Fixtures.whoami("alice"));
    server.enqueue(MockResponses.json(Fixtures.job("687fb701029421ae5549d998", "SCHEDULING")));
    jobs.runUvJob(RunUvJobParams.builder("https://example.com/sft.py").dependencies("trl").python("3.12")
        .scriptArgs("--epochs", "3").build());
    take();
    String body = take().getBody().utf8();
    assertTrue(body.startsWith("{\"command\":[\"uv\",\"run\",\"--with\",\"trl\",\"--python\",\"3.12\","
        + "\"https://example.com/sft.py\",\"--epochs\",\"3\"],\"arguments\":[]"), body);
    assertTrue(body.endsWith(",\"dockerImage\":\"ghcr.io/astral-sh/uv:python3.12-bookworm\"}"), body);
    assertTrue(body.contains("\"labels\":{\"name\":\"sft-"), body);
  }

  @Test
  void namespaceIsResolvedOnceAndCached() throws Exception {
    server.enqueue(Fixtures.whoami("alice"));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "RUNNING")));
    server.enqueue(MockResponses.json(Fixtures.job("a2", "RUNNING")));
    jobs.inspectJob("a1");
    jobs.inspectJob("a1");
    JobsClient other = JobsClient.create(jobs.config());
    other.inspectJob("a2");
    assertEquals("/api/whoami-v2", take().getUrl().encodedPath());
    assertEquals("/api/jobs/alice/a1", take().getUrl().encodedPath());
    assertEquals("/api/jobs/alice/a1", take().getUrl().encodedPath());
    assertEquals("/api/jobs/alice/a2", take().getUrl().encodedPath());
    assertEquals(4, server.getRequestCount());
  }

  @Test
  void withoutTokenOrNamespaceTheErrorSaysSoBeforeSending() {
    HfConfig anonymous = HfConfig.builder().endpoint(server.url("/").toString()).noToken().build();
    assertThrows(LocalTokenNotFoundException.class, () -> JobsClient.create(anonymous).inspectJob("a1"));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void flavorTypoIsRefusedWithTheNearestFlavorBeforeTheJobIsSent() throws Exception {
    server.enqueue(MockResponses.json("[{\"name\":\"cpu-basic\",\"prettyName\":\"CPU Basic\",\"cpu\":\"2 vCPU\",\"ram\":\"16 GB\","
        + "\"accelerator\":null,\"unitCostMicroUSD\":167,\"unitCostUSD\":0.000167,\"unitLabel\":\"minute\"},"
        + "{\"name\":\"a10g-small\",\"prettyName\":\"Nvidia A10G - small\",\"cpu\":\"4 vCPU\",\"ram\":\"15 GB\","
        + "\"accelerator\":{\"type\":\"gpu\",\"model\":\"A10G\",\"quantity\":\"1\",\"vram\":\"24 GB\",\"manufacturer\":\"Nvidia\"},"
        + "\"unitCostMicroUSD\":16667,\"unitCostUSD\":0.016667,\"unitLabel\":\"minute\"}]"));
    HfValidationException e = assertThrows(HfValidationException.class, () -> jobs.runJob(RunJobParams.builder()
        .image("python:3.12").command("python").flavor("a10g-smal").namespace("alice").build()));
    assertTrue(e.getMessage().contains("did you mean 'a10g-small'"), e.getMessage());
    assertEquals("/api/jobs/hardware", take().getUrl().encodedPath());
    assertEquals(1, server.getRequestCount(), "the job itself was not sent");
  }

  @Test
  void newFlavorTheServerListsIsAccepted() throws Exception {
    server.enqueue(MockResponses.json("[{\"name\":\"b300x8\",\"prettyName\":\"B300\",\"cpu\":\"1 vCPU\",\"ram\":\"1 GB\","
        + "\"accelerator\":{\"type\":\"gpu\",\"model\":\"B300\",\"quantity\":\"8\",\"vram\":\"1 TB\",\"manufacturer\":\"Nvidia\"},"
        + "\"unitCostMicroUSD\":1,\"unitCostUSD\":0.000001,\"unitLabel\":\"minute\"}]"));
    server.enqueue(MockResponses.json(Fixtures.job("a1", "SCHEDULING")));
    jobs.runJob(RunJobParams.builder().image("python:3.12").command("python").flavor("b300x8").namespace("alice").build());
    take();
    assertTrue(take().getBody().utf8().contains("\"flavor\":\"b300x8\""));
  }

  @Test
  void hardwareListIsParsed() {
    server.enqueue(MockResponses.json("[{\"name\":\"t4-small\",\"prettyName\":\"Nvidia T4 - small\",\"cpu\":\"4 vCPU\",\"ram\":\"15 GB\","
        + "\"ephemeralStorage\":\"50 GB\",\"accelerator\":{\"type\":\"gpu\",\"model\":\"T4\",\"quantity\":\"1\",\"vram\":\"16 GB\","
        + "\"manufacturer\":\"Nvidia\"},\"unitCostMicroUSD\":6667,\"unitCostUSD\":0.006667,\"unitLabel\":\"minute\"},"
        + "{\"name\":\"cpu-basic\",\"prettyName\":\"CPU Basic\",\"cpu\":\"2 vCPU\",\"ram\":\"16 GB\",\"accelerator\":null,"
        + "\"unitCostMicroUSD\":167,\"unitCostUSD\":0.000167,\"unitLabel\":\"minute\"}]"));
    var list = jobs.listJobsHardware();
    assertEquals(2, list.size());
    JobHardwareInfo t4 = list.get(0);
    assertEquals(JobHardware.T4_SMALL, t4.name());
    assertFalse(t4.isCpu());
    assertEquals("T4", t4.accelerator().model());
    assertEquals(0.4, t4.hourlyCostUsd(), 0.001);
    assertEquals("N/A", list.get(1).ephemeralStorage());
    assertNull(list.get(1).accelerator());
  }

  @Test
  void namespaceWithoutJobsAccessSurfacesTheServerMessage() {
    server.enqueue(new MockResponse.Builder().code(403).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"You need a PRO subscription or a positive credit balance to run Jobs in 'acme'\"}").build());
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class, () -> jobs.runJob(
        RunJobParams.builder().image("python:3.12").command("python").namespace("acme").build()));
    assertTrue(e.getMessage().contains("positive credit balance to run Jobs in 'acme'"), e.getMessage());
    assertFalse(e.getMessage().contains(Fixtures.TOKEN));
  }

  @Test
  void submittingIsNeverRetried() {
    server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"busy\"}").build());
    assertThrows(ServerException.class, () -> jobs.runJob(
        RunJobParams.builder().image("python:3.12").command("python").namespace("alice").build()));
    assertEquals(1, server.getRequestCount());
  }
}
