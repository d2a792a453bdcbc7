package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The CAS client's exact wire behaviour against MockWebServer. */
class CasClientTest {
  @StartStop final MockWebServer cas = new MockWebServer();
  @StartStop final MockWebServer storage = new MockWebServer();

  private final List<Boolean> tokenRequests = new ArrayList<>();
  private final List<Duration> sleeps = new ArrayList<>();
  private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private Instant expiry = now.plusSeconds(3600);

  private CasClient client() {
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").token("hf_hubtoken_never_on_cas")
        .clock(Clock.fixed(now, ZoneOffset.UTC)).sleeper(sleeps::add).jitter(0).build();
    String base = cas.url("/").toString();
    return new CasClient(config, force -> {
      tokenRequests.add(force);
      return new XetToken(base, "xet-token-" + tokenRequests.size(), expiry);
    });
  }

  private static MockResponse json(String s) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(s).build();
  }

  @Test
  void uploadsAXorbOnItsRouteWithTheXetTokenOnly() throws Exception {
    CasClient c = client();
    XorbBuilder.Built x = XorbBuilder.of(List.of(new byte[] {1, 2, 3}, new byte[] {4, 5}));
    cas.enqueue(json("{\"was_inserted\":true}"));
    assertTrue(c.uploadXorb(x.hash(), x.bytes(), x.length()));
    cas.enqueue(json("{\"was_inserted\":false}"));
    assertFalse(c.uploadXorb(x.hash(), x.bytes(), x.length()));
    RecordedRequest r = cas.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("/v1/xorbs/default/" + x.hash().toHex(), r.getUrl().encodedPath());
    assertEquals("Bearer xet-token-1", r.getHeaders().get("Authorization"));
    assertArrayEquals(x.body(), r.getBody().toByteArray());
    assertEquals(List.of(false), tokenRequests);
  }

  @Test
  void refreshesTheTokenOnceAfterA401() throws Exception {
    CasClient c = client();
    cas.enqueue(new MockResponse.Builder().code(401).body("expired").build());
    cas.enqueue(json("{\"result\":1}"));
    assertTrue(c.uploadShard(ShardTest.sample().serialize()));
    assertEquals("Bearer xet-token-1", cas.takeRequest().getHeaders().get("Authorization"));
    RecordedRequest second = cas.takeRequest();
    assertEquals("/v1/shards", second.getUrl().encodedPath());
    assertEquals("Bearer xet-token-2", second.getHeaders().get("Authorization"));
    assertEquals(List.of(false, true), tokenRequests);
  }

  @Test
  void refreshesATokenAboutToExpireBeforeUsingIt() throws Exception {
    expiry = now.plusSeconds(10);
    CasClient c = client();
    cas.enqueue(new MockResponse.Builder().code(404).build());
    assertNull(c.queryChunk(XetHash.ZERO));
    // the first token already expires within the refresh margin: a second one is asked for
    assertEquals(List.of(false, true), tokenRequests);
    assertEquals("Bearer xet-token-2", cas.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void retriesOn5xxAnd429ThroughCoresStack() throws Exception {
    CasClient c = client();
    XorbBuilder.Built x = XorbBuilder.of(List.of(new byte[] {7}));
    cas.enqueue(new MockResponse.Builder().code(503).build());
    cas.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    cas.enqueue(json("{\"was_inserted\":true}"));
    assertTrue(c.uploadXorb(x.hash(), x.bytes(), x.length()));
    assertEquals(3, cas.getRequestCount());
    assertEquals(2, sleeps.size());
    // the announced 2 s plus the Hub's 1 s safety margin (as the Python client waits)
    assertEquals(Duration.ofSeconds(3), sleeps.get(1));
  }

  @Test
  void globalDedupeQueryReturnsTheShard() throws Exception {
    CasClient c = client();
    Shard s = ShardTest.sample();
    XetHash chunk = s.xorbs().get(0).chunks().get(1).hash();
    cas.enqueue(new MockResponse.Builder().body(new Buffer().write(s.serializeWithFooter(5))).build());
    Shard got = Objects.requireNonNull(c.queryChunk(chunk));
    assertEquals(2, got.xorbs().size());
    assertEquals("/v1/chunks/default/" + chunk.toHex(), cas.takeRequest().getUrl().encodedPath());
  }

  @Test
  void reconstructionAndRangedFetch() throws Exception {
    CasClient c = client();
    XetHash file = Xet.fileHash(new byte[] {1});
    XetHash xorb = Xet.chunkHash(new byte[] {2});
    String url = storage.url("/xorbs/" + xorb.toHex() + "?sig=abc").toString();
    cas.enqueue(json("{\"offset_into_first_range\":7,\"terms\":[{\"hash\":\"" + xorb.toHex()
        + "\",\"unpacked_length\":100,\"range\":{\"start\":1,\"end\":3}}],\"fetch_info\":{\"" + xorb.toHex()
        + "\":[{\"range\":{\"start\":0,\"end\":4},\"url\":\"" + url + "\",\"url_range\":{\"start\":10,\"end\":19}}]}}"));
    CasClient.Reconstruction r = c.reconstruction(file, 100, 199);
    RecordedRequest rr = cas.takeRequest();
    assertEquals("/v1/reconstructions/" + file.toHex(), rr.getUrl().encodedPath());
    assertEquals("bytes=100-199", rr.getHeaders().get("Range"));
    assertEquals(7, r.offsetIntoFirstRange());
    assertEquals(List.of(new CasClient.Term(xorb, 100, 1, 3)), r.terms());
    CasClient.FetchInfo fi = r.fetchInfo().get(xorb).get(0);
    assertEquals(new CasClient.FetchInfo(0, 4, url, 10, 19), fi);

    storage.enqueue(new MockResponse.Builder().code(206).body("0123456789").build());
    assertArrayEquals("0123456789".getBytes(), c.fetch(fi));
    RecordedRequest sr = storage.takeRequest();
    assertEquals("bytes=10-19", sr.getHeaders().get("Range"));
    assertEquals("sig=abc", sr.getUrl().encodedQuery());
    assertNull(sr.getHeaders().get("Authorization"), "no token on presigned URLs");

    storage.enqueue(new MockResponse.Builder().code(206).body("01234").build());
    XetIntegrityException e = assertThrows(XetIntegrityException.class, () -> c.fetch(fi));
    assertTrue(e.getMessage().contains("5 bytes, expected 10"), e.getMessage());
  }

  @Test
  void theXetTokenNeverAppearsInErrors() throws Exception {
    CasClient c = client();
    cas.enqueue(new MockResponse.Builder().code(403).body("token xet-token-1 is not allowed").build());
    HfHttpException e = assertThrows(HfHttpException.class, () -> c.uploadShard(new byte[] {1}));
    assertEquals(403, e.statusCode());
    assertFalse(String.valueOf(e.getMessage()).contains("xet-token-1"), e.getMessage());
    assertFalse(e.toString().contains("xet-token-1"));
    XetToken t = new XetToken("https://cas.example/", "secret-value", now);
    assertFalse(t.toString().contains("secret-value"));
    assertEquals("https://cas.example", t.casUrl());
  }
}
