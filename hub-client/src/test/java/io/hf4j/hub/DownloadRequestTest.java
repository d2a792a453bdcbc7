package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hfHubDownload} against a scripted Hub: exact requests, and the cache they leave behind. */
@Timeout(60)
class DownloadRequestTest {
  private static final RepoId REPO = RepoId.of("acme/demo");

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private Path cache;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    cache = tmp.resolve("hub");
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader() {
    return downloader(hub.config(cache).build());
  }

  private static Downloader downloader(HfConfig config) {
    return new Downloader(HfHttp.of(config));
  }

  @Test
  void regularFileIsHeadThenGetAndLandsInTheCacheLayout() throws Exception {
    hub.file("config.json", "{\"a\": 1}");
    Path path = downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults());

    assertEquals(List.of("HEAD /acme/demo/resolve/main/config.json", "GET /acme/demo/resolve/main/config.json"),
        hub.hubRequestLines());
    RecordedRequest head = hub.hubRequests.get(0);
    assertEquals("identity", head.getHeaders().get("Accept-Encoding"));
    assertEquals("Bearer " + DownloadTestHub.TOKEN, head.getHeaders().get("Authorization"));
    assertEquals("Bearer " + DownloadTestHub.TOKEN, hub.hubRequests.get(1).getHeaders().get("Authorization"));
    assertNull(hub.hubRequests.get(1).getHeaders().get("Range"));

    String etag = DownloadTestHub.gitBlobSha1("{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    Path storage = cache.resolve("models--acme--demo");
    assertEquals(storage.resolve("snapshots").resolve(DownloadTestHub.COMMIT).resolve("config.json"), path);
    assertTrue(Files.isSymbolicLink(path));
    assertEquals(Paths.get("..", "..", "blobs", etag), Files.readSymbolicLink(path));
    assertEquals("{\"a\": 1}", Files.readString(path));
    assertEquals(DownloadTestHub.COMMIT, Files.readString(storage.resolve("refs").resolve("main")));
    assertTrue(Files.isRegularFile(storage.resolve("blobs").resolve(etag)));
    assertFalse(Files.exists(storage.resolve("blobs").resolve(etag + ".incomplete")));
    assertTrue(Files.readString(cache.resolve("CACHEDIR.TAG")).startsWith("Signature: 8a477f597d28d172789f06886806bc55"));
    assertTrue(Files.exists(cache.resolve(".locks").resolve("models--acme--demo").resolve(etag + ".lock")));
  }

  @Test
  void revisionIsOneEncodedSegmentAndPathKeepsSlashes() throws Exception {
    String name = "dir/sub dir/my file ü.txt";
    hub.file(name, "hello");
    Path path = downloader().hfHubDownload(REPO, name, DownloadParams.builder().revision("refs/pr/1").build());

    String target = "/acme/demo/resolve/refs%2Fpr%2F1/dir/sub%20dir/my%20file%20%C3%BC.txt";
    assertEquals(List.of("HEAD " + target, "GET " + target), hub.hubRequestLines());
    Path storage = cache.resolve("models--acme--demo");
    assertEquals(DownloadTestHub.COMMIT, Files.readString(storage.resolve("refs").resolve("refs").resolve("pr").resolve("1")));
    assertEquals(storage.resolve("snapshots").resolve(DownloadTestHub.COMMIT).resolve("dir").resolve("sub dir").resolve("my file ü.txt"), path);
    String etag = DownloadTestHub.gitBlobSha1("hello".getBytes(StandardCharsets.UTF_8));
    assertEquals(Paths.get("..", "..", "..", "..", "blobs", etag), Files.readSymbolicLink(path));
    assertEquals("hello", Files.readString(path));
  }

  @Test
  void datasetUsesItsUrlPrefixAndCacheFolderAndSubfolderPrefixesTheName() throws Exception {
    hub.repoPrefix = "/datasets/acme/demo";
    hub.file("data/train.csv", "a,b\n1,2\n");
    Path path = downloader().hfHubDownload(REPO.withType(RepoType.DATASET), "train.csv",
        DownloadParams.builder().subfolder("data").build());

    assertEquals("HEAD /datasets/acme/demo/resolve/main/data/train.csv", hub.hubRequestLines().get(0));
    assertEquals(cache.resolve("datasets--acme--demo").resolve("snapshots").resolve(DownloadTestHub.COMMIT)
        .resolve("data").resolve("train.csv"), path);
    assertEquals("a,b\n1,2\n", Files.readString(path));
  }

