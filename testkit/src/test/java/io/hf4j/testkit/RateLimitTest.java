package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void everyApiAnswerCarriesHeadersAndTheQuotaEndsIn429() {
    try (EmulatorClock clock = EmulatorClock.manual(Instant.parse("2025-01-01T00:00:10Z"));
        HubEmulator hub = HubEmulator.builder().clock(clock).rateLimit("api", 3, Duration.ofSeconds(60)).build().start()) {
      TestHttp http = new TestHttp(hub.url());
      TestHttp.Reply first = http.get("/api/whoami-v2", WRITE);
      assertEquals("\"api\";r=2;t=50", first.header("RateLimit"));
      assertEquals("\"fixed window\";\"api\";q=3;w=60", first.header("RateLimit-Policy"));
      TestHttp.Reply error = http.get("/api/whoami-v2", null);
      assertEquals(401, error.code());
      assertTrue(error.header("RateLimit").startsWith("\"api\";r="), "errors carry the headers too");
      http.get("/api/whoami-v2", WRITE);
      http.get("/api/whoami-v2", WRITE);
      TestHttp.Reply limited = http.get("/api/whoami-v2", WRITE);
      assertEquals(429, limited.code());
      assertEquals("\"api\";r=0;t=50", limited.header("RateLimit"));
      assertEquals("50", limited.header("Retry-After"));
      assertTrue(limited.obj().get("error").toString().contains("api"));

      clock.advance(Duration.ofSeconds(50));
      TestHttp.Reply fresh = http.get("/api/whoami-v2", WRITE);
      assertEquals(200, fresh.code());
      assertEquals("\"api\";r=2;t=60", fresh.header("RateLimit"));
    }
  }

  @Test
  void resolveUrlsCountInTheResolversBucket() {
    try (HubEmulator hub = HubEmulator.builder().rateLimit("resolvers", 2, Duration.ofMinutes(5))
        .rateLimit("api", 100, Duration.ofMinutes(5)).build().start()) {
      TestHttp http = new TestHttp(hub.url());
      Fixtures.createRepo(http, "model", "rl");
      TestHttp.Reply r = http.get("/testuser/rl/resolve/main/.gitattributes", WRITE);
      assertEquals(200, r.code());
      assertTrue(r.header("RateLimit").startsWith("\"resolvers\";r=1;"), r.header("RateLimit"));
      assertTrue(r.header("RateLimit-Policy").startsWith("\"fixed window\";\"resolvers\";q=2;w=300"));
      http.get("/testuser/rl/resolve/main/.gitattributes", WRITE);
      assertEquals(429, http.get("/testuser/rl/resolve/main/.gitattributes", WRITE).code());
      assertEquals(200, http.get("/api/models/testuser/rl", WRITE).code(), "the api bucket is separate");
    }
  }

  @Test
  void callersAreCountedSeparatelyAndStorageHasNoRateLimit() {
    try (HubEmulator hub = HubEmulator.builder().rateLimit("api", 1, Duration.ofMinutes(5)).build().start()) {
      TestHttp http = new TestHttp(hub.url());
      assertEquals(200, http.get("/api/whoami-v2", WRITE).code());
      assertEquals(429, http.get("/api/whoami-v2", WRITE).code());
      assertEquals(200, http.get("/api/whoami-v2", Fixtures.OTHER).code());
      TestHttp.Reply storage = new TestHttp(hub.storageUrl()).get("/objects/x", null);
      assertNull(storage.header("RateLimit"));
    }
  }
}
