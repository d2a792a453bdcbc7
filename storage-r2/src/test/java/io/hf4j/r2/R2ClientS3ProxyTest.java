package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.PermissionDeniedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.ByteString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operation against a real S3 server (S3Proxy over TLS, SigV4 enforced): what the server stores
 * and answers, not what the client believes it sent.
 */
class R2ClientS3ProxyTest {
  private static final S3ProxyFixture S3 = S3ProxyFixture.get();
  @TempDir Path dir;
  private String bucket;
  private R2Client r2;
  /** Request lines as they left the client (method and encoded query), for counting pages and parts. */
  private final List<String> wire = Collections.synchronizedList(new ArrayList<>());
  private final List<Long> partLengths = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() {
    bucket = S3.newBucket();
    OkHttpClient recording = S3.plainClient().newBuilder().addNetworkInterceptor(chain -> {
      Request r = chain.request();
      wire.add(r.method() + " " + r.url().encodedPath() + (r.url().encodedQuery() == null ? "" : "?" + r.url().encodedQuery()));
      if (r.url().queryParameter("partNumber") != null) partLengths.add(r.body().contentLength());
      return chain.proceed(r);
    }).build();
    r2 = R2Client.create(S3.config(bucket).build(), S3.hfConfig(recording));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void putGetHeadDeleteRoundTrip() throws IOException {
    PutObjectParams params = PutObjectParams.builder().contentType("image/png").cacheControl("max-age=60")
        .contentDisposition("inline; filename=\"look.png\"").putMetadata("user-id", "42").putMetadata("Look", "summer").build();
    byte[] png = random(3000, 1);
    PutObjectResult put = r2.putObject("looks/1.png", png, params);
    assertEquals(ByteString.of(png).md5().hex(), put.eTag());

    try (ObjectContent content = r2.getObject("looks/1.png")) {
      assertArrayEquals(png, content.readAllBytes());
      ObjectMetadata m = content.metadata();
      assertEquals("image/png", m.contentType());
      assertEquals(3000, m.contentLength());
      assertEquals(Map.of("user-id", "42", "look", "summer"), m.metadata());
      assertEquals("max-age=60", m.cacheControl());
      assertEquals("inline; filename=\"look.png\"", m.contentDisposition());
    }
    ObjectMetadata head = r2.headObject("looks/1.png");
    assertEquals(put.eTag(), head.eTag());
    assertNotNull(head.lastModified());
    assertTrue(r2.objectExists("looks/1.png"));

    r2.deleteObject("looks/1.png");
    assertFalse(r2.objectExists("looks/1.png"));
    NoSuchKeyException e = assertThrows(NoSuchKeyException.class, () -> r2.getObjectBytes("looks/1.png"));
    assertEquals("NoSuchKey", e.errorCode());
    assertTrue(e.getMessage().contains("NoSuchKey"), e.getMessage());
    r2.deleteObject("looks/1.png"); // deleting a missing key succeeds
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a b+c.txt", "plus+plus+", "trailing space ", "ü/ñ/日本語.txt", "emoji 😀.png", "tilde~key~", "100%.txt", "%2B.txt",
      "q'\"&<>.txt", "semi;colon,comma=eq?q#h!$@", "(paren)[bracket]{brace}", "caret^pipe|`tick`", "dir/sub/file.bin",
      "*star*", "new\nline"})
  void awkwardKeysWorkEverywhere(String key) throws IOException {
    byte[] body = utf8("content of " + key);
    r2.putObject(key, body, PutObjectParams.builder().contentType("text/plain").build());
    assertArrayEquals(body, r2.getObjectBytes(key));
    assertEquals(body.length, r2.headObject(key).contentLength());
    try (Stream<R2Object> listed = r2.listObjects(key)) {
      assertEquals(List.of(key), listed.map(R2Object::key).toList());
    }
    r2.copyObject(key, key + "-copy");
    assertArrayEquals(body, r2.getObjectBytes(key + "-copy"));

    PresignedUrl get = r2.presignGetObject(key, Duration.ofMinutes(5));
    try (Response response = S3.plainClient().newCall(new Request.Builder().url(HttpUrl.get(get.url())).build()).execute()) {
      assertEquals(200, response.code(), () -> "presigned GET of " + key + ": " + bodyOf(response));
      assertArrayEquals(body, response.body().bytes());
    }
    DeleteObjectsResult deleted = r2.deleteObjects(List.of(key, key + "-copy"));
    assertTrue(deleted.isComplete(), deleted.errors().toString());
    assertFalse(r2.objectExists(key));
    assertFalse(r2.objectExists(key + "-copy"));
  }

