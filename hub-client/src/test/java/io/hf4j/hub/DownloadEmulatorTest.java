package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.Sleeper;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Flows against the testkit Hub emulator: seed a repo, download it, compare bytes. */
@Timeout(60)
class DownloadEmulatorTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path tmp;

  @AfterEach
  void clearFaults() {
    HUB.emulator().faults().clear();
  }

  private Downloader downloader(HubEmulator hub) {
    Sleeper noWait = d -> { };
    HfConfig config = hub.hfConfigBuilder().hubCache(tmp.resolve("hub")).sleeper(noWait).maxRetries(2).build();
    return new Downloader(HfHttp.of(config));
  }

  private static Map<String, byte[]> seed(HubEmulator hub, String repoId) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("config.json", "{\"hidden_size\": 8}".getBytes(StandardCharsets.UTF_8));
    files.put("dir/my file ü.txt", "unicode path\n".getBytes(StandardCharsets.UTF_8));
    files.put("tokenizer/vocab.txt", "a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
    files.put("model.safetensors", DownloadTestHub.bytes(300_000, 1));
    files.put("onnx/model.onnx", DownloadTestHub.bytes(50_000, 2));
    hub.repos().create(RepoType.MODEL, repoId, false, Map.of());
    hub.repos().commit(RepoType.MODEL, repoId, "main", "seed", files, Set.of());
    return files;
  }

  /** The requests of {@code host} (any host when null) the emulator has answered so far. */
  private static List<RecordedRequest> recorded(HubEmulator hub, Host host) {
    return hub.requests().stream().filter(r -> host == null || r.host() == host).toList();
  }

  private static Set<String> filesUnder(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> Files.isRegularFile(p) && !root.relativize(p).startsWith(".cache"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void regularAndLfsFilesDownloadByteIdentical() throws Exception {
    HubEmulator hub = HUB.emulator();
    Map<String, byte[]> files = seed(hub, "testuser/dl-files");
    assertTrue(Objects.requireNonNull(hub.repo("testuser/dl-files").file("main", "model.safetensors")).lfs());
    String head = hub.repo("testuser/dl-files").head("main");
    Downloader downloader = downloader(hub);
    hub.clearRequests();

    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path path = downloader.hfHubDownload(RepoId.of("testuser/dl-files"), e.getKey(), DownloadParams.defaults());
      assertArrayEquals(e.getValue(), Files.readAllBytes(path), e.getKey());
      assertTrue(path.toString().contains(head), path.toString());
    }
    assertEquals(List.of(), hub.tokenLeaks());
    List<RecordedRequest> storage = recorded(hub, Host.STORAGE);
    assertEquals(2, storage.size(), storage.toString());
    assertTrue(storage.stream().allMatch(r -> r.header("Authorization") == null));
    Path storageFolder = tmp.resolve("hub/models--testuser--dl-files");
    assertEquals(head, Files.readString(storageFolder.resolve("refs/main")));
    assertTrue(Files.isRegularFile(storageFolder.resolve("blobs").resolve(DownloadTestHub.sha256(files.get("model.safetensors")))));
    assertTrue(Files.isRegularFile(storageFolder.resolve("blobs").resolve(DownloadTestHub.gitBlobSha1(files.get("config.json")))));

    int before = recorded(hub, null).size();
    downloader.hfHubDownload(RepoId.of("testuser/dl-files"), "model.safetensors", DownloadParams.defaults());
    List<RecordedRequest> again = recorded(hub, null);
    assertEquals(List.of("HEAD"), again.subList(before, again.size()).stream().map(RecordedRequest::method).toList());
  }

  @Test
  void olderCommitServesOlderContent() throws Exception {
    HubEmulator hub = HUB.emulator();
    RepoId repo = RepoId.of("testuser/dl-history");
    hub.repos().create(RepoType.MODEL, repo.toString(), false, Map.of());
    String v1 = hub.repos().commit(RepoType.MODEL, repo.toString(), "main", "v1",
        Map.of("config.json", "{\"v\": 1}".getBytes(StandardCharsets.UTF_8)), Set.of());
    hub.repos().commit(RepoType.MODEL, repo.toString(), "main", "v2",
        Map.of("config.json", "{\"v\": 2}".getBytes(StandardCharsets.UTF_8)), Set.of());
    Downloader downloader = downloader(hub);

    Path latest = downloader.hfHubDownload(repo, "config.json", DownloadParams.defaults());
    Path old = downloader.hfHubDownload(repo, "config.json", DownloadParams.builder().revision(v1).build());
    assertEquals("{\"v\": 2}", Files.readString(latest));
    assertEquals("{\"v\": 1}", Files.readString(old));
    assertTrue(old.toString().contains(v1));
    assertFalse(Files.exists(tmp.resolve("hub/models--testuser--dl-history/refs").resolve(v1)));
  }

  @Test
  void snapshotWithPatternsMatchesTheRepo() throws Exception {
    HubEmulator hub = HUB.emulator();
    Map<String, byte[]> files = seed(hub, "testuser/dl-snapshot");
    Path snapshot = downloader(hub).snapshotDownload(RepoId.of("testuser/dl-snapshot"), SnapshotDownloadParams.builder()
        .allowPatterns("*.json", "*.safetensors", "tokenizer/", "dir/*")
        .ignorePatterns("*.onnx")
        .build());

    assertEquals(new TreeSet<>(List.of("config.json", "dir/my file ü.txt", "model.safetensors", "tokenizer/vocab.txt")),
        filesUnder(snapshot));
    for (String p : filesUnder(snapshot)) assertArrayEquals(files.get(p), Files.readAllBytes(snapshot.resolve(p)), p);
    assertEquals(hub.repo("testuser/dl-snapshot").head("main"), snapshot.getFileName().toString());
    assertEquals(List.of(), hub.tokenLeaks());

    Path all = downloader(hub).snapshotDownload(RepoId.of("testuser/dl-snapshot"), SnapshotDownloadParams.defaults());
    assertEquals(hub.repo("testuser/dl-snapshot").files("main").keySet(), filesUnder(all));
  }

  @Test
  void snapshotIntoALocalDir() throws Exception {
    HubEmulator hub = HUB.emulator();
    Map<String, byte[]> files = seed(hub, "testuser/dl-local");
    Path local = tmp.resolve("checkout");
    Path result = downloader(hub).snapshotDownload(RepoId.of("testuser/dl-local"),
        SnapshotDownloadParams.builder().localDir(local).concurrency(3).build());
    assertEquals(local.toRealPath(), result);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(local.resolve(e.getKey())), e.getKey());
      assertFalse(Files.isSymbolicLink(local.resolve(e.getKey())));
    }
  }

  @Test
  void storageCutMidBodyIsResumedWithRange() throws Exception {
    HubEmulator hub = HUB.emulator();
    Map<String, byte[]> files = seed(hub, "testuser/dl-resume");
    hub.faults().inject(FaultRule.on("GET", "/objects/**").host(Host.STORAGE).nth(1).resetDuringResponseBody());
    hub.clearRequests();
    Path path = downloader(hub).hfHubDownload(RepoId.of("testuser/dl-resume"), "model.safetensors", DownloadParams.defaults());

    assertArrayEquals(files.get("model.safetensors"), Files.readAllBytes(path));
    List<RecordedRequest> gets = recorded(hub, Host.STORAGE);
    assertEquals(2, gets.size(), gets.toString());
    assertNull(gets.get(0).header("Range"));
    assertTrue(gets.get(1).header("Range").matches("bytes=[1-9]\\d*-"), gets.get(1).header("Range"));
    assertEquals(206, gets.get(1).status());
  }

  @Test
  void hubBlipOnTheHeadIsRetriedWhenNothingIsCached() throws Exception {
    HubEmulator hub = HUB.emulator();
    Map<String, byte[]> files = seed(hub, "testuser/dl-blip");
    hub.faults().inject(FaultRule.on("HEAD", "/testuser/dl-blip/resolve/**").times(2).status(503));
    Path path = downloader(hub).hfHubDownload(RepoId.of("testuser/dl-blip"), "config.json", DownloadParams.defaults());
    assertArrayEquals(files.get("config.json"), Files.readAllBytes(path));
  }

  @Test
  void missingThingsAreTyped() {
    HubEmulator hub = HUB.emulator();
    seed(hub, "testuser/dl-errors");
    Downloader downloader = downloader(hub);
    RepoId repo = RepoId.of("testuser/dl-errors");
    assertThrows(EntryNotFoundException.class, () -> downloader.hfHubDownload(repo, "nope.txt", DownloadParams.defaults()));
    assertTrue(Files.isDirectory(tmp.resolve("hub/models--testuser--dl-errors/.no_exist")));
    assertThrows(RevisionNotFoundException.class,
        () -> downloader.hfHubDownload(repo, "config.json", DownloadParams.builder().revision("no-such-branch").build()));
    assertThrows(RepositoryNotFoundException.class,
        () -> downloader.hfHubDownload(RepoId.of("testuser/dl-absent"), "config.json", DownloadParams.defaults()));
    assertThrows(RevisionNotFoundException.class,
        () -> downloader.snapshotDownload(repo, SnapshotDownloadParams.builder().revision("no-such-branch").build()));
    assertThrows(RepositoryNotFoundException.class,
        () -> downloader.snapshotDownload(RepoId.of("testuser/dl-absent"), SnapshotDownloadParams.defaults()));
  }

  @Test
  void privateRepoOfAnotherUserIsNotFound() {
    HubEmulator hub = HUB.emulator();
    hub.repos().create(RepoType.MODEL, "otheruser/secret", true, Map.of());
    hub.repos().commit(RepoType.MODEL, "otheruser/secret", "main", "s", Map.of("a.txt", new byte[] {1}), Set.of());
    assertThrows(RepositoryNotFoundException.class,
        () -> downloader(hub).hfHubDownload(RepoId.of("otheruser/secret"), "a.txt", DownloadParams.defaults()));
  }
}
