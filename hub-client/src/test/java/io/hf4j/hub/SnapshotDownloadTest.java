package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfIoException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code snapshotDownload}: one revision lookup, a paginated listing, filtered parallel downloads. */
@Timeout(60)
class SnapshotDownloadTest {
  private static final RepoId REPO = RepoId.of("acme/demo");
  private static final String C = DownloadTestHub.COMMIT;

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private Path cache;
  private final byte[] weights = DownloadTestHub.bytes(120_000, 1);
  private final byte[] onnx = DownloadTestHub.bytes(30_000, 2);

  @BeforeEach
  void start() throws Exception {
    hub.start();
    cache = tmp.resolve("hub");
    hub.file("README.md", "# demo")
        .file("config.json", "{}")
        .file("tokenizer/vocab.txt", "a\nb\n")
        .file("tokenizer/merges.txt", "a b\n")
        .lfsFile("model.safetensors", weights)
        .lfsFile("onnx/model.onnx", onnx);
    hub.treePageSize = 2;
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader() {
    return new Downloader(HfHttp.of(hub.config(cache).build()));
  }

  private static Set<String> filesUnder(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p) && !root.relativize(p).startsWith(".cache"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void resolvesOnceListsEveryPageAndDownloadsMatchingFilesWithoutHeads() throws Exception {
    Path snapshot = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder()
        .allowPatterns("*.json", "*.safetensors", "tokenizer/")
        .ignorePatterns("*merges*")
        .build());

    Path storage = cache.resolve("models--acme--demo");
    assertEquals(storage.resolve("snapshots").resolve(C), snapshot);
    assertEquals(new TreeSet<>(List.of("config.json", "model.safetensors", "tokenizer/vocab.txt")), filesUnder(snapshot));
    assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("model.safetensors")));
    assertEquals("a\nb\n", Files.readString(snapshot.resolve("tokenizer/vocab.txt")));
    assertEquals(Paths.get("..", "..", "..", "blobs", DownloadTestHub.gitBlobSha1("a\nb\n".getBytes(StandardCharsets.UTF_8))),
        Files.readSymbolicLink(snapshot.resolve("tokenizer/vocab.txt")));
    assertEquals(C, Files.readString(storage.resolve("refs/main")));

