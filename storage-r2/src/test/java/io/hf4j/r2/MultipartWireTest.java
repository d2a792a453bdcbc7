package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.BadRequestException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.ServerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads against a scripted S3 server: R2's part rules, parallelism, retries, abort and recovery. */
class MultipartWireTest {
  private static final long MIB = 1024 * 1024;
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private FakeS3 s3;
  private Path file;
  private byte[] content;

  /** Just enough of S3's multipart API, with a hook to script failures: (request, nth call of its kind) -> answer. */
  static final class FakeS3 extends Dispatcher {
    final Map<String, List<Long>> openUploads = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<Integer, ByteString> partBodies = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger uploads = new AtomicInteger();
    volatile BiFunction<String, Integer, MockResponse> script = (op, n) -> null;
    volatile Runnable onPart = () -> {};
    volatile long objectSize = -1;
    volatile int objectParts;
    volatile String objectETag;

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      HttpUrl url = r.getUrl();
      String op;
      if (r.getMethod().equals("POST") && url.queryParameter("uploads") != null) op = "create";
      else if (r.getMethod().equals("PUT") && url.queryParameter("partNumber") != null) op = "part" + url.queryParameter("partNumber");
      else if (r.getMethod().equals("POST") && url.queryParameter("uploadId") != null) op = "complete";
      else if (r.getMethod().equals("DELETE") && url.queryParameter("uploadId") != null) op = "abort";
      else if (r.getMethod().equals("GET") && url.queryParameter("uploads") != null) op = "list-uploads";
      else if (r.getMethod().equals("HEAD")) op = "head";
      else op = r.getMethod();
      log.add(op);
      int n = calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      SigCheck.assertSignedAsSent(r, R2ClientWireTest.AK, R2ClientWireTest.SK);
      String uploadId = url.queryParameter("uploadId");
      MockResponse scripted;
      switch (op.startsWith("part") ? "part" : op) {
        case "create" -> {
          String id = "up-" + uploads.incrementAndGet();
          openUploads.put(id, Collections.synchronizedList(new ArrayList<>()));
          scripted = script.apply(op, n);
          if (scripted != null) return scripted; // the upload exists, the answer is lost
          return xml("<InitiateMultipartUploadResult><UploadId>" + id + "</UploadId></InitiateMultipartUploadResult>");
        }
        case "part" -> {
          int now = inFlight.incrementAndGet();
          maxInFlight.accumulateAndGet(now, Math::max);
          try {
            onPart.run();
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
          scripted = script.apply(op, n);
          if (scripted != null) return scripted;
          int part = Integer.parseInt(url.queryParameter("partNumber"));
          partBodies.put(part, r.getBody());
          openUploads.get(uploadId).add(r.getBodySize());
          return new MockResponse.Builder().setHeader("ETag", "\"" + r.getBody().md5().hex() + "\"").build();
        }
        case "complete" -> {
          if (!openUploads.containsKey(uploadId)) return noSuchUpload();
          List<Long> parts = openUploads.remove(uploadId);
          objectSize = parts.stream().mapToLong(Long::longValue).sum();
          objectParts = r.getBody().utf8().split("<Part>", -1).length - 1;
          okio.Buffer md5s = new okio.Buffer();
          for (int p = 1; p <= objectParts; p++) md5s.write(partBodies.get(p).md5());
          objectETag = md5s.readByteString().md5().hex() + "-" + objectParts;
          scripted = script.apply(op, n);
          if (scripted != null) {
            if (scripted.getCode() != 200) openUploads.put(uploadId, parts); // a real failure: nothing happened
            return scripted;
          }
          return xml("<CompleteMultipartUploadResult><ETag>\"" + objectETag + "\"</ETag></CompleteMultipartUploadResult>");
        }
        case "abort" -> {
          openUploads.remove(uploadId);
          return new MockResponse.Builder().code(204).build();
        }
        case "list-uploads" -> {
          StringBuilder sb = new StringBuilder("<ListMultipartUploadsResult><IsTruncated>false</IsTruncated>");
          for (String id : openUploads.keySet()) {
            sb.append("<Upload><Key>big.bin</Key><UploadId>").append(id)
                .append("</UploadId><Initiated>").append(Instant.now()).append("</Initiated></Upload>");
          }
          return xml(sb.append("</ListMultipartUploadsResult>").toString());
        }
        case "head" -> {
          if (objectSize < 0) return new MockResponse.Builder().code(404).build();
          return new MockResponse.Builder().setHeader("Content-Length", objectSize)
              .setHeader("ETag", "\"" + objectETag + "\"").build();
        }
        default -> {
          return new MockResponse.Builder().code(500).body("unexpected " + r.getRequestLine()).build();
        }
      }
    }

