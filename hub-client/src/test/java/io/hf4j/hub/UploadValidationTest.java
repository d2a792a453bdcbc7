package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input fails with a clear HfValidationException before anything is sent. */
class UploadValidationTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  HubClient hub;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(dir.resolve("home"));
    hub = new MockHub(server, dir.resolve("home")).hub;
  }

  @AfterEach
  void nothingWasSent() {
    assertEquals(0, server.getRequestCount(), "bad input must be refused before any request");
  }

  private HfValidationException refused(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(HfValidationException.class, call);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x.txt", "a/../b.txt", "..", ".", "//abs/x.txt", "/", "C:/x.txt", "a\\b.txt", ".git/config",
      "sub/.git/HEAD", "a/.cache/x", "a//b.txt", "dir/", "", "a/./b"})
  void pathsTheHubRefusesAreRejected(String path) {
    HfValidationException e = refused(() -> CommitOperation.add(path, new byte[] {1}));
    assertTrue(e.getMessage().contains(path.isEmpty() ? "empty" : path), e.getMessage());
  }

  @Test
  void aLeadingSlashIsDroppedAsInPython() {
    assertEquals("abs/x.txt", CommitOperation.add("/abs/x.txt", new byte[0]).pathInRepo());
    assertEquals("logs/", CommitOperation.delete("/logs/").pathInRepo());
  }

  @Test
  void aLeadingDotSlashIsDroppedAsInPython() {
    assertEquals("a/b.txt", CommitOperation.add("./a/b.txt", new byte[0]).pathInRepo());
    assertEquals("logs/", CommitOperation.delete("logs/").pathInRepo());
    assertTrue(CommitOperation.delete("logs/").isFolder());
  }

  @Test
  void aMissingFileIsRefused() {
    HfValidationException e = refused(() -> hub.uploadFile(RepoId.of("acme/model"), dir.resolve("nope.bin"), "nope.bin"));
    assertTrue(e.getMessage().contains("File not found"), e.getMessage());
  }

  @Test
  void aFolderIsNotAFile() {
    refused(() -> hub.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("x", dir)), "t"));
  }

  @Test
  void aMissingFolderIsRefused() {
    HfValidationException e = refused(() -> hub.uploadFolder(RepoId.of("acme/model"), dir.resolve("missing")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void aSymlinkLoopIsRefused() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("loop/sub"));
    Files.writeString(folder.resolve("a.txt"), "a");
    Files.createSymbolicLink(folder.resolve("back"), dir.resolve("loop"));
    HfValidationException e = refused(() -> hub.uploadFolder(RepoId.of("acme/model"), dir.resolve("loop")));
    assertTrue(e.getMessage().contains("Symbolic link loop"), e.getMessage());
  }

  @Test
  void aBrokenSymlinkIsRefusedAsUnreadable() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(folder.resolve("a.txt"), "a");
    Files.createSymbolicLink(folder.resolve("gone.bin"), dir.resolve("does-not-exist"));
    HfValidationException e = refused(() -> hub.uploadFolder(RepoId.of("acme/model"), folder));
    assertTrue(e.getMessage().contains("Broken symbolic link"), e.getMessage());
    refused(() -> hub.uploadFile(RepoId.of("acme/model"), folder.resolve("gone.bin"), "gone.bin"));
  }

  @Test
  void symlinkedFilesAndInsideFoldersAreFollowedButNotFoldersOutside() throws Exception {
    Path target = Files.createDirectories(dir.resolve("target"));
    Files.writeString(target.resolve("t.txt"), "t");
    Files.writeString(target.resolve("secret.key"), "outside");
    Path folder = Files.createDirectories(dir.resolve("linked"));
    Files.writeString(Files.createDirectories(folder.resolve("real")).resolve("r.txt"), "r");
    Files.createSymbolicLink(folder.resolve("dir"), target);
    Files.createSymbolicLink(folder.resolve("nested"), Files.createDirectories(folder.resolve("real/sub")).getParent());
    Files.createSymbolicLink(folder.resolve("up"), dir);
    Files.createSymbolicLink(folder.resolve("file.txt"), target.resolve("t.txt"));
    List<UploadItem> items = FolderScanner.scan(folder, "", FilePatterns.all());
    assertEquals(List.of("file.txt", "nested/r.txt", "real/r.txt"), items.stream().map(i -> i.path).toList());
  }

  @Test
  void defaultIgnoresAndPatternsFilterAndPrefix() throws Exception {
    Path folder = dir.resolve("f");
    for (String rel : List.of("a.txt", "b/c.json", "b/d.txt", ".git/HEAD", "x/.git/y", ".cache/huggingface/z", "b-c/e.txt")) {
      EmulatorSupport.write(folder, rel, rel.getBytes(StandardCharsets.UTF_8));
    }
    List<String> ignore = new java.util.ArrayList<>(List.of("*.json"));
    ignore.addAll(UploadFolderParams.DEFAULT_IGNORE_PATTERNS);
    List<UploadItem> items = FolderScanner.scan(folder, "data/", FilePatterns.of(List.of(), ignore));
    assertEquals(List.of("data/a.txt", "data/b/d.txt", "data/b-c/e.txt"), items.stream().map(i -> i.path).toList(),
        "sorted part by part as Python sorts paths");
  }

  @Test
  void aCacheFolderOtherThanHuggingfaceIsRefusedAsInPython() throws Exception {
    Path folder = dir.resolve("c");
    EmulatorSupport.write(folder, ".cache/other/x", new byte[] {1});
    HfValidationException e = refused(() -> hub.uploadFolder(RepoId.of("acme/model"), folder));
    assertTrue(e.getMessage().contains(".cache"), e.getMessage());
  }

  @Test
  void moreThanTenThousandFilesInOneFolderAreRefused() {
    List<UploadItem> items = new java.util.ArrayList<>();
    for (int i = 0; i <= HubLimits.MAX_ENTRIES_PER_FOLDER; i++) items.add(UploadItem.ofBytes("d/f" + i, new byte[0]));
    HfValidationException e = refused(() -> HubLimits.check(items));
    assertTrue(e.getMessage().contains("'d'") && e.getMessage().contains("10000"), e.getMessage());
    HubLimits.check(items.subList(0, HubLimits.MAX_ENTRIES_PER_FOLDER));
  }

  @Test
  void moreFilesThanARepoHoldsAreRefused() {
    List<UploadItem> items = new java.util.ArrayList<>();
    for (int i = 0; i <= HubLimits.MAX_FILES_PER_REPO; i++) items.add(UploadItem.ofBytes("d" + (i % 100) + "/f" + i, new byte[0]));
    HfValidationException e = refused(() -> HubLimits.check(items));
    assertTrue(e.getMessage().contains("100000"), e.getMessage());
  }

  @Test
  void aFileAboveTheHubsSizeLimitIsRefused() throws Exception {
    Path huge = dir.resolve("huge.bin");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(HubLimits.MAX_FILE_SIZE + 1);
    }
    HfValidationException e = refused(() -> hub.uploadFile(RepoId.of("acme/model"), huge, "huge.bin"));
    assertTrue(e.getMessage().contains("500 GB"), e.getMessage());
  }

  @Test
  void emptyCommitMessageAndBadParentCommitAreRefused() {
    refused(() -> hub.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("a", new byte[0])), " "));
    refused(() -> CreateCommitParams.builder().parentCommit("not-a-sha"));
    refused(() -> CreateRepoParams.builder().visibility("secret"));
    refused(() -> UploadFolderParams.builder().pathInRepo("../up"));
    refused(() -> UploadFileParams.builder().concurrency(0));
    refused(() -> RepoId.of("acme/bad--name"));
  }
}
