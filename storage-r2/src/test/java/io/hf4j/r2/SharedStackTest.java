package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hf4j.core.HfConfig;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** R2 clients run on their configuration's OkHttp client: one connection pool and dispatcher, not one per client. */
class SharedStackTest {
  @StartStop final MockWebServer server = new MockWebServer();

  private R2Config r2() {
    return R2Config.builder().endpoint(server.url("/").toString()).accessKeyId("AKID").secretAccessKey("SECRET")
        .bucket("bucket").build();
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().setHeader("ETag", "\"etag-1\"").build();
  }

  private static void assertShares(OkHttpClient expected, OkHttpClient actual) {
    assertSame(expected.connectionPool(), actual.connectionPool());
    assertSame(expected.dispatcher(), actual.dispatcher());
  }

  @Test
  void twoClientsOfOneConfigurationShareItsPoolAndOneConnection() throws Exception {
    HfConfig hf = HfConfig.builder().noToken().build();
    R2Client a = R2Client.create(r2(), hf);
    R2Client b = R2Client.create(r2(), hf);
    assertNotSame(a, b);
    assertShares(hf.httpClient(), a.httpClient());
    assertShares(hf.httpClient(), b.httpClient());

    server.enqueue(ok());
    server.enqueue(ok());
    a.putObject("one.txt", "1".getBytes(StandardCharsets.UTF_8));
    b.putObject("two.txt", "2".getBytes(StandardCharsets.UTF_8));
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertEquals("/bucket/one.txt", first.getTarget());
    assertEquals("/bucket/two.txt", second.getTarget());
    assertEquals(first.getConnectionIndex(), second.getConnectionIndex(), "b reused the connection a opened");
    assertEquals(1, hf.httpClient().connectionPool().connectionCount());
  }

  @Test
  void clientsWithoutAConfigurationShareTheDefaultOne() {
    R2Client a = R2Client.create(r2());
    R2Client b = R2Client.create(r2());
    assertShares(a.httpClient(), b.httpClient());
    assertSame(a.hfConfig(), b.hfConfig());
  }

  @Test
  void anOfflineConfigurationStillSharesItsPool() {
    HfConfig offline = HfConfig.builder().noToken().offline(true).build();
    R2Client a = R2Client.create(r2(), offline);
    R2Client b = R2Client.create(r2(), offline);
    assertShares(offline.httpClient(), a.httpClient());
    assertShares(offline.httpClient(), b.httpClient());
  }
}
