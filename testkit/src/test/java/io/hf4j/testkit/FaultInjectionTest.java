package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.randomBytes;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.internal.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url(), Duration.ofSeconds(10));
    Fixtures.createRepo(http, "model", "f");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void nthRequestGetsTheStatusOthersPass() {
    FaultRule rule = hub.faults().inject(FaultRule.on("GET", "/api/models/*/*").nth(2).status(503));
    assertEquals(200, http.get("/api/models/testuser/f", null).code());
    TestHttp.Reply failed = http.get("/api/models/testuser/f", null);
    assertEquals(503, failed.code());
    assertTrue(failed.obj().get("error").toString().contains("503"));
    assertTrue(failed.header("RateLimit").startsWith("\"api\""), "faults carry the usual headers");
    assertEquals(200, http.get("/api/models/testuser/f", null).code());
    assertEquals(200, http.get("/api/models/testuser/f/revision/main", null).code(), "other paths do not match");
    assertEquals(3, rule.matched());
    assertEquals(1, rule.fired());
    assertEquals(1, hub.faults().count());
    FaultEvent e = hub.faults().events().get(0);
    assertEquals(FaultKind.STATUS, e.kind());
    assertEquals("/api/models/testuser/f", e.path());
    RecordedRequest logged = hub.requests().stream().filter(r -> r.seq() == e.requestSeq()).findFirst().orElseThrow();
    assertEquals(503, logged.status());
    assertEquals(FaultKind.STATUS, logged.fault());
  }

  @Test
  void firstTimesFailThenRecover() {
    for (int status : new int[] {500, 502, 504}) {
      hub.faults().clear();
      hub.faults().inject(FaultRule.on("*", "/api/whoami-v2").times(2).status(status));
      assertEquals(status, http.get("/api/whoami-v2", WRITE).code());
      assertEquals(status, http.get("/api/whoami-v2", WRITE).code());
      assertEquals(200, http.get("/api/whoami-v2", WRITE).code());
    }
    assertEquals(6, hub.faults().count(FaultKind.STATUS));
  }

  @Test
  void injected429CarriesRateLimitHeaders() {
    hub.faults().inject(FaultRule.on("GET", "/api/**").times(1).rateLimited(Duration.ofSeconds(7)));
    TestHttp.Reply r = http.get("/api/whoami-v2", WRITE);
    assertEquals(429, r.code());
    assertEquals("\"api\";r=0;t=7", r.header("RateLimit"));
    assertEquals("\"fixed window\";\"api\";q=1000;w=300", r.header("RateLimit-Policy"));
    assertEquals("7", r.header("Retry-After"));
    assertEquals(FaultKind.RATE_LIMIT, hub.faults().events().get(0).kind());
  }

  @Test
  void seededRandomShareIsReproducible() {
    List<List<Integer>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      hub.faults().clear();
      FaultRule rule = hub.faults().inject(FaultRule.on("GET", "/api/whoami-v2").randomly(0.5, 1234).status(500));
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        codes.add(http.get("/api/whoami-v2", WRITE).code());
      }
      runs.add(codes);
      long failures = codes.stream().filter(c -> c == 500).count();
      assertEquals(rule.fired(), failures);
      assertTrue(failures > 5 && failures < 35, "about half: " + failures);
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  void resetBeforeResponseClosesTheConnection() {
    hub.faults().inject(FaultRule.on("GET", "/api/whoami-v2").nth(1).resetBeforeResponse());
    assertThrows(IOException.class, () -> http.executeOrThrow(http.request("/api/whoami-v2", WRITE).build()));
    assertEquals(200, http.get("/api/whoami-v2", WRITE).code());
    RecordedRequest first = hub.requests().stream().filter(r -> "/api/whoami-v2".equals(r.path())).findFirst().orElseThrow();
    assertEquals(-1, first.status());
    assertEquals(FaultKind.RESET_BEFORE_RESPONSE, first.fault());
  }

  @Test
  void resetDuringResponseBodyCutsTheDownload() {
    byte[] content = utf8("x".repeat(3000));
    Fixtures.commit(http, "models/testuser/f", "main", new Fixtures.Commit("c").file("big.txt", content));
    hub.faults().inject(FaultRule.on("GET", "/*/*/resolve/**").nth(1).resetDuringResponseBody());
    IOException e = assertThrows(IOException.class,
        () -> http.executeOrThrow(http.request("/testuser/f/resolve/main/big.txt", null)
            .header("Accept-Encoding", "identity").build()));
    assertTrue(e.getMessage() != null, e::toString);
    assertArrayEquals(content, http.get("/testuser/f/resolve/main/big.txt", null).body());
    assertEquals(1, hub.faults().count(FaultKind.RESET_DURING_RESPONSE_BODY));
  }

  @Test
  void resetDuringRequestBodyBreaksTheUpload() {
    byte[] content = randomBytes(4 * 1024 * 1024, 9);
    String href = Fixtures.<String>path(Fixtures.batch(http, "/testuser/f", WRITE, content, "sha256", List.of("basic")).json(),
        "objects", "0", "actions", "upload", "href");
    hub.faults().inject(FaultRule.on("PUT", "/upload/*").host(Host.STORAGE).nth(1).resetDuringRequestBody());
    assertThrows(IOException.class, () -> http.executeOrThrow(http.request(href, null)
        .put(RequestBody.create(content, TestHttp.OCTETS)).build()));
    assertTrue(hub.repo("testuser/f").lfsObjects().isEmpty());
    assertEquals(200, http.put(href, content).code(), "the retry goes through");
    RecordedRequest cut = hub.requests().stream().filter(r -> r.fault() == FaultKind.RESET_DURING_REQUEST_BODY)
        .findFirst().orElseThrow();
    assertTrue(cut.requestBytes() < content.length, "read only part of the body: " + cut.requestBytes());
  }

  @Test
  void delayHoldsTheAnswer() {
    hub.faults().inject(FaultRule.on("GET", "/api/whoami-v2").nth(1).delay(Duration.ofMillis(1500)));
    TestHttp fast = new TestHttp(hub.url(), Duration.ofMillis(500));
    assertThrows(IOException.class, () -> fast.executeOrThrow(fast.request("/api/whoami-v2", WRITE).build()));
    long t0 = System.nanoTime();
    assertEquals(200, http.get("/api/whoami-v2", WRITE).code());
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "only the first request is delayed");
    assertEquals(1, hub.faults().count(FaultKind.DELAY));
  }

  @Test
  void droppedCommitResponseStillAppliesTheCommit() {
    hub.faults().inject(FaultRule.on("POST", "/api/models/*/*/commit/**").nth(1).dropResponseAfterApply());
    String body = new Fixtures.Commit("applied but unheard").file("a.txt", utf8("a")).body();
    assertThrows(IOException.class, () -> http.executeOrThrow(http.request("/api/models/testuser/f/commit/main", WRITE)
        .post(RequestBody.create(utf8(body), TestHttp.NDJSON)).build()));
    RepoView repo = hub.repo("testuser/f");
    assertEquals("applied but unheard", repo.commits("main").get(0).title());
    assertArrayEquals(utf8("a"), repo.fileBytes("main", "a.txt"));
    assertEquals(1, hub.faults().count(FaultKind.DROP_RESPONSE_AFTER_APPLY));
  }

  @Test
  void storageFaultsTargetTheStorageHost() {
    byte[] content = randomBytes(100, 10);
    String href = Fixtures.<String>path(Fixtures.batch(http, "/testuser/f", WRITE, content, "sha256", List.of("basic")).json(),
        "objects", "0", "actions", "upload", "href");
    hub.faults().inject(FaultRule.onAnyMethod("/**").host(Host.STORAGE).times(1).status(503));
    assertEquals(200, http.get("/api/whoami-v2", WRITE).code());
    assertEquals(503, http.put(href, content).code());
    assertEquals(200, http.put(href, content).code());
    assertEquals(Host.STORAGE, hub.faults().events().get(0).host());
    assertEquals(List.of(Json.write("x")), List.of("\"x\""));
  }

  @Test
  void ruleBuilderRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> FaultRule.on("GET", "/x").nth(0));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.on("GET", "/x").randomly(1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.on("GET", "/x").status(200));
    assertThrows(IllegalArgumentException.class, () -> FaultRule.on("GET", "x"));
    assertEquals(FaultKind.RATE_LIMIT, FaultRule.on("GET", "/x").status(429).kind());
  }
}
