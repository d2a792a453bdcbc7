package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile server's tree listing (issue 18 items 1 and 6): oids, lfs oids and paths are validated before they touch
 * the file system; nothing is written outside the cache or the local folder, not even a lock file, and a localDir
 * download never writes into a {@code .git} folder.
 */
class HostileTreeTest {
  private static final RepoId REPO = RepoId.of("acme/demo");
  private static final String C = DownloadTestHub.COMMIT;

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private Path cache;
  private Path victim;
  private final byte[] payload = "pwned by the server".getBytes(StandardCharsets.UTF_8);

  @BeforeEach
  void start() throws Exception {
    hub.start();
    cache = tmp.resolve("cache");
    victim = tmp.resolve("victim.txt");
    Files.writeString(victim, "original");
    hub.file("model.bin", new String(payload, StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader() {
    return new Downloader(HfHttp.of(hub.config(cache).build()));
  }

  /** Answers the tree listing with one entry of the given JSON fields. */
  private void listing(String entryJson) {
    hub.override = r -> r.getUrl().encodedPath().contains("/tree/")
        ? new MockResponse.Builder().setHeader("Content-Type", "application/json").body("[" + entryJson + "]").build()
        : null;
  }

  private void assertNothingWrittenOutside(Path root) throws Exception {
    assertEquals("original", Files.readString(victim));
    try (Stream<Path> all = Files.walk(tmp)) {
      List<Path> stray = all.filter(p -> !p.startsWith(root) && !p.equals(victim) && !p.equals(tmp)
          && !p.startsWith(tmp.resolve("checkout")) && !p.startsWith(tmp.resolve("outside"))).toList();
      assertEquals(List.of(), stray, "files outside " + root);
    }
    try (Stream<Path> all = Files.walk(tmp)) {
      assertEquals(List.of(), all.filter(p -> Files.isSymbolicLink(p) && !resolvesUnder(p, root)).toList(),
          "links leading outside " + root);
    }
  }

  private static boolean resolvesUnder(Path link, Path root) {
    try {
      return link.toRealPath().startsWith(root.toRealPath());
    } catch (java.io.IOException e) {
      return false;
    }
  }

  @Test
  void anAbsoluteOidIsRefusedAndNothingIsWritten() throws Exception {
    listing("{\"type\":\"file\",\"path\":\"model.bin\",\"size\":" + payload.length + ",\"oid\":\"" + victim + "\"}");
    HfException e = assertThrows(FileMetadataException.class, () -> downloader().snapshotDownload(REPO,
        SnapshotDownloadParams.builder().revision(C).build()));
    assertTrue(e.getMessage().contains("model.bin") && e.getMessage().contains("not a git object id"), e.getMessage());
    assertNothingWrittenOutside(cache);
    assertFalse(Files.exists(cache.resolve(".locks")), "no lock file for a refused name");
    assertTrue(hub.storageRequests.isEmpty());
  }

  @Test
  void aRelativeOrSystemFileLfsOidIsRefused() throws Exception {
    for (String oid : List.of("../../../../victim.txt", "/etc/passwd", "..", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85/")) {
      listing("{\"type\":\"file\",\"path\":\"model.bin\",\"size\":20,\"oid\":\"" + DownloadTestHub.gitBlobSha1(payload)
          + "\",\"lfs\":{\"oid\":\"" + oid + "\",\"size\":20}}");
      assertThrows(FileMetadataException.class, () -> downloader().snapshotDownload(REPO,
          SnapshotDownloadParams.builder().revision(C).build()), oid);
      assertNothingWrittenOutside(cache);
    }
  }

  @Test
  void aHostileCachedListingIsIgnoredNotUsed() throws Exception {
    Path trees = cache.resolve("models--acme--demo/trees");
    Files.createDirectories(trees);
    Files.writeString(trees.resolve(C + ".json"), "{\"format_version\":1,\"files\":{\"model.bin\":{\"size\":19,"
        + "\"blob_id\":\"../../../../victim.txt\"}}}");
    Path snapshot = downloader().snapshotDownload(REPO, SnapshotDownloadParams.builder().revision(C).build());
    assertArrayEquals(payload, Files.readAllBytes(snapshot.resolve("model.bin")));
    assertNothingWrittenOutside(cache);
  }

  @Test
  void aHostileHeadEtagIsRefused() throws Exception {
    hub.override = r -> r.getMethod().equals("HEAD")
        ? new MockResponse.Builder().setHeader("X-Repo-Commit", C).setHeader("ETag", "\"../../../victim.txt\"")
            .setHeader("Content-Length", payload.length).build()
        : null;
    HfException e = assertThrows(HfException.class, () -> downloader().hfHubDownload(REPO, "model.bin", DownloadParams.defaults()));
    assertTrue(e instanceof FileMetadataException || e.getCause() instanceof FileMetadataException, e.toString());
    hub.override = r -> r.getMethod().equals("HEAD")
        ? new MockResponse.Builder().setHeader("X-Repo-Commit", "../../x").setHeader("ETag", "\"abc\"")
            .setHeader("Content-Length", payload.length).build()
        : null;
    e = assertThrows(HfException.class, () -> downloader().hfHubDownload(REPO, "model.bin", DownloadParams.defaults()));
    assertTrue(e instanceof FileMetadataException || e.getCause() instanceof FileMetadataException, e.toString());
    assertNothingWrittenOutside(cache);
  }

  @Test
  void localDirDownloadsNeverWriteIntoDotGit() throws Exception {
    Path checkout = tmp.resolve("checkout");
    Files.createDirectories(checkout.resolve(".git"));
    Files.writeString(checkout.resolve(".git/config"), "[core]\n");
    hub.file(".git/config", "[core]\n\tfsmonitor = touch /tmp/owned\n");
    hub.file("sub/.GIT/hooks/post-checkout", "#!/bin/sh\n");

    HfValidationException e = assertThrows(HfValidationException.class, () -> downloader().snapshotDownload(REPO,
        SnapshotDownloadParams.builder().localDir(checkout).build()));
    assertTrue(e.getMessage().contains(".git"), e.getMessage());
    assertEquals("[core]\n", Files.readString(checkout.resolve(".git/config")));
    assertFalse(Files.exists(checkout.resolve("model.bin")), "nothing is downloaded when one path is refused");

    assertThrows(HfValidationException.class, () -> downloader().hfHubDownload(REPO, ".git/config",
        DownloadParams.builder().localDir(checkout).build()));
    assertThrows(HfValidationException.class, () -> downloader().hfHubDownload(REPO, "config",
        DownloadParams.builder().localDir(checkout).subfolder(".git").build()));
    assertEquals("[core]\n", Files.readString(checkout.resolve(".git/config")));
    assertTrue(hub.storageRequests.isEmpty());
    assertTrue(hub.hubRequests.stream().noneMatch(r -> r.getMethod().equals("HEAD")));
  }

  @Test
  void aFolderLinkedOutsideTheLocalDirIsNotFollowed() throws Exception {
    Path checkout = tmp.resolve("checkout");
    Path outside = tmp.resolve("outside");
    Files.createDirectories(checkout);
    Files.createDirectories(outside);
    Files.createSymbolicLink(checkout.resolve("sub"), outside);
    hub.file("sub/evil.txt", "evil");

    assertThrows(HfValidationException.class, () -> downloader().hfHubDownload(REPO, "sub/evil.txt",
        DownloadParams.builder().localDir(checkout).build()));
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(List.of(), s.toList());
    }
  }
}
