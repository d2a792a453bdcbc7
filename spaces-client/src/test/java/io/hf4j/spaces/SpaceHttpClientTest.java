package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.LocalTokenNotFoundException;
import io.hf4j.core.NotFoundException;
import io.hf4j.core.RepoId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calling a Space's own API: URL resolution, waking on 502/503, the token only for the Space host. */
class SpaceHttpClientTest {
  static final RepoId ID = RepoId.space("acme/classifier");

  @StartStop final MockWebServer hub = new MockWebServer();
  @StartStop final MockWebServer app = new MockWebServer();
  @TempDir Path home;
  FakeTime clock;
  SpacesClient spaces;

  @BeforeEach
  void setUp() {
    clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    spaces = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  private SpaceHttpClient.Builder builder() {
    return SpaceHttpClient.builder(spaces, ID).baseUrl(app.url("/").toString());
  }

  @Test
  void getHealthThroughTheOverride() throws Exception {
    app.enqueue(new MockResponse.Builder().body("{\"status\":\"ok\"}").build());
    SpaceResponse r = builder().build().get("/health");
    assertEquals(200, r.code());
    assertEquals(Map.of("status", "ok"), r.json(Map.class));
    RecordedRequest req = app.takeRequest();
    assertEquals("/health", req.getTarget());
    assertNull(req.getHeaders().get("Authorization"), "no token unless opted in");
    assertEquals(0, hub.getRequestCount());
  }

  @Test
  void tokenGoesToTheSpaceHostOnlyWhenOptedIn() throws Exception {
    app.enqueue(new MockResponse.Builder().body("ok").build());
    SpaceHttpClient client = builder().sendToken(true).build();
    client.get("/health");
    assertEquals("Bearer " + TestSupport.TOKEN, app.takeRequest().getHeaders().get("Authorization"));
    assertFalse(client.toString().contains(TestSupport.TOKEN));
  }

  @Test
  void tokenNeverFollowsToAnotherHost() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    try {
      other.enqueue(new MockResponse.Builder().body("elsewhere").build());
      SpaceHttpClient client = builder().sendToken(true).build();
      SpaceResponse r = client.send(new okhttp3.Request.Builder().url(other.url("/x")).build());
      assertEquals("elsewhere", r.bodyString());
      assertNull(other.takeRequest().getHeaders().get("Authorization"));
    } finally {
      other.close();
    }
  }

  @Test
  void tokenNeverCrossesARedirectToAnotherHost() throws Exception {
    MockWebServer other = new MockWebServer();
    other.start();
    try {
      app.enqueue(new MockResponse.Builder().code(302).setHeader("Location", other.url("/moved").toString()).build());
      other.enqueue(new MockResponse.Builder().body("moved").build());
      SpaceResponse r = builder().sendToken(true).build().get("/health");
      assertEquals("moved", r.bodyString());
      assertEquals("Bearer " + TestSupport.TOKEN, app.takeRequest().getHeaders().get("Authorization"));
      assertNull(other.takeRequest().getHeaders().get("Authorization"));
    } finally {
      other.close();
    }
  }

  @Test
  void sendTokenWithoutATokenIsAClearError() {
    SpacesClient anonymous = SpacesClient.create(HfConfig.builder().endpoint(hub.url("/").toString()).noToken().hfHome(home).build());
    assertThrows(LocalTokenNotFoundException.class, () -> SpaceHttpClient.builder(anonymous, ID).sendToken(true).build());
  }

