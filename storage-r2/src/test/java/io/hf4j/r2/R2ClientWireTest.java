package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.ServerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.Buffer;
import okio.ByteString;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.Test;

/** What goes on the wire: signatures, encoding, retries and headers, checked against a scripted server. */
class R2ClientWireTest {
  static final String AK = "AKIDWIRE";
  static final String SK = "wire/secret+KEY";
  @StartStop final MockWebServer server = new MockWebServer();

  /** A clock that moves on by a few seconds every time it is read. */
  static final class TickingClock extends Clock {
    private Instant now;
    private final Duration step;

    TickingClock(Instant start, Duration step) {
      this.now = start;
      this.step = step;
    }

    @Override
    public synchronized Instant instant() {
      Instant t = now;
      now = now.plus(step);
      return t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private R2Config.Builder config() {
    return R2Config.builder().endpoint(server.url("/").toString()).accessKeyId(AK).secretAccessKey(SK).bucket("bucket");
  }

  private static HfConfig.Builder hf() {
    return HfConfig.builder().noToken().maxRetries(3).jitter(0).sleeper(d -> {});
  }

  private R2Client client() {
    return R2Client.create(config().build(), hf().build());
  }

  private static MockResponse ok() {
    return new MockResponse.Builder().setHeader("ETag", "\"etag-1\"").build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  @Test
  void putSendsExactlyWhatItSigned() throws Exception {
    server.enqueue(ok());
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    PutObjectResult result = client().putObject("a b+c~ü/日本.txt", body,
        PutObjectParams.builder().contentType("text/plain").putMetadata("User-Id", "42").build());
    assertEquals("etag-1", result.eTag());
    RecordedRequest r = server.takeRequest();
    assertEquals("PUT", r.getMethod());
    assertEquals("/bucket/a%20b%2Bc~%C3%BC/%E6%97%A5%E6%9C%AC.txt", r.getTarget());
    assertEquals("text/plain", r.getHeaders().get("Content-Type"));
    assertEquals("42", r.getHeaders().get("x-amz-meta-user-id"));
    assertEquals(ByteString.of(body).sha256().hex(), r.getHeaders().get("x-amz-content-sha256"), "plain HTTP: payload signed");
    SigCheck.assertSignedAsSent(r, AK, SK);
    String signedHeaders = r.getHeaders().get("Authorization").replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
    assertEquals("content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-user-id", signedHeaders);
  }

  @Test
  void emptySegmentsAndTrailingSlashesAreKept() throws Exception {
    // S3Proxy's filesystem store cannot hold these keys; the wire shape is checked here instead.
    server.enqueue(ok());
    server.enqueue(ok());
    R2Client r2 = client();
    r2.putObject("a//b", new byte[1]);
    r2.putObject("dir/", new byte[0]);
    RecordedRequest first = server.takeRequest();
    assertEquals("/bucket/a//b", first.getTarget());
    SigCheck.assertSignedAsSent(first, AK, SK);
    RecordedRequest second = server.takeRequest();
    assertEquals("/bucket/dir/", second.getTarget());
    SigCheck.assertSignedAsSent(second, AK, SK);
  }

  @Test
  void everyRetryIsSignedAgainWithAFreshDate() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    R2Client r2 = R2Client.create(config().build(), hf().clock(new TickingClock(Instant.parse("2026-03-01T10:00:00Z"),
        Duration.ofSeconds(7))).build());
    r2.putObject("k", new byte[] {1, 2, 3});
    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertNotEquals(first.getHeaders().get("X-Amz-Date"), second.getHeaders().get("X-Amz-Date"));
    assertNotEquals(first.getHeaders().get("Authorization"), second.getHeaders().get("Authorization"));
    SigCheck.assertSignedAsSent(first, AK, SK);
    SigCheck.assertSignedAsSent(second, AK, SK);
    assertEquals(1, second.getHeaders().values("Authorization").size());
  }

  @Test
  void payloadIsUnsignedWhenConfigured() throws Exception {
    server.enqueue(ok());
    R2Client.create(config().signPayload(false).build(), hf().build()).putObject("k", new byte[10]);
    RecordedRequest r = server.takeRequest();
    assertEquals("UNSIGNED-PAYLOAD", r.getHeaders().get("x-amz-content-sha256"));
    SigCheck.assertSignedAsSent(r, AK, SK);
  }

  @Test
  void aStreamIsSentOnceAndNeverRetried() throws Exception {
    server.enqueue(status(503));
    server.enqueue(ok());
    byte[] data = new byte[1000];
    assertThrows(ServerException.class, () -> client().putObject("s", new ByteArrayInputStream(data), data.length,
        PutObjectParams.defaults()));
    RecordedRequest r = server.takeRequest();
    assertEquals("UNSIGNED-PAYLOAD", r.getHeaders().get("x-amz-content-sha256"));
    assertEquals("1000", r.getHeaders().get("Content-Length"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aShortStreamFailsTheUpload() {
    server.enqueue(ok());
    assertThrows(io.hf4j.core.HfIoException.class,
        () -> client().putObject("s", new ByteArrayInputStream(new byte[10]), 20, PutObjectParams.defaults()));
  }

  @Test
  void getAsksForTheStoredBytesUnchanged() throws Exception {
    Buffer gz = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(gz))) {
      sink.writeUtf8("compressed at rest");
    }
    byte[] stored = gz.readByteArray();
    server.enqueue(new MockResponse.Builder().setHeader("Content-Encoding", "gzip").setHeader("Content-Type", "text/plain")
        .setHeader("x-amz-meta-origin", "camera").body(new Buffer().write(stored)).build());
    try (ObjectContent content = client().getObject("g.txt.gz")) {
      assertArrayEquals(stored, content.readAllBytes());
      assertEquals("gzip", content.metadata().contentEncoding());
      assertEquals(Map.of("origin", "camera"), content.metadata().metadata());
    }
    RecordedRequest r = server.takeRequest();
    assertEquals("identity", r.getHeaders().get("Accept-Encoding"));
    SigCheck.assertSignedAsSent(r, AK, SK);
  }

  @Test
  void rangedGet() throws Exception {
    server.enqueue(new MockResponse.Builder().code(206).setHeader("Content-Range", "bytes 2-5/10").body("2345").build());
    try (ObjectContent content = client().getObject("r", ByteRange.of(2, 5))) {
      assertEquals("2345", new String(content.readAllBytes(), StandardCharsets.UTF_8));
      assertEquals(4, content.metadata().contentLength());
      assertEquals(10L, content.objectSize());
    }
    RecordedRequest r = server.takeRequest();
    assertEquals("bytes=2-5", r.getHeaders().get("Range"));
    assertTrue(r.getHeaders().get("Authorization").contains("range"), "Range is signed");
    SigCheck.assertSignedAsSent(r, AK, SK);
    assertEquals("bytes=-100", ByteRange.last(100).headerValue());
    assertEquals("bytes=7-", ByteRange.from(7).headerValue());
    assertThrows(HfValidationException.class, () -> ByteRange.of(5, 2));
  }

  @Test
  void theHuggingFaceTokenNeverGoesToStorage() throws Exception {
    server.enqueue(ok());
    HfConfig withToken = HfConfig.builder().token("hf_never_to_r2_token").sleeper(d -> {}).build();
    R2Client.create(config().build(), withToken).putObject("k", new byte[1]);
    RecordedRequest r = server.takeRequest();
    assertFalse(r.getHeaders().toString().contains("hf_never_to_r2_token"), r.getHeaders().toString());
    assertTrue(r.getHeaders().get("Authorization").startsWith("AWS4-HMAC-SHA256 "));
  }

  @Test
  void hubOfflineModeDoesNotStopStorage() throws Exception {
    server.enqueue(ok());
    R2Client.create(config().build(), hf().offline(true).build()).putObject("k", new byte[1]);
    assertEquals("PUT", server.takeRequest().getMethod());
  }

  @Test
  void deleteObjectsIsRetriedAndCarriesContentMd5() throws Exception {
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder().body("<DeleteResult><Error><Key>f/b</Key><Code>AccessDenied</Code>"
        + "<Message>no</Message></Error></DeleteResult>").build());
    R2Client r2 = R2Client.create(config().folder("f").build(), hf().build());
    DeleteObjectsResult result = r2.deleteObjects(List.of("a", "b", "c&d"));
    assertEquals(List.of("a", "c&d"), result.deleted());
    assertEquals(List.of(new DeleteObjectsResult.DeleteError("b", "AccessDenied", "no")), result.errors());
    assertFalse(result.isComplete());
    server.takeRequest();
    RecordedRequest r = server.takeRequest();
    assertEquals("POST", r.getMethod());
    assertEquals("/bucket?delete=", r.getTarget());
    ByteString body = r.getBody();
    assertEquals(body.md5().base64(), r.getHeaders().get("Content-MD5"));
    assertTrue(body.utf8().contains("<Key>f/c&amp;d</Key>"), body.utf8());
    SigCheck.assertSignedAsSent(r, AK, SK);
  }

  @Test
  void keysThatCannotTravelInXmlAreDeletedOneByOne() throws Exception {
    server.enqueue(status(204));
    DeleteObjectsResult result = client().deleteObjects(List.of("bell\u0007"));
    assertEquals(List.of("bell\u0007"), result.deleted());
    RecordedRequest r = server.takeRequest();
    assertEquals("DELETE", r.getMethod());
    assertEquals("/bucket/bell%07", r.getTarget());
  }

  @Test
  void copyReportsAnErrorSentInsideA200() throws Exception {
    server.enqueue(new MockResponse.Builder().body("<Error><Code>InternalError</Code><Message>boom</Message></Error>").build());
    ServerException e = assertThrows(ServerException.class, () -> client().copyObject("a", "b"));
    assertEquals("InternalError", e.errorCode());
    RecordedRequest r = server.takeRequest();
    assertEquals("/bucket/a", r.getHeaders().get("x-amz-copy-source"));
    assertEquals("COPY", r.getHeaders().get("x-amz-metadata-directive"));
    SigCheck.assertSignedAsSent(r, AK, SK);
  }

  @Test
  void listingIsLazyAndFollowsContinuationTokens() throws Exception {
    server.enqueue(new MockResponse.Builder().body("<ListBucketResult><IsTruncated>true</IsTruncated>"
        + "<NextContinuationToken>t+1/2=</NextContinuationToken><EncodingType>url</EncodingType>"
        + "<Contents><Key>app/one</Key><Size>1</Size></Contents></ListBucketResult>").build());
    R2Client r2 = R2Client.create(config().folder("app").build(), hf().build());
    try (Stream<R2Object> s = r2.listObjects(ListObjectsParams.builder().prefix("o").pageSize(1).build())) {
      assertEquals("one", s.findFirst().orElseThrow().key());
    }
    assertEquals(1, server.getRequestCount(), "stopping early fetches no more pages");
    RecordedRequest first = server.takeRequest();
    assertEquals("/bucket?encoding-type=url&list-type=2&max-keys=1&prefix=app%2Fo", first.getTarget());
    SigCheck.assertSignedAsSent(first, AK, SK);
    server.enqueue(new MockResponse.Builder().body("<ListBucketResult><IsTruncated>true</IsTruncated>"
        + "<NextContinuationToken>t+1/2=</NextContinuationToken>"
        + "<Contents><Key>app/one</Key><Size>1</Size></Contents></ListBucketResult>").build());
    server.enqueue(new MockResponse.Builder().body("<ListBucketResult><IsTruncated>false</IsTruncated>"
        + "<Contents><Key>app/two</Key><Size>2</Size></Contents></ListBucketResult>").build());
    try (Stream<R2Object> s = r2.listObjects()) { // ListObjectsParams.defaults(): the whole folder, 1000 keys a page
      assertEquals(List.of("one", "two"), s.map(R2Object::key).toList());
    }
    assertEquals("/bucket?encoding-type=url&list-type=2&max-keys=1000&prefix=app%2F", server.takeRequest().getTarget());
    RecordedRequest next = server.takeRequest();
    assertTrue(next.getTarget().contains("continuation-token=t%2B1%2F2%3D"), next.getTarget());
    SigCheck.assertSignedAsSent(next, AK, SK);
  }

  @Test
  void keysThatCannotBeAddressedAreRefusedBeforeSending() {
    R2Client r2 = client();
    assertThrows(HfValidationException.class, () -> r2.putObject("a/../b", new byte[1]));
    assertThrows(HfValidationException.class, () -> r2.putObject("./b", new byte[1]));
    assertThrows(HfValidationException.class, () -> r2.putObject("", new byte[1]));
    assertThrows(HfValidationException.class, () -> r2.putObject("x".repeat(1025), new byte[1]));
    assertThrows(HfValidationException.class, () -> r2.putObject("bad\uD800", new byte[1]));
    assertThrows(HfValidationException.class,
        () -> PutObjectParams.builder().putMetadata("name", "caf\u00e9"));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void headOfAMissingKey() throws Exception {
    server.enqueue(status(404));
    server.enqueue(status(404));
    R2Client r2 = client();
    assertThrows(NoSuchKeyException.class, () -> r2.headObject("missing"));
    assertFalse(r2.objectExists("missing"));
    assertEquals("HEAD", server.takeRequest().getMethod());
  }

  @Test
  void presignedUrlsUseTheQueryForm() {
    R2Client r2 = R2Client.create(config().build(), hf().clock(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC)).build());
    PresignedUrl p = r2.presignGetObject("a b+c.png", Duration.ofMinutes(15));
    HttpUrl url = HttpUrl.get(p.url());
    assertEquals("/bucket/a%20b%2Bc.png", url.encodedPath());
    assertEquals("AWS4-HMAC-SHA256", url.queryParameter("X-Amz-Algorithm"));
    assertEquals(AK + "/20260301/auto/s3/aws4_request", url.queryParameter("X-Amz-Credential"));
    assertEquals("20260301T100000Z", url.queryParameter("X-Amz-Date"));
    assertEquals("900", url.queryParameter("X-Amz-Expires"));
    assertEquals("host", url.queryParameter("X-Amz-SignedHeaders"));
    assertEquals(64, url.queryParameter("X-Amz-Signature").length());
    assertEquals(Instant.parse("2026-03-01T10:15:00Z"), p.expiresAt());
    assertFalse(p.toString().contains(url.queryParameter("X-Amz-Signature")), p.toString());
    PresignedUrl put = r2.presignPutObject("up.jpg", Duration.ofSeconds(1),
        PutObjectParams.builder().contentType("image/jpeg").putMetadata("owner", "7").build());
    assertEquals(Map.of("Content-Type", "image/jpeg", "x-amz-meta-owner", "7"), put.headers());
    assertEquals("content-type;host;x-amz-meta-owner", HttpUrl.get(put.url()).queryParameter("X-Amz-SignedHeaders"));
    assertEquals("604800", HttpUrl.get(r2.presignDeleteObject("k", Duration.ofDays(7)).url()).queryParameter("X-Amz-Expires"));
  }

  @Test
  void presignedExpiryIsOneSecondToSevenDays() {
    R2Client r2 = client();
    assertThrows(HfValidationException.class, () -> r2.presignGetObject("k", Duration.ZERO));
    assertThrows(HfValidationException.class, () -> r2.presignGetObject("k", Duration.ofMillis(999)));
    assertThrows(HfValidationException.class, () -> r2.presignHeadObject("k", Duration.ofDays(7).plusSeconds(1)));
    assertThrows(HfValidationException.class, () -> r2.presignPutObject("k", Duration.ofMillis(1500)));
    assertThrows(HfValidationException.class, () -> r2.presignDeleteObject("k", Duration.ofSeconds(-5)));
    r2.presignHeadObject("k", Duration.ofSeconds(1));
    r2.presignHeadObject("k", Duration.ofDays(7));
  }

  @Test
  void publicUrlOfAKey() {
    R2Client r2 = R2Client.create(config().publicUrl("https://images.example.com/").folder("looks").build(), hf().build());
    assertEquals(URI.create("https://images.example.com/looks/42/a%20b%2Bc.png"), r2.publicUrl("42/a b+c.png"));
    R2Client withPath = R2Client.create(config().publicUrl("https://cdn.example.com/media").build(), hf().build());
    assertEquals(URI.create("https://cdn.example.com/media/%C3%BC.png"), withPath.publicUrl("ü.png"));
    assertThrows(HfValidationException.class, () -> client().publicUrl("x"));
  }

  @Test
  void contentTypeIsGuessedFromTheKeyWhenNotGiven() throws Exception {
    server.enqueue(ok());
    server.enqueue(ok());
    R2Client r2 = client();
    r2.putObject("photo.PNG", new byte[1]);
    r2.putObject("blob", new byte[1]);
    assertEquals("image/png", server.takeRequest().getHeaders().get("Content-Type"));
    assertEquals("application/octet-stream", server.takeRequest().getHeaders().get("Content-Type"));
  }

  @Test
  void copyWithNewMetadataReplacesIt() throws Exception {
    server.enqueue(new MockResponse.Builder().body("<CopyObjectResult><ETag>\"e\"</ETag>"
        + "<LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>").build());
    CopyObjectResult c = client().copyObject("src dir/a+b", "dst", PutObjectParams.builder().contentType("image/webp").build());
    assertEquals(new CopyObjectResult("dst", "e", Instant.parse("2026-01-01T00:00:00Z")), c);
    RecordedRequest r = server.takeRequest();
    assertEquals("/bucket/src%20dir/a%2Bb", r.getHeaders().get("x-amz-copy-source"));
    assertEquals("REPLACE", r.getHeaders().get("x-amz-metadata-directive"));
    assertEquals("image/webp", r.getHeaders().get("Content-Type"));
    assertNull(r.getHeaders().get("x-amz-meta-owner"));
    SigCheck.assertSignedAsSent(r, AK, SK);
  }

  @Test
  void transportFailureIsAnHfIoExceptionAfterRetries() throws IOException {
    R2Client r2 = R2Client.create(config().endpoint("http://127.0.0.1:1").build(), hf().build());
    io.hf4j.core.HfIoException e = assertThrows(io.hf4j.core.HfIoException.class, () -> r2.getObjectBytes("k"));
    assertTrue(e.getMessage().contains("GET /bucket/k"), e.getMessage());
  }
}
