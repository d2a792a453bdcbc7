package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache is safe to share with other writers (issue 17 item 3): a download never writes into a partial file it
 * did not create, and nothing reaches {@code blobs/} before it is verified (git blob id or sha256).
 */
@Timeout(60)
class CacheIntegrityTest {
  private static final RepoId REPO = RepoId.of("acme/demo");

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private final byte[] weights = DownloadTestHub.bytes(200_000, 7);
  private final String sha = DownloadTestHub.sha256(weights);
  private Path storage;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    hub.lfsFile("model.safetensors", weights);
    hub.file("config.json", "{\"a\": 1}");
    storage = tmp.resolve("hub").resolve("models--acme--demo");
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader() {
    return new Downloader(HfHttp.of(hub.config(tmp.resolve("hub")).build()));
  }

  private List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void partialFilesOfOtherWritersAreNeverWrittenInto() throws Exception {
    Path blobs = storage.resolve("blobs");
    Files.createDirectories(blobs);
    // Another process writing under the shared legacy name, and the Python 2.0 client under its unique name.
    Path legacy = blobs.resolve(sha + ".incomplete");
    Path python = blobs.resolve(sha + ".5f3a9c1e.incomplete");
    Files.write(legacy, "someone else's bytes".getBytes(StandardCharsets.UTF_8));
    Files.write(python, "python's bytes".getBytes(StandardCharsets.UTF_8));

    Path path = downloader().hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());
    assertArrayEquals(weights, Files.readAllBytes(path));
    assertNull(hub.storageRequests.get(0).getHeaders().get("Range"), "nothing is resumed from another writer's file");
    assertEquals("someone else's bytes", Files.readString(legacy));
    assertEquals("python's bytes", Files.readString(python));
    assertEquals(List.of(sha, sha + ".5f3a9c1e.incomplete", sha + ".incomplete"), names(blobs));
  }

  @Test
  void aRegularFileNotMatchingItsGitBlobIdNeverReachesTheCache() throws Exception {
    byte[] tampered = "{\"a\": 2}".getBytes(StandardCharsets.UTF_8);
    String realEtag = "\"" + DownloadTestHub.gitBlobSha1("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)) + "\"";
    hub.override = r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().endsWith("/config.json")
        ? new MockResponse.Builder().setHeader("X-Repo-Commit", DownloadTestHub.COMMIT).setHeader("ETag", realEtag)
            .body(new Buffer().write(tampered)).build()
        : null;
    DownloadIntegrityException e = assertThrows(DownloadIntegrityException.class,
        () -> downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("git blob id"), e.getMessage());
    assertEquals("config.json", e.path());
    assertEquals(List.of(), names(storage.resolve("blobs")), "nothing left behind");
    assertFalse(Files.exists(storage.resolve("snapshots").resolve(DownloadTestHub.COMMIT).resolve("config.json")));

    hub.override = r -> null;
    Path ok = downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    assertEquals("{\"a\": 1}", Files.readString(ok));
  }

  @Test
  void anLfsFileNotMatchingItsSha256NeverReachesTheCache() throws Exception {
    byte[] other = DownloadTestHub.bytes(weights.length, 8);
    hub.override = r -> r.getUrl().host().equals("localhost")
        ? new MockResponse.Builder().body(new Buffer().write(other)).build()
        : null;
    DownloadIntegrityException e = assertThrows(DownloadIntegrityException.class,
        () -> downloader().hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults()));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertEquals(List.of(), names(storage.resolve("blobs")));
  }
}
