package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfIoException;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Interrupted downloads resume with {@code Range} instead of starting over. */
@Timeout(60)
class DownloadResumeTest {
  private static final RepoId REPO = RepoId.of("acme/demo");
  private static final int SIZE = 1_000_000;

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private final byte[] weights = DownloadTestHub.bytes(SIZE, 42);
  private final String sha = DownloadTestHub.sha256(weights);
  private Path blobs;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    hub.lfsFile("model.safetensors", weights);
    blobs = tmp.resolve("hub").resolve("models--acme--demo").resolve("blobs");
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader(int maxRetries) {
    return new Downloader(HfHttp.of(hub.config(tmp.resolve("hub")).maxRetries(maxRetries).build()));
  }

  private static MockResponse cutHalfway(byte[] content) {
    return new MockResponse.Builder()
        .body(new Buffer().write(content))
        .onResponseBody(new SocketEffect.CloseSocket())
        .build();
  }

  private static long rangeStart(RecordedRequest r) {
    String range = r.getHeaders().get("Range");
    assertTrue(range != null && range.matches("bytes=\\d+-"), "Range: " + range);
    return Long.parseLong(range.substring(6, range.length() - 1));
  }

  @Test
  void connectionCutMidBodyResumesWithRange() throws Exception {
    AtomicInteger gets = new AtomicInteger();
    hub.override = r -> r.getUrl().host().equals("localhost") && gets.incrementAndGet() == 1 ? cutHalfway(weights) : null;
    Path path = downloader(1).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());

    assertArrayEquals(weights, Files.readAllBytes(path));
    List<RecordedRequest> gets2 = hub.storageRequests;
    assertEquals(2, gets2.size());
    assertNull(gets2.get(0).getHeaders().get("Range"));
    long from = rangeStart(gets2.get(1));
    assertTrue(from > 0 && from <= SIZE / 2, "resumed from " + from);
    assertNull(gets2.get(1).getHeaders().get("Authorization"));
    assertEquals(List.of(Duration.ofSeconds(1)), hub.sleeps);
    assertFalse(Files.exists(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX)));
  }

  @Test
  void incompleteFileLeftByAnEarlierRunIsResumed() throws Exception {
    Files.createDirectories(blobs);
    Files.write(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX), Arrays.copyOf(weights, 123_456));
    Path path = downloader(1).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());

    assertEquals(1, hub.storageRequests.size());
    assertEquals(123_456, rangeStart(hub.storageRequests.get(0)));
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void serverIgnoringTheRangeRestartsFromZero() throws Exception {
    Files.createDirectories(blobs);
    byte[] garbage = DownloadTestHub.bytes(5000, 99);
    Files.write(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX), garbage);
    hub.override = r -> r.getUrl().host().equals("localhost")
        ? new MockResponse.Builder().body(new Buffer().write(weights)).build()
        : null;
    Path path = downloader(1).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());

    assertEquals(5000, rangeStart(hub.storageRequests.get(0)));
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void incompleteFileOfOtherContentFailsTheSha256AndIsDiscarded() throws Exception {
    Files.createDirectories(blobs);
    Files.write(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX), DownloadTestHub.bytes(5000, 99));
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader(1).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertFalse(Files.exists(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX)));
    assertFalse(Files.exists(blobs.resolve(sha)));

    Path path = downloader(1).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void repeatedCutsGiveUpKeepTheIncompleteFileAndTheNextCallResumesIt() throws Exception {
    hub.override = r -> {
      if (!r.getUrl().host().equals("localhost")) return null;
      if (r.getHeaders().get("Range") == null) return cutHalfway(weights);
      return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    };
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader(0).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("the next attempt resumes it"), e.getMessage());
    assertFalse(e.getMessage().contains(DownloadTestHub.TOKEN));
    assertEquals(1 + DownloadTransfer.MAX_FAILURES_WITHOUT_PROGRESS, hub.storageRequests.size());
    assertEquals(DownloadTransfer.MAX_FAILURES_WITHOUT_PROGRESS, hub.sleeps.size());
    long kept = Files.size(blobs.resolve(sha + DownloadTransfer.RESUME_SUFFIX));
    assertTrue(kept > 0 && kept <= SIZE / 2, "kept " + kept);
    assertFalse(Files.exists(blobs.resolve(sha)));
    assertFalse(Files.exists(tmp.resolve("hub").resolve("models--acme--demo").resolve("snapshots")
        .resolve(DownloadTestHub.COMMIT).resolve("model.safetensors")));

    hub.override = r -> null;
    hub.storageRequests.clear();
    Path path = downloader(0).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());
    assertEquals(kept, rangeStart(hub.storageRequests.get(0)));
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void serverIgnoringRangeAndCuttingEveryBodyGivesUp() {
    hub.override = r -> r.getUrl().host().equals("localhost") ? cutHalfway(weights) : null;
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader(0).hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("failed after"), e.getMessage());
    assertTrue(hub.storageRequests.size() <= 2 * (DownloadTransfer.MAX_FAILURES_WITHOUT_PROGRESS + 1),
        "requests: " + hub.storageRequests.size());
    assertFalse(Files.exists(blobs.resolve(sha)));
  }
}