  @Test
  void lfsFileIsFetchedFromStorageWithoutTheTokenAndNamedBySha256() throws Exception {
    byte[] weights = DownloadTestHub.bytes(300_000, 7);
    hub.lfsFile("model.safetensors", weights);
    Path path = downloader().hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());

    assertEquals(List.of("HEAD /acme/demo/resolve/main/model.safetensors"), hub.hubRequestLines());
    assertEquals(1, hub.storageRequests.size());
    RecordedRequest get = hub.storageRequests.get(0);
    assertEquals("GET", get.getMethod());
    assertEquals("localhost", get.getUrl().host());
    assertNull(get.getHeaders().get("Authorization"));
    String sha = DownloadTestHub.sha256(weights);
    assertEquals("/lfs/" + sha + "?X-Amz-Signature=sig", get.getTarget());
    assertEquals(Paths.get("..", "..", "blobs", sha), Files.readSymbolicLink(path));
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void redirectFollowedDuringGetDropsTheTokenOnHostChange() throws Exception {
    byte[] content = "served by storage".getBytes(StandardCharsets.UTF_8);
    hub.file("notes.txt", "served by storage");
    String storageLocation = hub.storageUrl().newBuilder().addPathSegment("lfs").addPathSegment(DownloadTestHub.sha256(content)).build().toString();
    hub.override = r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().endsWith("/resolve/main/notes.txt")
        ? new MockResponse.Builder().code(302).setHeader("Location", storageLocation).build()
        : null;
    Path path = downloader().hfHubDownload(REPO, "notes.txt", DownloadParams.defaults());

    assertEquals("Bearer " + DownloadTestHub.TOKEN, hub.hubRequests.get(1).getHeaders().get("Authorization"));
    assertEquals(1, hub.storageRequests.size());
    assertNull(hub.storageRequests.get(0).getHeaders().get("Authorization"));
    assertEquals("served by storage", Files.readString(path));
  }

  @Test
  void relativeRedirectOfARenamedRepoIsFollowedOnTheHead() throws Exception {
    hub.file("config.json", "{}");
    hub.override = r -> r.getUrl().encodedPath().startsWith("/old/name/")
        ? new MockResponse.Builder().code(307).setHeader("Location", "/acme/demo/resolve/main/config.json").build()
        : null;
    Path path = downloader().hfHubDownload(RepoId.of("old/name"), "config.json", DownloadParams.defaults());

    assertEquals(List.of("HEAD /old/name/resolve/main/config.json", "HEAD /acme/demo/resolve/main/config.json",
        "GET /acme/demo/resolve/main/config.json"), hub.hubRequestLines());
    assertEquals("Bearer " + DownloadTestHub.TOKEN, hub.hubRequests.get(2).getHeaders().get("Authorization"));
    assertEquals(cache.resolve("models--old--name").resolve("snapshots").resolve(DownloadTestHub.COMMIT).resolve("config.json"), path);
    assertEquals("{}", Files.readString(path));
  }

  @Test
  void cachedFileIsReusedWithAHeadOnlyAndWithoutAnyRequestAtACommit() throws Exception {
    hub.file("config.json", "{}");
    Downloader downloader = downloader();
    Path first = downloader.hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    Path second = downloader.hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    assertEquals(first, second);
    assertEquals(List.of("HEAD /acme/demo/resolve/main/config.json", "GET /acme/demo/resolve/main/config.json",
        "HEAD /acme/demo/resolve/main/config.json"), hub.hubRequestLines());

    Path third = downloader.hfHubDownload(REPO, "config.json", DownloadParams.builder().revision(DownloadTestHub.COMMIT).build());
    assertEquals(first, third);
    assertEquals(3, hub.hubRequests.size());
  }

  @Test
  void blobSharedByTwoCommitsIsDownloadedOnce() throws Exception {
    hub.file("config.json", "{}");
    Downloader downloader = downloader();
    downloader.hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    hub.commit = "fedcba9876543210fedcba9876543210fedcba98";
    Path second = downloader.hfHubDownload(REPO, "config.json", DownloadParams.defaults());

    assertEquals(List.of("HEAD", "GET", "HEAD"), hub.hubRequests.stream().map(RecordedRequest::getMethod).toList());
    assertEquals("{}", Files.readString(second));
    assertTrue(second.toString().contains(hub.commit));
    assertEquals(hub.commit, Files.readString(cache.resolve("models--acme--demo").resolve("refs").resolve("main")));
  }

  @Test
  void forceDownloadFetchesAgain() throws Exception {
    hub.file("config.json", "{}");
    Downloader downloader = downloader();
    downloader.hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    Path again = downloader.hfHubDownload(REPO, "config.json", DownloadParams.builder().forceDownload(true).build());
    assertEquals(List.of("HEAD", "GET", "HEAD", "GET"), hub.hubRequests.stream().map(RecordedRequest::getMethod).toList());
    assertEquals("{}", Files.readString(again));
  }

