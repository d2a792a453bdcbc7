package io.hf4j.core.internal;

import io.hf4j.testfixtures.EndlessServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.ResponseTooLargeException;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An answer that never ends costs a bounded read, a typed error and no retry. */
class BoundedAnswersTest {
  /** The bound plus what socket buffers may hold when the client hangs up. */
  static final long MAX_SENT = BoundedBody.MAX_JSON_BYTES + 16L * 1024 * 1024;

  private static HfHttp http(EndlessServer server) {
    FakeTime t = new FakeTime();
    return HfHttp.of(HfConfig.builder().endpoint(server.url()).token("hf_boundedsecret").clock(t).sleeper(t::sleep).jitter(0)
        .maxRetries(3).build());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"application/json", "text/plain"})
  @Timeout(60)
  void anEndlessJsonAnswerFailsFastTypedAndIsNotRetried(String contentType) throws Exception {
    try (EndlessServer server = new EndlessServer(contentType)) {
      HfHttp http = http(server);
      Request request = new Request.Builder().url(http.url("api/whoami-v2")).build();
      ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, () -> http.executeJson(request, Object.class));
      assertTrue(e.getMessage().contains("/api/whoami-v2") && e.getMessage().contains("32 MiB"), e.getMessage());
      assertEquals(1, server.requests.get(), "not retried");
      assertTrue(server.bodyBytesSent.get() < MAX_SENT, "read " + server.bodyBytesSent.get() + " bytes");
    }
  }

  @Test
  @Timeout(60)
  void anEndlessPageOfAListingFailsTheSameWay() throws Exception {
    try (EndlessServer server = new EndlessServer("application/json")) {
      HfHttp http = http(server);
      assertThrows(ResponseTooLargeException.class,
          () -> Pagination.<Object>stream(http, http.url("api/models/a/b/tree/main"), Object.class).iterator().hasNext());
      assertEquals(1, server.requests.get());
      assertTrue(server.bodyBytesSent.get() < MAX_SENT, "read " + server.bodyBytesSent.get() + " bytes");
    }
  }

  @Test
  @Timeout(60)
  void anEndlessAnswerReadByTheCallerIsBoundedByTheClientItself() throws Exception {
    try (EndlessServer server = new EndlessServer("application/json")) {
      HfHttp http = http(server);
      Request request = new Request.Builder().url(http.url("api/models/a/b/revision/main")).build();
      try (okhttp3.Response r = http.execute(request)) {
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> r.body().string());
        assertTrue(e instanceof BoundedBody.TooLarge, e.toString());
        assertTrue(http.ioFailure(request, e) instanceof ResponseTooLargeException);
      }
      assertEquals(1, server.requests.get());
    }
  }

  @Test
  void aBoundedBodyReadsUpToItsLimitExactly() throws Exception {
    okhttp3.ResponseBody body = okhttp3.ResponseBody.create(new byte[100], okhttp3.MediaType.get("application/json"));
    assertEquals(100, BoundedBody.limit(body, 100).bytes().length);
    okhttp3.ResponseBody more = okhttp3.ResponseBody.create(new byte[101], okhttp3.MediaType.get("application/json"));
    assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.limit(more, 100).bytes());
  }
}
