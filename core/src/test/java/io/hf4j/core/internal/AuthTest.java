package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfOfflineException;
import io.hf4j.core.RepositoryNotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class AuthTest {
  private static final String TOKEN = "hf_authtestsecret123";
  @StartStop final MockWebServer hub = new MockWebServer();
  @StartStop final MockWebServer storage = new MockWebServer();

  private HfHttp http(MockWebServer endpoint) {
    FakeTime t = new FakeTime();
    return HfHttp.of(HfConfig.builder().endpoint(endpoint.url("/").toString()).token(TOKEN).clock(t).sleeper(t::sleep).jitter(0).build());
  }

  /** The storage server under another host name than the hub (127.0.0.1 vs localhost). */
  private HttpUrl storageUrl(String path) {
    return storage.url(path).newBuilder().host("localhost").build();
  }

  @Test
  void tokenGoesToTheEndpointHost() throws Exception {
    HfHttp http = http(hub);
    hub.enqueue(new MockResponse.Builder().body("{}").build());
    http.execute(new Request.Builder().url(http.url("api/whoami-v2")).build()).close();
    RecordedRequest r = hub.takeRequest();
    assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"));
    assertTrue(r.getHeaders().get("User-Agent").startsWith("hf4j/"));
    assertTrue(r.getHeaders().get("X-Amzn-Trace-Id").matches("[0-9a-f-]{36}"));
  }

  @Test
  void tokenNeverGoesToAnotherHost() throws Exception {
    HfHttp http = http(hub);
    storage.enqueue(new MockResponse.Builder().build());
    http.execute(new Request.Builder().url(storageUrl("/bucket/obj")).put(RequestBody.create("x", MediaType.get("text/plain"))).build()).close();
    RecordedRequest r = storage.takeRequest();
    assertNull(r.getHeaders().get("Authorization"));
  }

  @Test
  void callerSetTokenIsStrippedForAnotherHost() throws Exception {
    HfHttp http = http(hub);
    storage.enqueue(new MockResponse.Builder().build());
    http.execute(new Request.Builder().url(storageUrl("/x")).header("Authorization", "Bearer " + TOKEN).build()).close();
    assertNull(storage.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void tokenDroppedOnRedirectToAnotherHost() throws Exception {
    HfHttp http = http(hub);
    hub.enqueue(new MockResponse.Builder().code(302).addHeader("Location", storageUrl("/lfs/blob?X-Amz-Signature=sig").toString()).build());
    storage.enqueue(new MockResponse.Builder().body("payload").build());
    try (Response r = http.execute(new Request.Builder().url(http.url("org/model/resolve/main/model.bin")).build())) {
      assertEquals("payload", r.body().string());
    }
    assertEquals("Bearer " + TOKEN, hub.takeRequest().getHeaders().get("Authorization"));
    assertNull(storage.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void tokenKeptOnRedirectWithinTheHost() throws Exception {
    HfHttp http = http(hub);
    hub.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/api/models/google-bert/bert-base-uncased").build());
    hub.enqueue(new MockResponse.Builder().body("{}").build());
    http.execute(new Request.Builder().url(http.url("api/models/bert-base-uncased")).build()).close();
    hub.takeRequest();
    RecordedRequest second = hub.takeRequest();
    assertEquals("/api/models/google-bert/bert-base-uncased", second.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, second.getHeaders().get("Authorization"));
  }

  @Test
  void tokenForOriginSendsTheTokenToThatForeignOriginOnly() throws Exception {
    HfHttp http = http(hub);
    storage.enqueue(new MockResponse.Builder().code(302).addHeader("Location", hub.url("/elsewhere").newBuilder().host("127.0.0.1").build().toString()).build());
    storage.enqueue(new MockResponse.Builder().build());
    hub.enqueue(new MockResponse.Builder().build());
    http.execute(RequestTags.tokenForOrigin(new Request.Builder().url(storageUrl("/private-space/health"))).build()).close();
    assertEquals("Bearer " + TOKEN, storage.takeRequest().getHeaders().get("Authorization"));
    // The redirect went to another origin: OkHttp dropped the header.
    assertNull(hub.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void foreignHostErrorsAreMappedByStatusOnly() {
    HfHttp http = http(hub);
    storage.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"no such route\"}").build());
    Response r;
    try {
      r = http.client().newCall(new Request.Builder().url(storageUrl("/api/models/x/y")).build()).execute();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    io.hf4j.core.HfHttpException e = assertThrows(io.hf4j.core.HfHttpException.class, () -> http.raiseForeign(r));
    assertEquals(io.hf4j.core.NotFoundException.class, e.getClass());
    assertTrue(e.getMessage().contains("no such route"));
  }

  @Test
  void anonymousRequestsCarryNoToken() throws Exception {
    HfHttp http = http(hub);
    hub.enqueue(new MockResponse.Builder().body("[]").build());
    http.execute(RequestTags.anonymous(new Request.Builder().url(http.url("api/jobs/hardware"))).build()).close();
    assertNull(hub.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void tokenAbsentFromExceptionsAndLogsOfAFailingCall() throws Exception {
    HfHttp http = http(hub);
    // A hostile or buggy server echoing the token back must not make it leak either.
    hub.enqueue(new MockResponse.Builder().code(401).addHeader("X-Error-Code", "RepoNotFound")
        .addHeader("X-Error-Message", "Invalid username or password for " + TOKEN)
        .body("{\"error\":\"Repository not found, token " + TOKEN + "\"}").build());
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    HfException e;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      e = assertThrows(RepositoryNotFoundException.class, () -> http.execute(
          new Request.Builder().url(http.url("api/models/acme/private")).post(RequestBody.create("{\"token\":\"x\"}", MediaType.get("application/json"))).build()));
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("curl -X POST"), "the debug curl line is logged: " + logs);
    assertTrue(logs.contains("Bearer <TOKEN>"), logs);
    assertFalse(logs.contains(TOKEN), logs);
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertFalse(String.valueOf(e).contains(TOKEN));
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertFalse(trace.toString().contains(TOKEN));
    assertTrue(e.getMessage().contains("Repository not found"), e.getMessage());
  }

  @Test
  void curlLineRedactsSignaturesAndShowsBody() throws Exception {
    Request r = new Request.Builder().url("https://h.example/p?X-Amz-Signature=deadbeef&a=b")
        .header("Authorization", "Bearer " + TOKEN)
        .post(RequestBody.create("{\"k\":1}", MediaType.get("application/json"))).build();
    String line = CurlLogger.curl(r);
    assertFalse(line.contains(TOKEN));
    assertFalse(line.contains("deadbeef"));
    assertTrue(line.contains("-d '{\"k\":1}'"), line);
    assertTrue(line.contains("a=b"), line);
  }

  @Test
  void offlineModeRefusesBeforeSending() {
    HfHttp http = HfHttp.of(HfConfig.builder().endpoint(hub.url("/").toString()).offline(true).build());
    HfOfflineException e = assertThrows(HfOfflineException.class, () -> http.execute(new Request.Builder().url(http.url("api/x")).build()));
    assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"));
    assertEquals(0, hub.getRequestCount());
  }
}