    List<String> lines = hub.hubRequestLines();
    assertEquals("GET /api/models/acme/demo/revision/main", lines.get(0));
    assertEquals("GET /api/models/acme/demo/tree/" + C + "?recursive=true&expand=false", lines.get(1));
    List<String> pages = lines.stream().filter(l -> l.contains("/tree/")).toList();
    assertEquals(3, pages.size(), "6 files, 2 per page: " + pages);
    List<String> downloads = new ArrayList<>(lines.stream().filter(l -> l.contains("/resolve/")).toList());
    Collections.sort(downloads);
    assertEquals(List.of(
        "GET /acme/demo/resolve/" + C + "/config.json",
        "GET /acme/demo/resolve/" + C + "/model.safetensors",
        "GET /acme/demo/resolve/" + C + "/tokenizer/vocab.txt"), downloads);
    assertEquals(1, hub.storageRequests.size());
    assertTrue(hub.storageRequests.get(0).getHeaders().get("Authorization") == null);
  }

  @Test
  void treeListingIsCachedInThePythonFormatAndReused() throws Exception {
    Downloader downloader = downloader();
    downloader.snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("*.json").build());
    String json = Files.readString(cache.resolve("models--acme--demo/trees/" + C + ".json"));
    assertTrue(json.startsWith("{\n \"format_version\": 1,\n \"files\": {"), json);
    assertTrue(json.contains("\"model.safetensors\": {\n   \"size\": 120000,\n   \"blob_id\": \""), json);
    assertTrue(json.contains("\"lfs_sha256\": \"" + DownloadTestHub.sha256(weights) + "\",\n   \"lfs_size\": 120000"), json);
    assertTrue(json.contains("\"README.md\": {\n   \"size\": 6,\n   \"blob_id\": \""
        + DownloadTestHub.gitBlobSha1("# demo".getBytes(StandardCharsets.UTF_8)) + "\"\n  }"), json);

    hub.hubRequests.clear();
    Path snapshot = downloader.snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("*.md").build());
    assertEquals(List.of("GET /api/models/acme/demo/revision/main", "GET /acme/demo/resolve/" + C + "/README.md"),
        hub.hubRequestLines());
    assertEquals("# demo", Files.readString(snapshot.resolve("README.md")));

    hub.hubRequests.clear();
    downloader.snapshotDownload(REPO, SnapshotDownloadParams.builder().revision(C).build());
    assertEquals(4, hub.hubRequests.size(), "only the 4 files not yet cached: " + hub.hubRequestLines());
  }

  @Test
  void manyFilesDownloadInParallelWithinTheWorkerBound() throws Exception {
    for (int i = 0; i < 40; i++) hub.file("shard-" + i + ".txt", "content " + i);
    hub.treePageSize = 1000;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    hub.override = r -> {
      if (r.getUrl().encodedPath().contains("/resolve/")) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
          Thread.sleep(30);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
      }
      return null;
    };
    List<DownloadEvent> events = new CopyOnWriteArrayList<>();
    Path snapshot = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder()
        .allowPatterns("shard-*").concurrency(4).listener(events::add).build());

    assertEquals(40, filesUnder(snapshot).size());
    assertEquals("content 17", Files.readString(snapshot.resolve("shard-17.txt")));
    assertTrue(maxInFlight.get() > 1 && maxInFlight.get() <= 4, "max in flight " + maxInFlight.get());
    assertInstanceOf(DownloadEvent.Started.class, events.get(0));
    DownloadEvent.Started started = (DownloadEvent.Started) events.get(0);
    assertEquals(40, started.totalFiles());
    assertEquals(40, events.stream().filter(e -> e instanceof DownloadEvent.FileCompleted).count());
  }

  @Test
  void oneFailingFileFailsTheSnapshotAndStopsTheOthers() {
    for (int i = 0; i < 20; i++) hub.file("f" + i + ".txt", "x" + i);
    hub.override = r -> r.getUrl().encodedPath().endsWith("/f3.txt") ? new MockResponse.Builder().code(500).build() : null;
    ServerException e = assertThrows(ServerException.class,
        () -> downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("f*").concurrency(2).build()));
    assertEquals(500, e.statusCode());
  }

  @Test
  void revisionRefIsRecordedAndOfflineModeReturnsTheSnapshot() throws Exception {
    Path online = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().revision("v1.0").allowPatterns("*.md").build());
    assertEquals("GET /api/models/acme/demo/revision/v1.0", hub.hubRequestLines().get(0));
    assertEquals(C, Files.readString(cache.resolve("models--acme--demo/refs/v1.0")));
    hub.hubRequests.clear();

    Downloader offline = new Downloader(HfHttp.of(hub.config(cache).offline(true).build()));
    assertEquals(online, offline.snapshotDownload(REPO, SnapshotDownloadParams.builder().revision("v1.0").allowPatterns("*.md").build()));
    CacheMissException incomplete = assertThrows(CacheMissException.class,
        () -> offline.snapshotDownload(REPO, SnapshotDownloadParams.builder().revision("v1.0").build()));
    assertTrue(incomplete.getMessage().contains("incomplete"), incomplete.getMessage());
    CacheMissException unknown = assertThrows(CacheMissException.class,
        () -> offline.snapshotDownload(REPO, SnapshotDownloadParams.builder().revision("v2").build()));
    assertTrue(unknown.getMessage().contains("HF_HUB_OFFLINE"), unknown.getMessage());
    assertEquals(0, hub.hubRequests.size());
  }

  @Test
  void hubDownFallsBackToTheCachedSnapshot() throws Exception {
    Path online = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("*.json").build());
    hub.override = r -> new MockResponse.Builder().code(503).build();
    hub.hubRequests.clear();
    assertEquals(online, downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("*.json").build()));
    assertEquals(1, hub.hubRequests.size());
  }

  @Test
  void hubDownWithNothingCachedIsACacheMissAfterARetriedLookup() {
    hub.override = r -> new MockResponse.Builder().code(503).build();
    CacheMissException e = assertThrows(CacheMissException.class,
        () -> downloader().snapshotDownload(REPO, SnapshotDownloadParams.defaults()));
    assertInstanceOf(ServerException.class, e.getCause());
    assertEquals(3, hub.hubRequests.size());
  }

  @Test
  void missingRevisionAndRepoAreTyped() {
    assertThrows(RevisionNotFoundException.class,
        () -> downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().revision("nope").build()));
    hub.apiRepo = "/api/models/acme/elsewhere";
    RepositoryNotFoundException e = assertThrows(RepositoryNotFoundException.class,
        () -> downloader().snapshotDownload(REPO, SnapshotDownloadParams.defaults()));
    assertEquals("RepoNotFound", e.errorCode());
  }

  @Test
  void localDirReceivesPlainFilesAndItsOwnTreeCache() throws Exception {
    Path local = tmp.resolve("out");
    Path result = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder()
        .localDir(local).ignorePatterns("onnx/").build());

    assertEquals(local.toRealPath(), result);
    assertEquals(new TreeSet<>(List.of("README.md", "config.json", "model.safetensors", "tokenizer/merges.txt", "tokenizer/vocab.txt")),
        filesUnder(local));
    assertFalse(Files.isSymbolicLink(local.resolve("model.safetensors")));
    assertArrayEquals(weights, Files.readAllBytes(local.resolve("model.safetensors")));
    assertTrue(Files.isRegularFile(local.resolve(".cache/huggingface/trees/" + C + ".json")));
    assertEquals(C, Files.readAllLines(local.resolve(".cache/huggingface/download/tokenizer/vocab.txt.metadata")).get(0));
    // As Python, the cache records refs/main (and nothing else) for a localDir snapshot.
    assertEquals(C, Files.readString(cache.resolve("models--acme--demo/refs/main")));
    assertFalse(Files.exists(cache.resolve("models--acme--demo/blobs")));
    assertFalse(Files.exists(cache.resolve("models--acme--demo/snapshots")));

    hub.hubRequests.clear();
    downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().localDir(local).ignorePatterns("onnx/").build());
    assertEquals(List.of("GET /api/models/acme/demo/revision/main"), hub.hubRequestLines());
  }

  @Test
  void corruptedRegularFileFailsItsGitBlobCheck() {
    hub.override = r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().endsWith("/config.json")
        ? new MockResponse.Builder().body("[]").build()
        : null;
    HfIoException e = assertThrows(HfIoException.class,
        () -> downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().allowPatterns("config.json").build()));
    assertTrue(e.getMessage().contains("git blob id"), e.getMessage());
    assertFalse(Files.exists(cache.resolve("models--acme--demo/snapshots/" + C + "/config.json")));
  }

  @Test
  void concurrentSnapshotsOfTheSameRepoFetchEachBlobOnce() throws Exception {
    Set<String> fetched = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new CopyOnWriteArrayList<>();
    hub.override = r -> {
      String p = r.getUrl().encodedPath();
      if (r.getMethod().equals("GET") && (p.contains("/resolve/") || p.startsWith("/lfs/")) && !fetched.add(p)) duplicates.add(p);
      return null;
    };
    Downloader downloader = downloader();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          downloader.snapshotDownload(REPO, SnapshotDownloadParams.defaults());
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) t.join();
    assertEquals(List.of(), failures);
    assertEquals(List.of(), duplicates);
    assertArrayEquals(onnx, Files.readAllBytes(cache.resolve("models--acme--demo/snapshots/" + C + "/onnx/model.onnx")));
  }
}
