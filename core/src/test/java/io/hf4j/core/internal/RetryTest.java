package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.BadRequestException;
import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import retrofit2.http.Body;
import retrofit2.http.POST;

class RetryTest {
  @StartStop final MockWebServer server = new MockWebServer();
  FakeTime time;
  HfHttp http;

  @BeforeEach
  void setUp() {
    time = new FakeTime();
    http = HfHttp.of(config().build());
  }

  HfConfig.Builder config() {
    return HfConfig.builder().endpoint(server.url("/").toString()).token("hf_testtoken_abc")
        .clock(time).sleeper(time::sleep).jitter(0).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(8));
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"error\":\"nope\"}").build();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  private Response get(String path) {
    return http.execute(new Request.Builder().url(http.url(path)).build());
  }

  @Test
  void requestTimeoutIsRepeatedOnceByOkHttpThenByTheRetryPolicy() {
    for (int i = 0; i < 3; i++) server.enqueue(status(408));
    server.enqueue(ok("done"));
    get("api/x").close();
    // OkHttp repeats a 408 once at once; each of hf4j's retries (after a wait) covers two 408s.
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void retryableStatusesAreRetriedWithExponentialWaits(int code) throws Exception {
    server.enqueue(status(code));
    server.enqueue(status(code));
    server.enqueue(status(code));
    server.enqueue(ok("done"));
    try (Response r = get("api/x")) {
      assertEquals("done", r.body().string());
    }
    assertEquals(4, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), time.sleeps());
  }

  @Test
  void waitsAreCappedAndAttemptsBounded() {
    for (int i = 0; i < 6; i++) server.enqueue(status(503));
    ServerException e = assertThrows(ServerException.class, () -> get("api/x"));
    assertEquals(503, e.statusCode());
    assertEquals(6, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8)), time.sleeps());
  }

  @Test
  void jitterShortensWaitsWithinTheConfiguredShare() {
    http = HfHttp.of(config().jitter(0.25).random(new java.util.Random(7)).build());
    for (int i = 0; i < 5; i++) server.enqueue(status(502));
    server.enqueue(ok("ok"));
    get("api/x").close();
    long[] nominal = {1000, 2000, 4000, 8000, 8000};
    List<Duration> sleeps = time.sleeps();
    assertEquals(5, sleeps.size());
    boolean anyShortened = false;
    for (int i = 0; i < 5; i++) {
      long ms = sleeps.get(i).toMillis();
      assertTrue(ms <= nominal[i] && ms >= nominal[i] * 0.75, "wait " + i + " = " + ms);
      anyShortened |= ms < nominal[i];
    }
    assertTrue(anyShortened);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 412, 422})
  void permanentClientErrorsFailAtOnce(int code) {
    server.enqueue(status(code));
    HfHttpException e = assertThrows(HfHttpException.class, () -> get("api/x"));
    assertEquals(code, e.statusCode());
    assertEquals(1, server.getRequestCount());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void retryAfterDeltaSeconds() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7").build());
    server.enqueue(ok("ok"));
    get("api/x").close();
    // Python waits Retry-After + 1 s.
    assertEquals(List.of(Duration.ofSeconds(8)), time.sleeps());
  }

  @Test
  void retryAfterHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(time.instant().plusSeconds(12).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", date).build());
    server.enqueue(ok("ok"));
    get("api/x").close();
    assertEquals(List.of(Duration.ofSeconds(13)), time.sleeps());
  }

  @Test
  void malformedRetryAfterFallsBackToBackoff() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "soon").build());
    server.enqueue(ok("ok"));
    get("api/x").close();
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void rateLimited429WaitsUntilTheWindowResetsPlusTheHubsMargin() {
    server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("RateLimit", "\"api\";r=0;t=55")
        .addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300").build());
    server.enqueue(ok("ok"));
    get("api/x").close();
    assertEquals(1, time.sleeps().size());
    assertEquals(Duration.ofSeconds(56), time.sleeps().get(0));
    assertEquals(500L, http.config().rateLimits().last(server.getHostName(), "api").quota());
  }

  @Test
  void announcedRateLimitWaitsDoNotCountAgainstTheRetryBudget() throws Exception {
    // A 5-minute window reset against a 30 s budget: the wait is the server's schedule, not a retry cost.
    http = HfHttp.of(config().retryBudget(Duration.ofSeconds(30)).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("RateLimit", "\"api\";r=0;t=290")
        .addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300").build());
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
    server.enqueue(new MockResponse.Builder().code(502).build());
    server.enqueue(ok("ok"));
    try (Response r = get("api/x")) {
      assertEquals("ok", r.body().string());
    }
    // The exponential backoff keeps counting attempts (2 s after the 2nd, 8 s after the 4th), as Python's does.
    assertEquals(List.of(Duration.ofSeconds(291), Duration.ofSeconds(2), Duration.ofSeconds(121), Duration.ofSeconds(8)),
        time.sleeps());
    assertEquals(5, server.getRequestCount());
  }

  @Test
  void ownBackoffStillCountsAgainstTheBudget() {
    http = HfHttp.of(config().retryBudget(Duration.ofSeconds(5)).maxRetries(10).build());
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "100").build());
    for (int i = 0; i < 5; i++) server.enqueue(new MockResponse.Builder().code(500).build());
    assertThrows(io.hf4j.core.ServerException.class, () -> get("api/x"));
    // 101 s announced (free), then 2 s of backoff; the next 4 s would pass the 5 s budget.
    assertEquals(List.of(Duration.ofSeconds(101), Duration.ofSeconds(2)), time.sleeps());
  }

  @Test
  void anAbsurdAnnouncedWaitSurfacesTheTypedErrorAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("RateLimit", "\"api\";r=0;t=7200")
        .addHeader("RateLimit-Policy", "\"fixed window\";\"api\";q=500;w=300").build());
    RateLimitException e = assertThrows(RateLimitException.class, () -> get("api/x"));
    assertEquals(7200, e.retryAfter().toSeconds());
    assertEquals(0, e.rateLimit().remaining());
    assertEquals(500L, e.rateLimit().quota());
    assertTrue(e.getMessage().contains("500 per 300s"), e.getMessage());
    assertEquals(1, server.getRequestCount());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void ioFailuresOfIdempotentCallsAreRetried() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok("ok"));
    try (Response r = get("api/x")) {
      assertEquals("ok", r.body().string());
    }
    assertTrue(server.getRequestCount() >= 2);
  }

  @Test
  void jsonAnswerCutMidBodyIsRetried() throws Exception {
    String json = "{\"files\":[" + "{\"path\":\"a.txt\"},".repeat(2000) + "{\"path\":\"z\"}]}";
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json)
        .onResponseBody(new SocketEffect.CloseSocket()).build());
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(json).build());
    try (Response r = get("api/x")) {
      assertEquals(json, r.body().string());
    }
    assertEquals(2, server.getRequestCount());
    assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps());
  }

  @Test
  void repeatabilityRuleIsExposed() {
    assertTrue(RequestTags.isRepeatable(new Request.Builder().url(http.url("api/x")).build()));
    Request post = new Request.Builder().url(http.url("api/x")).post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    assertTrue(!RequestTags.isRepeatable(post));
    assertTrue(RequestTags.isRepeatable(RequestTags.retrySafe(post.newBuilder()).build()));
  }

  @Test
  void ioFailureAfterRetriesIsHfIoExceptionWithoutQueryString() {
    http = HfHttp.of(config().maxRetries(1).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
    HfIoException e = assertThrows(HfIoException.class,
        () -> http.execute(new Request.Builder().url(http.url("api/x?X-Amz-Signature=abc")).build()));
    assertTrue(e.getMessage().startsWith("GET /api/x failed"), e.getMessage());
    assertTrue(!e.getMessage().contains("abc"));
  }

  @Test
  void postIsNotRetried() {
    server.enqueue(status(503));
    server.enqueue(ok("ok"));
    Request post = new Request.Builder().url(http.url("api/commit")).post(RequestBody.create("{}", MediaType.get("application/json"))).build();
    assertThrows(ServerException.class, () -> http.execute(post));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void postMarkedRetrySafeIsRetriedWithAnIdenticalBody() throws Exception {
    server.enqueue(status(500));
    server.enqueue(status(502));
    server.enqueue(ok("ok"));
    String json = "{\"files\":[{\"path\":\"a.txt\",\"size\":3}]}";
    Request post = RequestTags.retrySafe(new Request.Builder().url(http.url("api/preupload"))
        .post(RequestBody.create(json, MediaType.get("application/json")))).build();
    http.execute(post).close();
    assertEquals(3, server.getRequestCount());
    for (int i = 0; i < 3; i++) {
      RecordedRequest r = server.takeRequest();
      assertEquals(json, r.getBody().utf8());
    }
  }

  interface Service {
    @RetrySafe
    @POST("api/preupload")
    String preupload(@Body String body);

    @POST("api/commit")
    String commit(@Body String body);
  }

  @Test
  void retrofitMethodsHonourRetrySafe() {
    Service service = http.service(Service.class);
    server.enqueue(status(503));
    server.enqueue(ok("\"fine\""));
    assertEquals("fine", service.preupload("x"));
    server.enqueue(status(503));
    server.enqueue(ok("\"fine\""));
    assertInstanceOf(ServerException.class, assertThrows(HfHttpException.class, () -> service.commit("x")));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void noRetryTagWins() {
    server.enqueue(status(503));
    Request get = RequestTags.noRetry(new Request.Builder().url(http.url("api/x"))).build();
    assertThrows(ServerException.class, () -> http.execute(get));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void oneShotBodiesAreNeverResent() {
    server.enqueue(status(503));
    RequestBody oneShot = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("text/plain");
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws java.io.IOException {
        sink.writeUtf8("stream");
      }
    };
    Request put = new Request.Builder().url(http.url("api/x")).put(oneShot).build();
    assertThrows(ServerException.class, () -> http.execute(put));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void totalBudgetBoundsRetries() {
    http = HfHttp.of(config().retryBudget(Duration.ofSeconds(5)).maxRetries(10).build());
    for (int i = 0; i < 10; i++) server.enqueue(status(500));
    assertThrows(ServerException.class, () -> get("api/x"));
    // waits 1 + 2 fit in 5 s; the next (4) would exceed it
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), time.sleeps());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void interruptedWaitIsTypedAndKeepsTheFlag() {
    http = HfHttp.of(config().sleeper(d -> {
      throw new InterruptedException("stop");
    }).build());
    server.enqueue(status(503));
    io.hf4j.core.HfException e = assertThrows(io.hf4j.core.HfException.class, () -> get("api/x"));
    assertTrue(Thread.interrupted(), "interrupt flag restored");
    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
  }

  @Test
  void interruptedCallerGetsHfInterruptedException() {
    server.enqueue(ok("x"));
    Thread.currentThread().interrupt();
    try {
      io.hf4j.core.HfException e = assertThrows(io.hf4j.core.HfException.class, () -> get("api/x"));
      assertTrue(e instanceof io.hf4j.core.HfInterruptedException || e instanceof HfIoException, e.getClass().getName());
      assertTrue(Thread.currentThread().isInterrupted(), "interrupt flag kept");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void zeroRetriesSendsOnce() {
    http = HfHttp.of(config().maxRetries(0).build());
    server.enqueue(status(503));
    assertThrows(ServerException.class, () -> get("api/x"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void badRequestCarriesServerMessage() {
    server.enqueue(new MockResponse.Builder().code(400).body("{\"error\":[\"Error in `inputs.context`: field required\"]}").build());
    BadRequestException e = assertThrows(BadRequestException.class, () -> get("api/x"));
    assertTrue(e.getMessage().contains("field required"), e.getMessage());
  }
}