  @Test
  void listingPagesLazilyUnderAPrefix() {
    for (int i = 0; i < 7; i++) r2.putObject("p/" + i, new byte[] {(byte) i});
    r2.putObject("other", new byte[1]);
    r2.putObject("q/x", new byte[1]);
    wire.clear();
    ListObjectsParams params = ListObjectsParams.builder().prefix("p/").pageSize(2).build();
    try (Stream<R2Object> s = r2.listObjects(params)) {
      List<R2Object> all = s.toList();
      assertEquals(List.of("p/0", "p/1", "p/2", "p/3", "p/4", "p/5", "p/6"), all.stream().map(R2Object::key).toList());
      assertEquals(1, all.get(3).size());
      assertNotNull(all.get(3).lastModified());
    }
    assertEquals(4, wire.size(), "7 keys in pages of 2: " + wire);
    assertTrue(wire.get(1).contains("continuation-token="), wire.get(1));
    wire.clear();
    try (Stream<R2Object> s = r2.listObjects(params)) {
      assertEquals("p/0", s.findFirst().orElseThrow().key());
    }
    assertEquals(1, wire.size(), "stopping early fetches no more pages");
    try (Stream<R2Object> s = r2.listObjects(ListObjectsParams.builder().prefix("p/").startAfter("p/4").build())) {
      assertEquals(List.of("p/5", "p/6"), s.map(R2Object::key).toList());
    }
    try (Stream<R2Object> s = r2.listObjects("")) {
      assertEquals(9, s.count());
    }
  }

  @Test
  void theFolderIsPrependedAndStripped() {
    R2Client tenant = R2Client.create(S3.config(bucket).folder("/tenant/a/").publicUrl("https://img.example.com").build(),
        S3.hfConfig());
    tenant.putObject("x.png", new byte[] {1});
    assertTrue(r2.objectExists("tenant/a/x.png"));
    try (Stream<R2Object> s = tenant.listObjects("")) {
      assertEquals(List.of("x.png"), s.map(R2Object::key).toList());
    }
    assertEquals("https://img.example.com/tenant/a/x.png", tenant.publicUrl("x.png").toString());
    assertArrayEquals(new byte[] {1}, tenant.getObjectBytes("x.png"));
  }

  @Test
  void rangedReads() throws IOException {
    byte[] data = random(100, 2);
    r2.putObject("range.bin", data);
    try (ObjectContent c = r2.getObject("range.bin", ByteRange.of(10, 19))) {
      assertArrayEquals(Arrays.copyOfRange(data, 10, 20), c.readAllBytes());
      assertEquals(10, c.metadata().contentLength());
      assertEquals(100L, c.objectSize());
    }
    try (ObjectContent c = r2.getObject("range.bin", ByteRange.from(90))) {
      assertArrayEquals(Arrays.copyOfRange(data, 90, 100), c.readAllBytes());
    }
    try (ObjectContent c = r2.getObject("range.bin", ByteRange.last(5))) {
      assertArrayEquals(Arrays.copyOfRange(data, 95, 100), c.readAllBytes());
    }
  }