  @Test
  void disabledSymlinksMoveANewBlobIntoTheSnapshot() throws Exception {
    hub.file("config.json", "{\"copy\": true}");
    HfConfig config = hub.config(cache).fromEnv(Map.of("HF_HUB_DISABLE_SYMLINKS", "1")).build();
    Path path = downloader(config).hfHubDownload(REPO, "config.json", DownloadParams.defaults());

    assertFalse(Files.isSymbolicLink(path));
    assertEquals("{\"copy\": true}", Files.readString(path));
    String etag = DownloadTestHub.gitBlobSha1("{\"copy\": true}".getBytes(StandardCharsets.UTF_8));
    assertFalse(Files.exists(cache.resolve("models--acme--demo").resolve("blobs").resolve(etag)));
  }

  @Test
  void sha256MismatchLeavesNothingInPlace() throws Exception {
    byte[] weights = DownloadTestHub.bytes(10_000, 3);
    hub.lfsFile("model.bin", weights);
    byte[] corrupted = weights.clone();
    corrupted[5000] ^= 1;
    hub.override = r -> r.getUrl().host().equals("localhost")
        ? new MockResponse.Builder().body(new okio.Buffer().write(corrupted)).build()
        : null;
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader().hfHubDownload(REPO, "model.bin", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());

    Path storage = cache.resolve("models--acme--demo");
    String sha = DownloadTestHub.sha256(weights);
    assertFalse(Files.exists(storage.resolve("blobs").resolve(sha)));
    assertFalse(Files.exists(storage.resolve("blobs").resolve(sha + ".incomplete")));
    assertFalse(Files.exists(storage.resolve("snapshots").resolve(DownloadTestHub.COMMIT).resolve("model.bin")));
  }

  @Test
  void aLongerBodyThanAnnouncedFailsTheConsistencyCheck() throws Exception {
    hub.file("a.txt", "12345");
    hub.override = r -> r.getMethod().equals("GET") ? new MockResponse.Builder().body("1234567").build() : null;
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader().hfHubDownload(REPO, "a.txt", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("Consistency check failed"), e.getMessage());
    String etag = DownloadTestHub.gitBlobSha1("12345".getBytes(StandardCharsets.UTF_8));
    assertFalse(Files.exists(cache.resolve("models--acme--demo").resolve("blobs").resolve(etag)));
  }

  @Test
  void emptyFileNeedsNoGet() throws Exception {
    hub.file("empty.txt", "");
    Path path = downloader().hfHubDownload(REPO, "empty.txt", DownloadParams.defaults());
    assertEquals(List.of("HEAD"), hub.hubRequests.stream().map(RecordedRequest::getMethod).toList());
    assertEquals(0, Files.size(path));
  }

  @Test
  void pathsThatEscapeTheCacheAreRefusedBeforeAnyRequest() {
    Downloader downloader = downloader();
    for (String bad : List.of("../secret", "a/../../b", "/etc/passwd", "C:\\x", "a\\..\\b", "")) {
      assertThrows(HfValidationException.class, () -> downloader.hfHubDownload(REPO, bad, DownloadParams.defaults()), bad);
    }
    assertThrows(HfValidationException.class,
        () -> downloader.hfHubDownload(REPO, "ok.txt", DownloadParams.builder().revision("../../x").build()));
    assertEquals(0, hub.hubRequests.size());
  }

  @Test
  void progressReportsBytesAndCompletion() throws Exception {
    byte[] weights = DownloadTestHub.bytes(200_000, 11);
    hub.lfsFile("w.bin", weights);
    List<DownloadEvent> events = new CopyOnWriteArrayList<>();
    Downloader downloader = downloader();
    Path path = downloader.hfHubDownload(REPO, "w.bin", DownloadParams.builder().listener(events::add).build());

    DownloadEvent last = events.get(events.size() - 1);
    assertEquals(new DownloadEvent.FileCompleted("w.bin", path, false), last);
    DownloadEvent.Progress t = (DownloadEvent.Progress) events.get(events.size() - 2);
    assertEquals(new DownloadEvent.Progress("w.bin", 200_000, 200_000), t);

    events.clear();
    downloader.hfHubDownload(REPO, "w.bin", DownloadParams.builder().listener(e -> {
      events.add(e);
      throw new IllegalStateException("a broken listener");
    }).build());
    assertEquals(List.of(new DownloadEvent.FileCompleted("w.bin", path, true)), events);
  }
}
