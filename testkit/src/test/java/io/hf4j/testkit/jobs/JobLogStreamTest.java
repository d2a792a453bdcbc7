package io.hf4j.testkit.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.FaultRule;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobLogStreamTest {
  private final EmulatorSetup env = new EmulatorSetup();

  @AfterEach
  void close() {
    env.close();
  }

  private String finishedJob() {
    env.jobs.scriptNext(JobScript.builder().logEvery(Duration.ofSeconds(1), "a", "b", "c", "d").complete(Duration.ofSeconds(5)).build());
    String id = env.submit(EmulatorSetup.spec("python:3.12", "python"));
    env.advance(Duration.ofSeconds(10));
    return id;
  }

  @Test
  void finishedJobReplaysItsHistoryAndCloses() {
    String id = finishedJob();
    List<String> raw = env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5));
    List<String> texts = Http.logTexts(raw);
    assertEquals(5, texts.size(), raw.toString());
    assertTrue(texts.get(0).startsWith("===== Job started at "));
    assertEquals(List.of("a", "b", "c", "d"), texts.subList(1, 5));
    assertTrue(raw.get(0).startsWith("data: {\"data\":\"===== Job started"), raw.get(0));
    assertTrue(raw.get(0).contains("\"timestamp\":\"2026-11-20T12:00:01Z\""), raw.get(0));
    assertEquals("", raw.get(1));
    // A second connection replays the same history.
    assertEquals(texts, Http.logTexts(env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5))));
  }

  @Test
  void tailKeepsTheStartedLine() {
    String id = finishedJob();
    List<String> texts = Http.logTexts(env.http.readStream("/api/jobs/testuser/" + id + "/logs?tail=2", Duration.ofSeconds(5)));
    assertEquals(3, texts.size());
    assertTrue(texts.get(0).startsWith("===== Job started"));
    assertEquals(List.of("c", "d"), texts.subList(1, 3));
  }

  @Test
  void liveStreamDeliversNewLinesAndClosesWhenTheJobEnds() throws Exception {
    env.jobs.keepAliveInterval(Duration.ofMillis(50));
    env.jobs.scriptNext(JobScript.builder().scheduling(Duration.ZERO).logEvery(Duration.ofSeconds(1), "x", "y")
        .complete(Duration.ofSeconds(3)).build());
    String id = env.submit(EmulatorSetup.spec("python:3.12", "python"));
    env.advance(Duration.ZERO);
    HttpResponse<InputStream> resp = env.http.open("/api/jobs/testuser/" + id + "/logs");
    assertEquals("text/event-stream", resp.headers().firstValue("Content-Type").orElseThrow());
    CompletableFuture<List<String>> reading = CompletableFuture.supplyAsync(() -> Http.lines(resp.body()));
    Thread.sleep(150);
    assertTrue(!reading.isDone(), "the stream stays open while the job runs");
    env.advance(Duration.ofSeconds(3));
    List<String> raw = reading.get(5, TimeUnit.SECONDS);
    assertTrue(raw.contains(": keep-alive"), raw.toString());
    assertEquals(List.of("x", "y"), Http.logTexts(raw).subList(1, 3));
    assertTrue(!raw.contains("<broken>"), raw.toString());
  }

  @Test
  void injectedCutDropsTheConnectionMidStream() {
    String id = finishedJob();
    env.jobs.cutNextLogStream(id, 2);
    List<String> cut = env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5));
    assertEquals("<broken>", cut.get(cut.size() - 1), cut.toString());
    assertEquals(2, Http.logTexts(cut).size());
    assertEquals(5, Http.logTexts(env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5))).size());
  }

  @Test
  void testkitFaultResetsTheLogEndpoint() {
    String id = finishedJob();
    FaultRule rule = env.hub.faults().inject(FaultRule.on("GET", "/api/jobs/*/*/logs").nth(1).resetDuringResponseBody());
    List<String> cut = env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5));
    assertEquals("<broken>", cut.get(cut.size() - 1), cut.toString());
    assertEquals(1, rule.fired());
    assertEquals(5, Http.logTexts(env.http.readStream("/api/jobs/testuser/" + id + "/logs", Duration.ofSeconds(5))).size());
  }

  @Test
  void metricsStreamWhileRunningAnd500WhenFinished() throws Exception {
    env.jobs.metricsInterval(Duration.ofMillis(20));
    env.jobs.scriptNext(JobScript.builder().scheduling(Duration.ZERO).runUntilStopped().build());
    java.util.Map<String, Object> spec = EmulatorSetup.spec("python:3.12", "python");
    spec.put("flavor", "a10g-largex2");
    String id = env.submit(spec);
    env.advance(Duration.ZERO);
    HttpResponse<InputStream> resp = env.http.open("/api/jobs/testuser/" + id + "/metrics");
    CompletableFuture<List<String>> reading = CompletableFuture.supplyAsync(() -> Http.lines(resp.body()));
    Thread.sleep(200);
    env.jobs.finish(id, true, null);
    List<String> raw = reading.get(5, TimeUnit.SECONDS);
    assertTrue(raw.contains("event: metric"), raw.toString());
    String data = raw.stream().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
    assertTrue(data.contains("\"memory_total_bytes\":" + (92L << 30)), data);
    assertEquals(2, ((java.util.Map<?, ?>) io.hf4j.testkit.internal.Json.asObject(
        io.hf4j.testkit.internal.Json.parse(data.substring(6)), "m").get("gpus")).size());
    assertEquals(500, env.http.get("/api/jobs/testuser/" + id + "/metrics").code());
  }
}
