package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RateLimitInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void parsesTheHubHeaders() {
    RateLimitInfo i = RateLimitHeaders.parse(Headers.of(
        "RateLimit", "\"api\";r=42;t=55",
        "RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300"), NOW);
    assertEquals("api", i.resource());
    assertEquals(42, i.remaining());
    assertEquals(55, i.resetSeconds());
    assertEquals(500L, i.quota());
    assertEquals(300L, i.windowSeconds());
    assertEquals(NOW.plusSeconds(55), i.resetAt());
  }

  @Test
  void toleratesWhitespaceAndPositionAndCase() {
    RateLimitInfo i = RateLimitHeaders.parse(Headers.of("ratelimit", "foo, \"resolvers\" ; r = 0 ; t = 3"), NOW);
    assertEquals("resolvers", i.resource());
    assertEquals(0, i.remaining());
    assertEquals(3, i.resetSeconds());
    assertNull(i.quota());
  }

  @Test
  void policyOfAnotherBucketIsNotTaken() {
    RateLimitInfo i = RateLimitHeaders.parse(Headers.of("RateLimit", "\"api\";r=1;t=2",
        "RateLimit-Policy", "\"fixed window\";\"resolvers\";q=9;w=9, \"fixed window\";\"api\";q=50;w=2"), NOW);
    assertEquals(50L, i.quota());
    assertEquals(2L, i.windowSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "api;r=1;t=2", "\"api\";r=-1;t=2", "\"api\";r=x;t=2", "\"api\";t=2;r=1", "\"api\";r=99999999999999999999;t=1", "garbage"})
  void malformedRateLimitIsIgnored(String value) {
    assertNull(RateLimitHeaders.parse(Headers.of("RateLimit", value), NOW));
  }

  @Test
  void malformedPolicyKeepsTheLimit() {
    RateLimitInfo i = RateLimitHeaders.parse(Headers.of("RateLimit", "\"api\";r=3;t=4", "RateLimit-Policy", "\"fixed window\";q=;w=abc"), NOW);
    assertEquals(3, i.remaining());
    assertNull(i.quota());
  }

  @Test
  void malformedHeadersDoNotBreakACall() throws Exception {
    FakeTime t = new FakeTime();
    HfHttp http = HfHttp.of(HfConfig.builder().endpoint(server.url("/").toString()).clock(t).sleeper(t::sleep).build());
    server.enqueue(new MockResponse.Builder().addHeader("RateLimit", "\"api\";r=;t=").addHeader("RateLimit-Policy", ";;;")
        .addHeader("Retry-After", "-5").body("ok").build());
    try (var r = http.execute(new Request.Builder().url(http.url("api/x")).build())) {
      assertEquals("ok", r.body().string());
    }
  }

  @Test
  void pacingSpreadsTheLastCallsOverTheWindow() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    // 10 per 10 s window; the server says 2 remain and the window resets in 4 s.
    tracker.record("h", "api", new RateLimitInfo("api", 2, 4, 10L, 10L, NOW), 200);
    assertEquals(Duration.ZERO, tracker.acquire("h", "api", t::sleep, true));
    Duration second = tracker.acquire("h", "api", t::sleep, true);
    assertTrue(second.compareTo(Duration.ofMillis(1000)) >= 0, "second call spaced out: " + second);
    // The window is used up: the next call waits for the reset, never before it.
    Instant before = t.instant();
    tracker.acquire("h", "api", t::sleep, true);
    assertTrue(!t.instant().isBefore(NOW.plusSeconds(4)), "waited until reset: " + t.instant());
    assertTrue(Duration.between(before, t.instant()).compareTo(Duration.ofSeconds(5)) < 0);
  }

  @Test
  void withoutPacingCallsGoAtOnceUntilTheWindowIsUsed() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    tracker.record("h", "api", new RateLimitInfo("api", 3, 2, 50L, 2L, NOW), 200);
    for (int i = 0; i < 3; i++) assertEquals(Duration.ZERO, tracker.acquire("h", "api", t::sleep, false));
    assertTrue(t.sleeps().isEmpty());
    tracker.acquire("h", "api", t::sleep, false);
    assertEquals(1, t.sleeps().size());
    assertTrue(!t.instant().isBefore(NOW.plusSeconds(2)));
  }

  @Test
  void fixedWindowsRollOverWithTheFullQuota() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    tracker.record("h", "api", new RateLimitInfo("api", 0, 2, 50L, 2L, NOW), 429);
    tracker.acquire("h", "api", t::sleep, false);
    Instant afterFirstReset = t.instant();
    // Next window: 50 calls without waiting, the 51st waits for the following reset (2 s later).
    for (int i = 0; i < 48; i++) tracker.acquire("h", "api", t::sleep, false);
    assertEquals(afterFirstReset, t.instant());
    tracker.acquire("h", "api", t::sleep, false);
    assertEquals(afterFirstReset, t.instant());
    tracker.acquire("h", "api", t::sleep, false);
    assertTrue(Duration.between(afterFirstReset, t.instant()).compareTo(Duration.ofMillis(1990)) > 0);
    assertEquals(1, tracker.rateLimitedResponses());
  }

  @Test
  void resetInstantIsLearnedFromSuccessiveObservations() {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    // True reset at NOW + 1.7 s. At NOW the server says t=2 (ceil); at NOW+0.8 it says t=1.
    tracker.record("h", "api", new RateLimitInfo("api", 40, 2, 50L, 2L, NOW), 200);
    assertEquals(NOW.plusSeconds(2), tracker.resetAt("h", "api"));
    tracker.record("h", "api", new RateLimitInfo("api", 30, 1, 50L, 2L, NOW.plusMillis(800)), 200);
    assertEquals(NOW.plusMillis(1800), tracker.resetAt("h", "api"));
  }

  @Test
  void aRefusalReplacesAProjectedWindow() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    tracker.record("h", "api", new RateLimitInfo("api", 0, 1, 500L, 300L, NOW), 429);
    tracker.acquire("h", "api", t::sleep, true);
    // The tracker projected the next window ~300 s out; the server refuses again, resetting in 1 s.
    t.advance(java.time.Duration.ofMillis(100));
    tracker.record("h", "api", new RateLimitInfo("api", 0, 1, 500L, 300L, t.instant()), 429);
    Instant before = t.instant();
    tracker.acquire("h", "api", t::sleep, true);
    assertTrue(Duration.between(before, t.instant()).compareTo(Duration.ofMillis(1001)) <= 0,
        "waited " + Duration.between(before, t.instant()));
  }

  @Test
  void noSpreadingOnceTheResetIsKnownPrecisely() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    tracker.record("h", "api", new RateLimitInfo("api", 9, 2, 50L, 2L, NOW), 200);
    tracker.record("h", "api", new RateLimitInfo("api", 5, 1, 50L, 2L, NOW.plusMillis(900)), 200);
    t.advance(Duration.ofMillis(900));
    for (int i = 0; i < 5; i++) assertEquals(Duration.ZERO, tracker.acquire("h", "api", t::sleep, true));
    assertTrue(t.sleeps().isEmpty(), "no spacing: " + t.sleeps());
  }

  @Test
  void aCanceledWaitStopsWithoutAReservation() throws Exception {
    FakeTime t = new FakeTime(NOW);
    RateLimitTracker tracker = new RateLimitTracker(t);
    tracker.record("h", "api", new RateLimitInfo("api", 0, 60, 50L, 60L, NOW), 429);
    Duration waited = tracker.acquire("h", "api", t::sleep, true, () -> true);
    assertEquals(Duration.ZERO, waited);
    assertTrue(t.sleeps().isEmpty());
  }

  @Test
  void paceAgainstARealServerAndExposeTheLimits() throws Exception {
    FakeTime t = new FakeTime(NOW);
    HfHttp http = HfHttp.of(HfConfig.builder().endpoint(server.url("/").toString()).clock(t).sleeper(t::sleep).build());
    server.enqueue(new MockResponse.Builder().addHeader("RateLimit", "\"api\";r=0;t=3").addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=5;w=3").body("a").build());
    server.enqueue(new MockResponse.Builder().addHeader("RateLimit", "\"api\";r=4;t=3").body("b").build());
    http.execute(new Request.Builder().url(http.url("api/x")).build()).close();
    http.execute(new Request.Builder().url(http.url("api/x")).build()).close();
    // The second call waited for the window instead of drawing a 429.
    assertEquals(List.of(Duration.ofSeconds(3).plusMillis(1)), t.sleeps());
    assertEquals(4, http.config().rateLimits().last(server.getHostName(), "api").remaining());
    assertEquals(0, http.config().rateLimits().rateLimitedResponses());
  }
}