  @Test
  void wakesASleepingSpaceByRetrying503And502() throws Exception {
    app.enqueue(new MockResponse.Builder().code(503).body("Space is sleeping").build());
    app.enqueue(new MockResponse.Builder().code(502).build());
    app.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "7").build());
    app.enqueue(new MockResponse.Builder().body("{\"label\":\"cat\"}").build());
    SpaceResponse r = builder().build().postJson("/classify", "{\"text\":\"meow\"}");
    assertEquals("{\"label\":\"cat\"}", r.bodyString());
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(7)), clock.sleeps());
    for (int i = 0; i < 4; i++) assertEquals("{\"text\":\"meow\"}", app.takeRequest().getBody().utf8());
  }

  @Test
  void givesUpWithATypedTimeoutAfterTheWakeDeadline() {
    for (int i = 0; i < 20; i++) app.enqueue(new MockResponse.Builder().code(503).build());
    SpaceTimeoutException e = assertThrows(SpaceTimeoutException.class,
        () -> builder().wakeTimeout(Duration.ofSeconds(20)).build().get("/health"));
    assertEquals(503, e.lastStatus());
    assertEquals(ID, e.spaceId());
    assertEquals(Duration.ofSeconds(20), clock.sleeps().stream().reduce(Duration.ZERO, Duration::plus));
  }

  @Test
  void multipartUploadIsSentAgainWhileWaking() throws Exception {
    app.enqueue(new MockResponse.Builder().code(503).build());
    app.enqueue(new MockResponse.Builder().body("{\"label\":\"cat\",\"score\":0.9}").build());
    MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("file", "cat.png", RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("image/png")))
        .addFormDataPart("top", "1").build();
    SpaceResponse r = builder().build().post("/classify", body);
    assertTrue(r.isSuccessful());
    app.takeRequest();
    RecordedRequest second = app.takeRequest();
    assertTrue(second.getHeaders().get("Content-Type").startsWith("multipart/form-data"));
    assertTrue(second.getBody().utf8().contains("filename=\"cat.png\""));
  }

  @Test
  void appErrorsAreTyped() {
    app.enqueue(new MockResponse.Builder().code(404).body("{\"detail\":\"Not Found\"}").build());
    NotFoundException e = assertThrows(NotFoundException.class, () -> builder().build().get("/nope"));
    assertEquals(404, e.statusCode());
  }

  @Test
  void appErrorsAreMappedByStatusOnlyNotByHubPaths() {
    app.enqueue(new MockResponse.Builder().code(404).body("{\"detail\":\"no such model\"}").build());
    app.enqueue(new MockResponse.Builder().code(401).setHeader("X-Error-Message", "Repository not found").build());
    SpaceHttpClient client = builder().build();
    NotFoundException notFound = assertThrows(NotFoundException.class, () -> client.get("/api/models/acme/x"));
    assertEquals(404, notFound.statusCode());
    AuthenticationException unauthorized =
        assertThrows(AuthenticationException.class, () -> client.get("/api/spaces/acme/x/resolve/main/f"));
    assertEquals(401, unauthorized.statusCode());
  }

  @Test
  void anInterruptedWakeIsTypedAndKeepsTheInterruptFlag() {
    app.enqueue(new MockResponse.Builder().code(503).build());
    SpacesClient interrupted = SpacesClient.create(TestSupport.configBuilder(hub, home, clock)
        .sleeper(d -> {
          throw new InterruptedException("cancelled");
        })
        .build());
    SpaceHttpClient client = SpaceHttpClient.builder(interrupted, ID).baseUrl(app.url("/").toString()).build();
    try {
      HfInterruptedException e = assertThrows(HfInterruptedException.class, () -> client.get("/health"));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is set again");
      assertInstanceOf(InterruptedException.class, e.getCause());
      assertTrue(e.getMessage().contains("to wake"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, app.getRequestCount());
  }

  @Test
  void anInterruptedCallIsNotRetriedAsAConnectionFailure() {
    for (int i = 0; i < 3; i++) app.enqueue(new MockResponse.Builder().body("ok").build());
    SpaceHttpClient client = builder().build();
    Thread.currentThread().interrupt();
    try {
      HfInterruptedException e = assertThrows(HfInterruptedException.class, () -> client.get("/health"));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is kept");
      assertTrue(e.getMessage().contains("/health"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
    assertTrue(clock.sleeps().isEmpty(), "no wake back-off after an interrupt");
  }

  @Test
  void baseUrlComesFromTheRuntimeDomains() throws Exception {
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING").replace("user-tmp-test-space.hf.space", "acme-classifier.hf.space")));
    SpaceHttpClient client = SpaceHttpClient.builder(spaces, ID).build();
    assertEquals("https://acme-classifier.hf.space/", client.baseUrl().toString());
    assertEquals("https://acme-classifier.hf.space/classify?top=3", client.url("/classify?top=3").toString());
    assertEquals("/api/spaces/acme/classifier/runtime", hub.takeRequest().getTarget());
  }

  @Test
  void baseUrlFallsBackToTheDerivedSubdomain() {
    hub.enqueue(MockResponses.json("{\"stage\":\"BUILDING\",\"hardware\":{\"current\":null,\"requested\":\"cpu-basic\"}}"));
    SpaceHttpClient client = SpaceHttpClient.builder(spaces, RepoId.space("Acme/My_App.v2")).build();
    assertEquals("https://acme-my-app-v2.hf.space/", client.baseUrl().toString());
  }

  @Test
  void overrideWithAPathPrefixKeepsIt() {
    SpaceHttpClient client = SpaceHttpClient.builder(spaces, ID).baseUrl("http://127.0.0.1:9/spaces/acme/classifier").build();
    assertEquals("http://127.0.0.1:9/spaces/acme/classifier/health", client.url("health").toString());
  }
}
