package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.HfHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When the Hub cannot answer, the cache answers; when neither can, a typed error says why. */
@Timeout(60)
class DownloadFallbackTest {
  private static final RepoId REPO = RepoId.of("acme/demo");

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private Path cache;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    hub.file("config.json", "{}");
    cache = tmp.resolve("hub");
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader(HfConfig config) {
    return new Downloader(HfHttp.of(config));
  }

  private Downloader downloader() {
    return downloader(hub.config(cache).build());
  }

  private Path cacheConfigJson() {
    Path path = downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    hub.hubRequests.clear();
    return path;
  }

  private static List<String> methods(List<RecordedRequest> requests) {
    return requests.stream().map(RecordedRequest::getMethod).toList();
  }

  @Test
  void hubDownServesTheCachedFileAfterOneUnretriedHead() {
    Path cached = cacheConfigJson();
    hub.override = r -> new MockResponse.Builder().code(503).build();
    assertEquals(cached, downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertEquals(List.of("HEAD"), methods(hub.hubRequests));
    assertTrue(hub.sleeps.isEmpty());
  }

  @Test
  void hubDownAndNothingCachedRetriesThenThrowsCacheMiss() {
    hub.override = r -> new MockResponse.Builder().code(503).build();
    CacheMissException e = assertThrows(CacheMissException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertInstanceOf(ServerException.class, e.getCause());
    // One fast HEAD, then one with retries (maxRetries = 1).
    assertEquals(List.of("HEAD", "HEAD", "HEAD"), methods(hub.hubRequests));
    assertEquals(1, hub.sleeps.size());
    assertFalse(e.getMessage().contains(DownloadTestHub.TOKEN));
  }

  @Test
  void unreachableHubWithNothingCachedIsACacheMissCausedByIo() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    HfConfig config = hub.config(cache).maxRetries(0).endpoint("http://127.0.0.1:" + closedPort).build();
    CacheMissException e = assertThrows(CacheMissException.class,
        () -> downloader(config).hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertInstanceOf(io.hf4j.core.HfIoException.class, e.getCause());
  }

  @Test
  void offlineModeAnswersFromRefsWithoutAnyRequest() {
    Path cached = cacheConfigJson();
    HfConfig offline = hub.config(cache).offline(true).build();
    assertEquals(cached, downloader(offline).hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertEquals(0, hub.hubRequests.size());

    CacheMissException e = assertThrows(CacheMissException.class,
        () -> downloader(offline).hfHubDownload(REPO, "other.json", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("HF_HUB_OFFLINE"), e.getMessage());
    assertThrows(CacheMissException.class,
        () -> downloader(offline).hfHubDownload(REPO, "config.json", DownloadParams.builder().revision("v1.0").build()));
    assertEquals(0, hub.hubRequests.size());
  }

  @Test
  void offlineModeReadsTheEnvironmentVariable() {
    Path cached = cacheConfigJson();
    HfConfig offline = hub.config(cache).fromEnv(java.util.Map.of("HF_HUB_OFFLINE", "1")).build();
    assertEquals(cached, downloader(offline).hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertThrows(HfValidationException.class,
        () -> downloader(offline).hfHubDownload(REPO, "config.json", DownloadParams.builder().forceDownload(true).build()));
    assertEquals(0, hub.hubRequests.size());
  }

  @Test
  void localFilesOnlyNeverAsksTheHub() {
    Path cached = cacheConfigJson();
    DownloadParams local = DownloadParams.builder().localFilesOnly(true).build();
    assertEquals(cached, downloader().hfHubDownload(REPO, "config.json", local));
    CacheMissException e = assertThrows(CacheMissException.class, () -> downloader().hfHubDownload(REPO, "x.json", local));
    assertTrue(e.getMessage().contains("localFilesOnly"), e.getMessage());
    assertEquals(0, hub.hubRequests.size());
  }

  @Test
  void missingEntryIsTypedAndRememberedInNoExist() {
    EntryNotFoundException e = assertThrows(EntryNotFoundException.class,
        () -> downloader().hfHubDownload(REPO, "dir/missing.bin", DownloadParams.defaults()));
    assertEquals(404, e.statusCode());
    assertEquals("req-EntryNotFound", e.requestId());
    Path storage = cache.resolve("models--acme--demo");
    assertTrue(Files.isRegularFile(storage.resolve(".no_exist").resolve(DownloadTestHub.COMMIT).resolve("dir").resolve("missing.bin")));
    assertEquals(List.of("HEAD"), methods(hub.hubRequests));
  }

  @Test
  void missingRevisionIsTypedEvenWhenSomethingIsCached() {
    cacheConfigJson();
    assertThrows(RevisionNotFoundException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.builder().revision("nope").build()));
  }

  @Test
  void missingRepoIsTypedNotACacheMiss() {
    RepositoryNotFoundException e = assertThrows(RepositoryNotFoundException.class,
        () -> downloader().hfHubDownload(RepoId.of("acme/other"), "config.json", DownloadParams.defaults()));
    assertEquals("RepoNotFound", e.errorCode());
    assertFalse(e.getMessage().contains(DownloadTestHub.TOKEN));
  }

  @Test
  void unauthorizedIsRaisedAsIs() {
    hub.override = r -> new MockResponse.Builder().code(401).build();
    io.hf4j.core.HfHttpException e = assertThrows(io.hf4j.core.HfHttpException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertEquals(401, e.statusCode());
  }

  @Test
  void answerWithoutHubHeadersIsACacheMissCausedByFileMetadata() {
    hub.override = r -> new MockResponse.Builder().setHeader("Content-Length", 2).build();
    CacheMissException e = assertThrows(CacheMissException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    FileMetadataException cause = assertInstanceOf(FileMetadataException.class, e.getCause());
    assertTrue(cause.getMessage().contains("X-Repo-Commit"), cause.getMessage());
  }

  @Test
  void forceDownloadWithTheHubDownRaisesTheHubError() {
    cacheConfigJson();
    hub.override = r -> new MockResponse.Builder().code(500).build();
    ServerException e = assertThrows(ServerException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.builder().forceDownload(true).build()));
    assertSame(ServerException.class, e.getClass());
  }
}