  @Test
  void streamsAndFilesGoUpAndComeDown() throws IOException {
    byte[] data = random(200_000, 3);
    r2.putObject("stream.bin", new ByteArrayInputStream(data), data.length, PutObjectParams.defaults());
    assertArrayEquals(data, r2.getObjectBytes("stream.bin"));
    Path source = dir.resolve("source.bin");
    Files.write(source, data);
    PutObjectResult single = r2.putObject("file.bin", source);
    assertEquals(0, single.partCount());
    Path target = dir.resolve("down/loaded.bin");
    Files.createDirectories(target.getParent());
    ObjectMetadata m = r2.downloadObject("file.bin", target);
    assertEquals(data.length, m.contentLength());
    assertArrayEquals(data, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void deleteManyBatchesByAThousand() {
    r2.putObject("d/1", new byte[1]);
    r2.putObject("d/2", new byte[1]);
    r2.putObject("keep", new byte[1]);
    List<String> keys = new ArrayList<>(IntStream.range(3, 1002).mapToObj(i -> "d/" + i).toList());
    keys.add("d/1");
    keys.add("d/2");
    wire.clear();
    DeleteObjectsResult result = r2.deleteObjects(keys);
    assertTrue(result.isComplete());
    assertEquals(1001, result.deleted().size());
    assertEquals(2, wire.stream().filter(l -> l.startsWith("POST ") && l.endsWith("?delete=")).count(), wire.toString());
    try (Stream<R2Object> s = r2.listObjects("")) {
      assertEquals(List.of("keep"), s.map(R2Object::key).toList());
    }
  }

  @Test
  void copyKeepsOrReplacesMetadata() {
    r2.putObject("src.jpg", new byte[] {1, 2}, PutObjectParams.builder().contentType("image/jpeg").putMetadata("a", "1").build());
    CopyObjectResult kept = r2.copyObject("src.jpg", "kept.jpg");
    assertNotNull(kept.eTag());
    ObjectMetadata k = r2.headObject("kept.jpg");
    assertEquals("image/jpeg", k.contentType());
    assertEquals(Map.of("a", "1"), k.metadata());
    r2.copyObject("src.jpg", "replaced.webp", PutObjectParams.builder().contentType("image/webp").putMetadata("b", "2").build());
    ObjectMetadata r = r2.headObject("replaced.webp");
    assertEquals("image/webp", r.contentType());
    assertEquals(Map.of("b", "2"), r.metadata());
    assertThrows(NoSuchKeyException.class, () -> r2.copyObject("missing", "x"));
  }

  @Test
  void wrongCredentialsAreRefused() {
    r2.putObject("secret.txt", new byte[1]);
    R2Client wrongSecret = R2Client.create(S3.config(bucket).secretAccessKey("not-the-secret").build(), S3.hfConfig());
    SignatureDoesNotMatchException e = assertThrows(SignatureDoesNotMatchException.class, () -> wrongSecret.getObjectBytes("secret.txt"));
    assertFalse(e.getMessage().contains("not-the-secret"));
    assertThrows(AuthenticationException.class, () -> wrongSecret.putObject("x", new byte[1]));
    R2Client unknownKey = R2Client.create(S3.config(bucket).accessKeyId("AKIDUNKNOWN").build(), S3.hfConfig());
    assertThrows(AuthenticationException.class, () -> unknownKey.getObjectBytes("secret.txt"));
    // A HEAD answer has no body to name the cause: a refused HEAD is a permission error.
    assertThrows(PermissionDeniedException.class, () -> wrongSecret.objectExists("secret.txt"));
  }

  @Test
  void aMissingBucket() {
    R2Client missing = R2Client.create(S3.config("no-such-bucket-hf4j").build(), S3.hfConfig());
    assertThrows(NoSuchBucketException.class, () -> missing.putObject("k", new byte[1]));
    try (Stream<R2Object> s = missing.listObjects("")) {
      assertThrows(NoSuchBucketException.class, s::count);
    }
  }

  @Test
  void presignedUrlsWorkWithAPlainClient() throws IOException {
    OkHttpClient plain = S3.plainClient();
    byte[] data = utf8("presigned!");
    PresignedUrl put = r2.presignPutObject("inbox/photo 1+2.jpg", Duration.ofMinutes(10),
        PutObjectParams.builder().contentType("image/jpeg").putMetadata("owner", "7").build());
    Request.Builder upload = new Request.Builder().url(HttpUrl.get(put.url())).put(RequestBody.create(data, null));
    put.headers().forEach(upload::header);
    try (Response response = plain.newCall(upload.build()).execute()) {
      assertEquals(200, response.code(), () -> bodyOf(response));
    }
    ObjectMetadata m = r2.headObject("inbox/photo 1+2.jpg");
    assertEquals("image/jpeg", m.contentType());
    assertEquals(Map.of("owner", "7"), m.metadata());

    Request wrongType = new Request.Builder().url(HttpUrl.get(put.url()))
        .put(RequestBody.create(data, MediaType.get("text/plain"))).header("x-amz-meta-owner", "7").build();
    try (Response response = plain.newCall(wrongType).execute()) {
      assertEquals(403, response.code(), "a signed content type cannot be changed");
    }

    PresignedUrl get = r2.presignGetObject("inbox/photo 1+2.jpg", Duration.ofSeconds(60));
    try (Response response = plain.newCall(new Request.Builder().url(HttpUrl.get(get.url())).build()).execute()) {
      assertEquals(200, response.code());
      assertArrayEquals(data, response.body().bytes());
    }
    PresignedUrl head = r2.presignHeadObject("inbox/photo 1+2.jpg", Duration.ofDays(7));
    try (Response response = plain.newCall(new Request.Builder().url(HttpUrl.get(head.url())).head().build()).execute()) {
      assertEquals(200, response.code());
      assertEquals(Integer.toString(data.length), response.header("Content-Length"));
    }
    HttpUrl tampered = HttpUrl.get(get.url()).newBuilder().setQueryParameter("X-Amz-Expires", "61").build();
    try (Response response = plain.newCall(new Request.Builder().url(tampered).build()).execute()) {
      assertEquals(403, response.code(), "signed parameters cannot be changed");
    }
    try (Response response = plain.newCall(new Request.Builder().url(HttpUrl.get(get.url())).delete().build()).execute()) {
      assertEquals(403, response.code(), "a GET URL does not delete");
    }
    PresignedUrl delete = r2.presignDeleteObject("inbox/photo 1+2.jpg", Duration.ofSeconds(30));
    try (Response response = plain.newCall(new Request.Builder().url(HttpUrl.get(delete.url())).delete().build()).execute()) {
      assertEquals(204, response.code());
    }
    assertFalse(r2.objectExists("inbox/photo 1+2.jpg"));
  }

  @Test
  void expiredPresignedUrlsAreRefused() throws IOException {
    r2.putObject("old.txt", utf8("old"));
    Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
    R2Client past = R2Client.create(S3.config(bucket).build(), S3.hfConfig().toBuilder().clock(anHourAgo).build());
    PresignedUrl expired = past.presignGetObject("old.txt", Duration.ofSeconds(1));
    try (Response response = S3.plainClient().newCall(new Request.Builder().url(HttpUrl.get(expired.url())).build()).execute()) {
      assertEquals(403, response.code());
      String body = response.body().string();
      assertTrue(body.contains("AccessDenied"), body);
    }
    PresignedUrl fresh = r2.presignGetObject("old.txt", Duration.ofSeconds(30));
    try (Response response = S3.plainClient().newCall(new Request.Builder().url(HttpUrl.get(fresh.url())).build()).execute()) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void multipartPartsAreEqualAndTheObjectIsWhole() throws IOException {
    R2Client mp = R2Client.create(S3.config(bucket).partSize(5L << 20).multipartThreshold(5L << 20).concurrency(3).build(),
        S3.hfConfig(S3.plainClient().newBuilder().addNetworkInterceptor(chain -> {
          Request r = chain.request();
          if (r.url().queryParameter("partNumber") != null) partLengths.add(r.body().contentLength());
          return chain.proceed(r);
        }).build()));
    byte[] data = random((11 << 20) + 123, 4);
    Path file = dir.resolve("mp.bin");
    Files.write(file, data);
    PutObjectResult result = mp.putObject("mp/object.bin", file, PutObjectParams.builder().contentType("application/x-test").build());
    assertEquals(3, result.partCount());
    assertTrue(result.eTag().endsWith("-3"), result.eTag());
    List<Long> sizes = new ArrayList<>(partLengths);
    Collections.sort(sizes, Collections.reverseOrder());
    assertEquals(List.of(5L << 20, 5L << 20, (1L << 20) + 123), sizes, "R2's rule: equal parts, the last not larger");
    assertArrayEquals(data, mp.getObjectBytes("mp/object.bin"));
    assertEquals("application/x-test", mp.headObject("mp/object.bin").contentType());
    try (Stream<MultipartUpload> open = mp.listMultipartUploads("")) {
      assertEquals(0, open.count());
    }
  }

  @Test
  void openUploadsCanBeListedAndAborted() {
    HttpUrl url = r2.objectUrl("left/open+upload").newBuilder().encodedQuery("uploads=").build();
    Request create = new Request.Builder().url(url).post(RequestBody.create(new byte[0], null))
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    String uploadId;
    try (Response response = r2.send(create)) {
      uploadId = S3Xml.parseUploadId(R2Client.readBody(response));
    }
    List<MultipartUpload> open;
    try (Stream<MultipartUpload> s = r2.listMultipartUploads("left/")) {
      open = s.toList();
    }
    assertEquals(1, open.size());
    assertEquals("left/open+upload", open.get(0).key());
    assertEquals(uploadId, open.get(0).uploadId());
    assertNotNull(open.get(0).initiated());
    r2.abortMultipartUpload("left/open+upload", uploadId);
    try (Stream<MultipartUpload> s = r2.listMultipartUploads("")) {
      assertEquals(0, s.count());
    }
    r2.abortMultipartUpload("left/open+upload", uploadId); // a second abort is harmless
  }

  @Test
  void accessDeniedIsAPermissionError() throws IOException {
    // An expired presigned URL is S3's AccessDenied; read it through the client's own mapping.
    r2.putObject("x", new byte[1]);
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    PresignedUrl expired = R2Client.create(S3.config(bucket).build(), S3.hfConfig().toBuilder().clock(past).build())
        .presignGetObject("x", Duration.ofSeconds(1));
    try (Response response = S3.plainClient().newCall(new Request.Builder().url(HttpUrl.get(expired.url())).build()).execute()) {
      assertTrue(S3Errors.exceptionFor(response) instanceof PermissionDeniedException);
    }
  }

  private static String bodyOf(Response response) {
    try {
      return response.body().string();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
