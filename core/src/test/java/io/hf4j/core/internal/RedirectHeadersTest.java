package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Configured headers and credential-like headers never follow a redirect to another origin. */
class RedirectHeadersTest {
  @StartStop final MockWebServer hub = new MockWebServer();
  @StartStop final MockWebServer other = new MockWebServer();

  private HfHttp http() {
    FakeTime t = new FakeTime();
    return HfHttp.of(HfConfig.builder().endpoint(hub.url("/").toString()).token("hf_redirectsecret").clock(t).sleeper(t::sleep)
        .jitter(0).header("X-Custom-Gateway", "gateway-secret-1").header("X-Plain", "plain-value").build());
  }

  private HttpUrl otherUrl(String path) {
    return other.url(path).newBuilder().host("localhost").build();
  }

  @Test
  void customHeadersAreStrippedOnACrossHostRedirect() throws Exception {
    HfHttp http = http();
    hub.enqueue(new MockResponse.Builder().code(302).addHeader("Location", otherUrl("/elsewhere").toString()).build());
    other.enqueue(new MockResponse.Builder().body("x").build());
    try (Response r = http.execute(new Request.Builder().url(http.url("api/models/a/b"))
        .header("X-Api-Key", "caller-key").header("Cookie", "s=1").build())) {
      assertEquals("x", r.body().string());
    }
    RecordedRequest first = hub.takeRequest();
    assertEquals("gateway-secret-1", first.getHeaders().get("X-Custom-Gateway"));
    assertEquals("caller-key", first.getHeaders().get("X-Api-Key"));
    RecordedRequest second = other.takeRequest();
    assertNull(second.getHeaders().get("X-Custom-Gateway"));
    assertNull(second.getHeaders().get("X-Plain"));
    assertNull(second.getHeaders().get("X-Api-Key"));
    assertNull(second.getHeaders().get("Cookie"));
    assertNull(second.getHeaders().get("Authorization"));
  }

  @Test
  void customHeadersStayOnASameHostRedirect() throws Exception {
    HfHttp http = http();
    hub.enqueue(new MockResponse.Builder().code(302).addHeader("Location", hub.url("/moved").toString()).build());
    hub.enqueue(new MockResponse.Builder().body("y").build());
    http.execute(new Request.Builder().url(http.url("api/models/a/b")).build()).close();
    hub.takeRequest();
    assertEquals("gateway-secret-1", hub.takeRequest().getHeaders().get("X-Custom-Gateway"));
  }

  @Test
  void callerHeadersOnAForeignFirstHopAreKept() throws Exception {
    HfHttp http = http();
    other.enqueue(new MockResponse.Builder().build());
    http.execute(new Request.Builder().url(otherUrl("/upload")).header("X-Amz-Security-Token", "presigned-session").build())
        .close();
    assertEquals("presigned-session", other.takeRequest().getHeaders().get("X-Amz-Security-Token"));
  }
}
