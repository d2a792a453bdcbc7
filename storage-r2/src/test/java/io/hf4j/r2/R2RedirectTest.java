package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** An R2 endpoint that redirects elsewhere: S3 clients do not follow, so nothing reaches the other host. */
class R2RedirectTest {
  static final String SESSION = "session-token-must-stay-home";
  @StartStop final MockWebServer endpoint = new MockWebServer();
  @StartStop final MockWebServer elsewhere = new MockWebServer();

  private R2Client client() {
    R2Config config = R2Config.builder().endpoint(endpoint.url("/").toString()).accessKeyId("AKIDREDIR")
        .secretAccessKey("redirect/secret").sessionToken(SESSION).bucket("bucket").build();
    return R2Client.create(config, HfConfig.builder().noToken().maxRetries(2).jitter(0).sleeper(d -> {}).build());
  }

  private MockResponse redirect(int code) {
    return new MockResponse.Builder().code(code).setHeader("Location", elsewhere.url("/steal/object").toString()).build();
  }

  @Test
  void putAnswered307IsAnErrorNamingTheRedirectAndNothingGoesToTheOtherHost() throws Exception {
    endpoint.enqueue(redirect(307));
    elsewhere.enqueue(new MockResponse.Builder().setHeader("ETag", "\"stolen\"").build());
    byte[] body = "the object body".getBytes(StandardCharsets.UTF_8);
    HfHttpException e = assertThrows(HfHttpException.class, () -> client().putObject("k.txt", body));
    assertEquals(307, e.statusCode());
    assertTrue(e.getMessage().contains("redirect"), e.getMessage());
    assertTrue(e.getMessage().contains(elsewhere.url("/").host()), e.getMessage());
    assertTrue(!e.getMessage().contains(SESSION), e.getMessage());
    RecordedRequest first = endpoint.takeRequest();
    assertEquals(SESSION, first.getHeaders().get("X-Amz-Security-Token"));
    assertEquals(1, endpoint.getRequestCount());
    assertEquals(0, elsewhere.getRequestCount(), "the other host got a request");
  }

  @Test
  void getAnswered302IsNotFollowedEither() {
    endpoint.enqueue(redirect(302));
    elsewhere.enqueue(new MockResponse.Builder().body("other bytes").build());
    HfHttpException e = assertThrows(HfHttpException.class, () -> client().getObjectBytes("k.txt"));
    assertEquals(302, e.statusCode());
    assertEquals(0, elsewhere.getRequestCount(), "the other host got a request");
  }
}
