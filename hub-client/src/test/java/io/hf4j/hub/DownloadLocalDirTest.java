package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code localDir} downloads: plain files at their repo paths, metadata as the Python client writes it. */
@Timeout(60)
class DownloadLocalDirTest {
  private static final RepoId REPO = RepoId.of("acme/demo");

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private Path local;
  private Downloader downloader;

  @BeforeEach
  void start() throws Exception {
    hub.start();
    local = tmp.resolve("out");
    downloader = new Downloader(HfHttp.of(hub.config(tmp.resolve("hub")).build()));
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private DownloadParams toLocal() {
    return DownloadParams.builder().localDir(local).build();
  }

  private List<String> methods() {
    return hub.hubRequests.stream().map(RecordedRequest::getMethod).toList();
  }

  @Test
  void fileLandsAtItsRepoPathWithPythonMetadata() throws Exception {
    hub.file("sub/config.json", "{\"x\": 2}");
    long before = System.currentTimeMillis() / 1000;
    Path path = downloader.hfHubDownload(REPO, "sub/config.json", toLocal());

    assertEquals(local.resolve("sub").resolve("config.json"), path);
    assertFalse(Files.isSymbolicLink(path));
    assertEquals("{\"x\": 2}", Files.readString(path));
    Path hf = local.resolve(".cache").resolve("huggingface");
    List<String> lines = Files.readAllLines(hf.resolve("download").resolve("sub").resolve("config.json.metadata"));
    assertEquals(3, lines.size());
    assertEquals(DownloadTestHub.COMMIT, lines.get(0));
    assertEquals(DownloadTestHub.gitBlobSha1("{\"x\": 2}".getBytes(StandardCharsets.UTF_8)), lines.get(1));
    double timestamp = Double.parseDouble(lines.get(2));
    assertTrue(timestamp >= before && timestamp <= before + 60, lines.get(2));
    assertEquals("*", Files.readString(hf.resolve(".gitignore")));
    assertTrue(Files.exists(hf.resolve("CACHEDIR.TAG")));
    assertTrue(Files.exists(hf.resolve("download").resolve("sub").resolve("config.json.lock")));
    assertFalse(Files.exists(tmp.resolve("hub").resolve("models--acme--demo")), "no cache side effects");
  }

  @Test
  void unchangedFileIsNotDownloadedAgain() throws Exception {
    hub.file("config.json", "{}");
    downloader.hfHubDownload(REPO, "config.json", toLocal());
    downloader.hfHubDownload(REPO, "config.json", toLocal());
    assertEquals(List.of("HEAD", "GET", "HEAD"), methods());

    downloader.hfHubDownload(REPO, "config.json", DownloadParams.builder().localDir(local).revision(DownloadTestHub.COMMIT).build());
    assertEquals(3, hub.hubRequests.size());
  }

  @Test
  void changedRemoteFileReplacesTheLocalOne() throws Exception {
    hub.file("config.json", "{}");
    Path path = downloader.hfHubDownload(REPO, "config.json", toLocal());
    hub.file("config.json", "{\"v\": 2}");
    downloader.hfHubDownload(REPO, "config.json", toLocal());
    assertEquals(List.of("HEAD", "GET", "HEAD", "GET"), methods());
    assertEquals("{\"v\": 2}", Files.readString(path));
  }

  @Test
  void lfsFileWithoutMetadataMatchingTheSha256IsKept() throws Exception {
    byte[] weights = DownloadTestHub.bytes(50_000, 5);
    hub.lfsFile("w.bin", weights);
    Files.createDirectories(local);
    Files.write(local.resolve("w.bin"), weights);
    Path path = downloader.hfHubDownload(REPO, "w.bin", toLocal());

    assertEquals(List.of("HEAD"), methods());
    assertEquals(0, hub.storageRequests.size());
    assertArrayEquals(weights, Files.readAllBytes(path));
    List<String> lines = Files.readAllLines(local.resolve(".cache/huggingface/download/w.bin.metadata"));
    assertEquals(DownloadTestHub.sha256(weights), lines.get(1));
  }

  @Test
  void fileEditedAfterItsMetadataIsDownloadedAgain() throws Exception {
    byte[] weights = DownloadTestHub.bytes(50_000, 5);
    hub.lfsFile("w.bin", weights);
    Path path = downloader.hfHubDownload(REPO, "w.bin", toLocal());
    Files.writeString(path, "edited");
    Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(30)));
    downloader.hfHubDownload(REPO, "w.bin", toLocal());

    assertEquals(2, hub.storageRequests.size());
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void fileAlreadyInTheCacheIsCopiedNotDownloaded() throws Exception {
    byte[] weights = DownloadTestHub.bytes(40_000, 9);
    hub.lfsFile("w.bin", weights);
    downloader.hfHubDownload(REPO, "w.bin", DownloadParams.defaults());
    Path path = downloader.hfHubDownload(REPO, "w.bin", toLocal());

    assertEquals(1, hub.storageRequests.size());
    assertEquals(List.of("HEAD", "HEAD"), methods());
    assertFalse(Files.isSymbolicLink(path));
    assertArrayEquals(weights, Files.readAllBytes(path));
  }

  @Test
  void hubDownKeepsTheExistingLocalFile() throws Exception {
    hub.file("config.json", "{}");
    Path path = downloader.hfHubDownload(REPO, "config.json", toLocal());
    hub.override = r -> new MockResponse.Builder().code(502).build();
    assertEquals(path, downloader.hfHubDownload(REPO, "config.json", toLocal()));
    assertEquals("{}", Files.readString(path));
  }

  @Test
  void interruptedLocalDownloadResumesFromItsIncompleteFile() throws Exception {
    byte[] weights = DownloadTestHub.bytes(80_000, 21);
    hub.lfsFile("deep/w.bin", weights);
    String etag = DownloadTestHub.sha256(weights);
    Path downloadDir = local.resolve(".cache/huggingface/download/deep");
    Files.createDirectories(downloadDir);
    // Python's stem: urlsafe base64 of the sha1 of the metadata file name, then the etag; a failed hf4j attempt
    // parks its partial file as <stem>.resume.incomplete.
    Path incomplete = downloadDir.resolve("ta2qUClYS51B3S05WMIWvIKwddc=." + etag + ".resume.incomplete");
    assertEquals(incomplete.getFileName().toString(), DownloadLocalDir.shortHash("w.bin.metadata") + "." + etag + ".resume.incomplete");
    Files.write(incomplete, java.util.Arrays.copyOf(weights, 30_000));
    // A partial file of another writer (Python's unique name) is never written into, nor removed.
    Path othersPartial = downloadDir.resolve("ta2qUClYS51B3S05WMIWvIKwddc=." + etag + ".0a1b2c3d.incomplete");
    Files.write(othersPartial, new byte[] {1, 2, 3});

    Path path = downloader.hfHubDownload(REPO, "deep/w.bin", toLocal());
    assertEquals("bytes=30000-", hub.storageRequests.get(0).getHeaders().get("Range"));
    assertArrayEquals(weights, Files.readAllBytes(path));
    assertFalse(Files.exists(incomplete));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(othersPartial));
  }
}
