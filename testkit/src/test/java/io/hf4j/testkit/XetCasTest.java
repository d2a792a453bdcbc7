package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.READ;
import static io.hf4j.testkit.Fixtures.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's Xet token endpoints and the CAS server's authentication. */
class XetCasTest {
  private EmulatorClock clock;
  private HubEmulator hub;
  private TestHttp http;
  private TestHttp cas;

  @BeforeEach
  void start() {
    clock = EmulatorClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
    hub = HubEmulator.builder().clock(clock).build().start();
    http = new TestHttp(hub.url());
    cas = new TestHttp(hub.casUrl());
    Fixtures.createRepo(http, "model", "x");
  }

  @AfterEach
  void stop() {
    hub.close();
    clock.close();
  }

  private static final String ZERO = "0".repeat(64);

  @Test
  void writeTokenAnswersJsonAndHeadersForTheCasOrigin() {
    TestHttp.Reply r = http.get("/api/models/testuser/x/xet-write-token/main", WRITE);
    assertEquals(200, r.code(), r::text);
    Map<String, Object> body = r.obj();
    String token = (String) body.get("accessToken");
    assertTrue(token.startsWith("xet_"));
    assertEquals(hub.casUrl(), body.get("casUrl"));
    assertNotEquals(hub.url(), hub.casUrl(), "the CAS server is its own origin");
    long exp = ((Number) body.get("exp")).longValue();
    assertEquals(clock.instant().plus(Duration.ofHours(1)).getEpochSecond(), exp);
    assertEquals(token, r.header("X-Xet-Access-Token"));
    assertEquals(hub.casUrl(), r.header("X-Xet-Cas-Url"));
    assertEquals(String.valueOf(exp), r.header("X-Xet-Token-Expiration"));
    // The token opens the CAS server: an unknown file is a plain 404, not an auth error.
    assertEquals(404, cas.get("/v1/reconstructions/" + ZERO, token).code());
  }

  @Test
  void writeTokenNeedsWriteAccessAndReadTokenNeedsReadAccess() {
    assertEquals(403, http.get("/api/models/testuser/x/xet-write-token/main", READ).code());
    assertEquals(401, http.get("/api/models/testuser/x/xet-write-token/main", null).code());
    assertEquals(200, http.get("/api/models/testuser/x/xet-read-token/main", READ).code());
    assertEquals(200, http.get("/api/models/testuser/x/xet-read-token/main", null).code(), "public repo");
    assertEquals(404, http.get("/api/models/testuser/missing/xet-read-token/main", WRITE).code());
  }

  @Test
  void casRefusesHubTokensAndMissingTokens() {
    assertEquals(401, cas.get("/v1/reconstructions/" + ZERO, WRITE).code(), "a Hub token is not a Xet token");
    assertEquals(401, cas.get("/v1/reconstructions/" + ZERO, null).code());
    assertEquals(401, cas.send("POST", "/v1/xorbs/default/" + ZERO, WRITE, TestHttp.OCTETS, new byte[8]).code());
  }

  @Test
  void readTokenCannotUpload() {
    String read = (String) http.get("/api/models/testuser/x/xet-read-token/main", READ).obj().get("accessToken");
    assertEquals(403, cas.send("POST", "/v1/xorbs/default/" + ZERO, read, TestHttp.OCTETS, new byte[8]).code());
    assertEquals(403, cas.send("POST", "/v1/shards", read, TestHttp.OCTETS, new byte[8]).code());
  }

  @Test
  void tokensExpireOnTheEmulatorClock() {
    hub.xet().tokenTtl(Duration.ofMinutes(2));
    String token = (String) http.get("/api/models/testuser/x/xet-read-token/main", READ).obj().get("accessToken");
    assertEquals(404, cas.get("/v1/reconstructions/" + ZERO, token).code());
    clock.advance(Duration.ofMinutes(2));
    TestHttp.Reply expired = cas.get("/v1/reconstructions/" + ZERO, token);
    assertEquals(401, expired.code());
    assertTrue(expired.text().contains("expired"), expired::text);
  }

  @Test
  void expireTokensMakesIssuedTokensExpiredButNewOnesWork() {
    String old = (String) http.get("/api/models/testuser/x/xet-read-token/main", READ).obj().get("accessToken");
    hub.xet().expireTokens();
    assertEquals(401, cas.get("/v1/reconstructions/" + ZERO, old).code());
    String fresh = (String) http.get("/api/models/testuser/x/xet-read-token/main", READ).obj().get("accessToken");
    assertEquals(404, cas.get("/v1/reconstructions/" + ZERO, fresh).code());
  }

  @Test
  void refusedRepoAnswersTheConfiguredStatus() {
    hub.xet().refuseTokens(RepoType.MODEL, "testuser/x", 404);
    assertEquals(404, http.get("/api/models/testuser/x/xet-write-token/main", WRITE).code());
    assertEquals(404, http.get("/api/models/testuser/x/xet-read-token/main", WRITE).code());
    hub.xet().refuseTokens(RepoType.MODEL, "testuser/x", 0);
    assertEquals(200, http.get("/api/models/testuser/x/xet-write-token/main", WRITE).code());
  }

  @Test
  void malformedHashIsABadRequest() {
    String token = (String) http.get("/api/models/testuser/x/xet-write-token/main", WRITE).obj().get("accessToken");
    assertEquals(400, cas.get("/v1/reconstructions/not-a-hash", token).code());
  }

  @Test
  void xetOffMeansNoTokenEndpoint() {
    try (HubEmulator off = HubEmulator.builder().xet(false).build().start()) {
      TestHttp h = new TestHttp(off.url());
      Fixtures.createRepo(h, "model", "y");
      assertEquals(404, h.get("/api/models/testuser/y/xet-write-token/main", WRITE).code());
    }
  }
}