    int count(String op) {
      AtomicInteger c = calls.get(op);
      return c == null ? 0 : c.get();
    }

    static MockResponse xml(String body) {
      return new MockResponse.Builder().setHeader("Content-Type", "application/xml").body(body).build();
    }

    static MockResponse noSuchUpload() {
      return new MockResponse.Builder().code(404)
          .body("<Error><Code>NoSuchUpload</Code><Message>gone</Message></Error>").build();
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    s3 = new FakeS3();
    server.setDispatcher(s3);
    content = new byte[(int) (11 * MIB)];
    new Random(7).nextBytes(content);
    file = dir.resolve("big.bin");
    Files.write(file, content);
  }

  /** Unsigned payloads (as over HTTPS) keep these tests from hashing every part; the first test signs them. */
  private R2Client client() {
    return client(false);
  }

  private R2Client client(boolean signPayload) {
    return client(signPayload, HfConfig.builder().noToken().maxRetries(3).jitter(0).sleeper(d -> {}).build());
  }

  private R2Client client(boolean signPayload, HfConfig hf) {
    R2Config config = R2Config.builder().endpoint(server.url("/").toString()).accessKeyId(R2ClientWireTest.AK)
        .secretAccessKey(R2ClientWireTest.SK).bucket("bucket").partSize(5 * MIB).multipartThreshold(5 * MIB)
        .concurrency(3).signPayload(signPayload).build();
    return R2Client.create(config, hf);
  }

