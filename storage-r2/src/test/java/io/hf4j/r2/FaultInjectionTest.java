package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.BadRequestException;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.ServerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 5xx answers and dropped connections between the client and a real S3 server, during single uploads
 * and multipart uploads. Whatever happens, the object ends up whole or the call fails with a typed
 * error, and no multipart upload is left open on the server.
 */
class FaultInjectionTest {
  private static final S3ProxyFixture S3 = S3ProxyFixture.get();
  private static final long MIB = 1024 * 1024;
  @TempDir Path dir;
  private String bucket;
  private final FaultInjector faults = new FaultInjector();
  private R2Client faulty;
  /** A client on a clean connection, to see what the server really holds. */
  private R2Client clean;
  private ResettingProxy proxy;
  private byte[] data;
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    bucket = S3.newBucket();
    OkHttpClient injecting = S3.plainClient().newBuilder().addNetworkInterceptor(faults).build();
    faulty = R2Client.create(multipart(S3.config(bucket)).build(), S3.hfConfig(injecting));
    clean = R2Client.create(S3.config(bucket).build(), S3.hfConfig());
    data = new byte[(int) (5 * MIB + 100 * 1024)];
    new Random(11).nextBytes(data);
    file = dir.resolve("upload.bin");
    Files.write(file, data);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (proxy != null) proxy.close();
  }

  private static R2Config.Builder multipart(R2Config.Builder b) {
    return b.partSize(5 * MIB).multipartThreshold(5 * MIB).concurrency(2);
  }

  private void assertNoOpenUploads() {
    try (Stream<MultipartUpload> open = clean.listMultipartUploads("")) {
      assertEquals(0, open.count(), "multipart uploads left open");
    }
  }

  private void assertWholeOrTyped(Runnable upload, String key) {
    try {
      upload.run();
      assertArrayEquals(data, clean.getObjectBytes(key), "the object is whole");
    } catch (HfHttpException | HfIoException e) {
      // a typed failure is an acceptable end; a partial object is not
      if (clean.objectExists(key)) assertArrayEquals(data, clean.getObjectBytes(key));
    }
  }

  @Test
  void aPutSurvivesA503AndAResetAfterTheServerAnswered() {
    faults.script = (op, n) -> !op.equals("put") ? FaultInjector.Fault.NONE
        : n == 1 ? FaultInjector.Fault.STATUS_503 : n == 2 ? FaultInjector.Fault.RESET : FaultInjector.Fault.NONE;
    faulty.putObject("single.bin", data);
    assertEquals(3, faults.count("put"), faults.log.toString());
    assertArrayEquals(data, clean.getObjectBytes("single.bin"));
  }

  @Test
  void aPutThatNeverSucceedsFailsWithATypedError() {
    faults.script = (op, n) -> op.equals("put") ? FaultInjector.Fault.STATUS_500 : FaultInjector.Fault.NONE;
    ServerException e = assertThrows(ServerException.class, () -> faulty.putObject("single.bin", data));
    assertEquals(500, e.statusCode());
    assertEquals(4, faults.count("put"), "the first attempt and 3 retries");
    assertWholeOrTyped(() -> {
      throw e;
    }, "single.bin");
  }

  @Test
  void multipartSurvivesFaultsOnPartsAndOnComplete() {
    faults.script = (op, n) -> {
      if (n > 1) return FaultInjector.Fault.NONE;
      switch (op) {
        case "part1":
          return FaultInjector.Fault.STATUS_503;
        case "part2":
          return FaultInjector.Fault.RESET;
        case "complete":
          return FaultInjector.Fault.RESET; // completed on the server; the answer is lost
        default:
          return FaultInjector.Fault.NONE;
      }
    };
    PutObjectResult result = faulty.putObject("mp.bin", file);
    assertEquals(2, result.partCount());
    assertTrue(result.eTag().endsWith("-2"), result.eTag());
    assertArrayEquals(data, clean.getObjectBytes("mp.bin"));
    assertEquals(2, faults.count("part1"));
    assertEquals(2, faults.count("part2"));
    // S3Proxy answers the repeated Complete with success; a server that answers NoSuchUpload instead is
    // covered by MultipartWireTest.aCompleteWhoseAnswerWasLostIsRecognised.
    assertEquals(2, faults.count("complete"), faults.log.toString());
    assertNoOpenUploads();
  }

  @Test
  void multipartThatKeepsFailingIsAbortedLeavingNothingOpen() {
    faults.script = (op, n) -> op.equals("part2") ? FaultInjector.Fault.STATUS_500 : FaultInjector.Fault.NONE;
    assertThrows(ServerException.class, () -> faulty.putObject("mp.bin", file));
    assertEquals(1, faults.count("abort"), faults.log.toString());
    assertNoOpenUploads();
    assertTrue(!clean.objectExists("mp.bin"));
  }

  @Test
  void aCreateWhoseAnswerIsLostLeavesNothingOpen() {
    faults.script = (op, n) -> op.equals("create") ? FaultInjector.Fault.RESET : FaultInjector.Fault.NONE;
    HfIoException e = assertThrows(HfIoException.class, () -> faulty.putObject("mp.bin", file));
    assertTrue(e.getMessage().contains("POST"), e.getMessage());
    assertEquals(1, faults.count("create"), "never sent twice");
    assertEquals(1, faults.count("abort"), faults.log.toString());
    assertNoOpenUploads();
  }

  @Test
  void anAbortIsRetriedToo() {
    faults.script = (op, n) -> op.equals("part1") ? FaultInjector.Fault.STATUS_400
        : op.equals("abort") && n == 1 ? FaultInjector.Fault.STATUS_503 : FaultInjector.Fault.NONE;
    assertThrows(BadRequestException.class, () -> faulty.putObject("mp.bin", file));
    assertEquals(2, faults.count("abort"), faults.log.toString());
    assertNoOpenUploads();
  }

  @Test
  void connectionsResetInTheMiddleOfPartBodies() throws IOException {
    proxy = new ResettingProxy(S3.endpoint().getPort());
    proxy.resetConnections(2, 128 * 1024);
    R2Client viaProxy = R2Client.create(multipart(S3.config(bucket)).endpoint("https://127.0.0.1:" + proxy.port()).build(),
        S3.hfConfig());
    PutObjectResult result = viaProxy.putObject("reset.bin", file);
    assertEquals(2, proxy.resetsDone());
    assertEquals(2, result.partCount());
    assertArrayEquals(data, clean.getObjectBytes("reset.bin"));
    assertNoOpenUploads();
  }

  @Test
  void aSinglePutResetInTheMiddleOfItsBody() throws IOException {
    proxy = new ResettingProxy(S3.endpoint().getPort());
    proxy.resetConnections(1, 256 * 1024);
    R2Client viaProxy = R2Client.create(S3.config(bucket).endpoint("https://127.0.0.1:" + proxy.port()).build(), S3.hfConfig());
    viaProxy.putObject("reset-single.bin", file);
    assertEquals(1, proxy.resetsDone());
    assertArrayEquals(data, clean.getObjectBytes("reset-single.bin"));
  }

  @Test
  void whenEveryConnectionDropsTheUploadFailsTypedAndIsAborted() throws IOException {
    proxy = new ResettingProxy(S3.endpoint().getPort());
    proxy.resetConnections(Integer.MAX_VALUE, 128 * 1024);
    R2Client viaProxy = R2Client.create(multipart(S3.config(bucket)).endpoint("https://127.0.0.1:" + proxy.port()).build(),
        S3.hfConfig());
    HfException e = assertThrows(HfException.class, () -> viaProxy.putObject("doomed.bin", file));
    assertTrue(e instanceof HfIoException, e.toString());
    assertTrue(proxy.resetsDone() >= 4, "part 1 tried 4 times: " + proxy.resetsDone());
    assertNoOpenUploads();
    assertTrue(!clean.objectExists("doomed.bin"));
  }
}