  @Test
  void partsRunOnTheConfigsExecutorAndTheCallerSendsThemAllWhenItIsBusy() {
    java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    one.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      HfConfig hf = HfConfig.builder().noToken().maxRetries(3).jitter(0).sleeper(d -> {}).executor(one).build();
      PutObjectResult result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofMinutes(5), () -> client(false, hf).putObject("big.bin", file));
      assertEquals(3, result.partCount());
      assertPartsAreTheFile();
      assertEquals(1, s3.maxInFlight.get(), "the executor's only thread was busy: the caller sent every part");
      hf.close();
      assertFalse(one.isShutdown(), "closing the config leaves the application's executor alone");
    } finally {
      release.countDown();
      one.shutdownNow();
    }
  }

  private void assertPartsAreTheFile() {
    for (int part = 1; part <= 3; part++) {
      int from = (int) ((part - 1) * 5 * MIB);
      int to = (int) Math.min(content.length, part * 5 * MIB);
      assertEquals(ByteString.of(content, from, to - from), s3.partBodies.get(part), "part " + part);
    }
  }

  @Test
  void partsAreEqualSizedSentInParallelAndCompletedInOrder() {
    // The first part is held until a second one arrives (bounded): a parallel client overlaps them however
    // slowly this machine hashes and sends, a sequential one never does.
    CountDownLatch twoParts = new CountDownLatch(2);
    s3.onPart = () -> {
      twoParts.countDown();
      try {
        twoParts.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    PutObjectResult result = client(true).putObject("big.bin", file);
    assertEquals(3, result.partCount());
    assertTrue(result.eTag().endsWith("-3"), result.eTag());
    assertEquals(s3.objectETag, result.eTag());
    assertEquals(11 * MIB, s3.objectSize);
    assertPartsAreTheFile();
    assertTrue(s3.maxInFlight.get() > 1, "parts overlap: " + s3.maxInFlight.get());
    assertEquals(1, s3.count("create"));
    assertEquals(1, s3.count("complete"));
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void aRetriedPartIsReadAgainFromTheFile() {
    s3.script = (op, n) -> op.equals("part2") && n <= 2 ? new MockResponse.Builder().code(500).build() : null;
    client().putObject("big.bin", file);
    assertEquals(3, s3.count("part2"));
    assertPartsAreTheFile();
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void aFailingPartAbortsTheUpload() {
    s3.script = (op, n) -> op.equals("part2")
        ? new MockResponse.Builder().code(400).body("<Error><Code>InvalidArgument</Code><Message>no</Message></Error>").build()
        : null;
    BadRequestException e = assertThrows(BadRequestException.class, () -> client().putObject("big.bin", file));
    assertEquals("InvalidArgument", e.errorCode());
    assertEquals(1, s3.count("part2"), "a 400 is not retried");
    assertEquals(1, s3.count("abort"));
    assertEquals(0, s3.count("complete"));
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void aPartFailingEveryAttemptAbortsTheUpload() {
    s3.script = (op, n) -> op.equals("part3") ? new MockResponse.Builder().code(503).build() : null;
    assertThrows(ServerException.class, () -> client().putObject("big.bin", file));
    assertEquals(4, s3.count("part3"), "first attempt and 3 retries");
    assertEquals(1, s3.count("abort"));
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void createIsNotRetriedAndAnUploadItMayHaveStartedIsAborted() {
    s3.script = (op, n) -> op.equals("create") ? new MockResponse.Builder().code(500).build() : null;
    assertThrows(ServerException.class, () -> client().putObject("big.bin", file));
    assertEquals(1, s3.count("create"), "a second POST would start a second upload");
    assertEquals(1, s3.count("list-uploads"));
    assertEquals(1, s3.count("abort"));
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void completeIsRetriedOnA503AndOnAnErrorInsideA200() {
    s3.script = (op, n) -> {
      if (!op.equals("complete")) return null;
      if (n == 1) return new MockResponse.Builder().code(503).build();
      if (n == 2) return FakeS3.xml("<Error><Code>InternalError</Code><Message>retry</Message></Error>");
      return null;
    };
    PutObjectResult result = client().putObject("big.bin", file);
    assertEquals(s3.objectETag, result.eTag());
    assertEquals(3, s3.count("complete"));
    assertEquals(0, s3.count("abort"));
  }

  @Test
  void aCompleteWhoseAnswerWasLostIsRecognised() {
    // The first Complete goes through but fails late (an error inside a 200); the retry finds no upload.
    s3.script = (op, n) -> op.equals("complete") && n == 1
        ? new MockResponse.Builder().code(200).body("<Error><Code>InternalError</Code><Message>lost</Message></Error>").build()
        : null;
    PutObjectResult result = client().putObject("big.bin", file);
    assertEquals(s3.objectETag, result.eTag());
    assertEquals(2, s3.count("complete"));
    assertEquals(1, s3.count("head"));
    assertEquals(0, s3.count("abort"));
  }

  @Test
  void anotherObjectUnderTheKeyIsNotMistakenForALostComplete() {
    // The upload vanished (aborted elsewhere) and an older object of the same size sits under the key.
    s3.script = (op, n) -> {
      if (op.equals("complete") && n == 1) {
        s3.objectETag = "0123456789abcdef0123456789abcdef-3";
        return FakeS3.noSuchUpload();
      }
      return null;
    };
    assertThrows(NoSuchUploadException.class, () -> client().putObject("big.bin", file));
    assertEquals(1, s3.count("head"));
    assertEquals(1, s3.count("abort"));
  }

  @Test
  void aFileChangedDuringTheUploadIsAborted() {
    AtomicInteger parts = new AtomicInteger();
    s3.onPart = () -> {
      if (parts.incrementAndGet() == 1) {
        try {
          Files.write(file, new byte[] {1}, StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    HfException e = assertThrows(HfException.class, () -> client().putObject("big.bin", file));
    assertTrue(e.getMessage().contains("changed"), e.getMessage());
    assertEquals(1, s3.count("abort"));
    assertEquals(0, s3.count("complete"));
    assertTrue(s3.openUploads.isEmpty());
  }

  @Test
  void theSweepOnlyAbortsAnUploadOfThisKey() {
    s3.script = (op, n) -> op.equals("create") ? new MockResponse.Builder().code(502).build() : null;
    ServerException e = assertThrows(ServerException.class, () -> client().putObject("big.bin", file));
    assertInstanceOf(ServerException.class, e);
    assertEquals(List.of("create", "list-uploads", "abort"), s3.log);
  }
}
