package io.hf4j.hub;

import static io.hf4j.hub.EmulatorSupport.random;
import static io.hf4j.hub.EmulatorSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfIoException;
import io.hf4j.core.RepoId;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.HubEmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The public file hashes: known values, multi-buffer files, and the ids the emulator gives uploaded files. */
class FileHashesTest {
  @RegisterExtension
  static final HubEmulatorExtension HUB = HubEmulatorExtension.configure(b -> b.lfsThreshold(1024));

  @TempDir Path dir;

  @Test
  void knownValuesOfASmallFile() {
    Path f = write(dir, "hello.txt", "hello\n".getBytes(StandardCharsets.US_ASCII));
    // `git hash-object hello.txt` and `sha256sum hello.txt`
    assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", FileHashes.gitBlobSha1(f));
    assertEquals("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", FileHashes.sha256(f));
  }

  @Test
  void emptyFile() {
    Path f = write(dir, "empty", new byte[0]);
    assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", FileHashes.gitBlobSha1(f));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", FileHashes.sha256(f));
  }

  @Test
  void filesLongerThanTheReadBufferHashAsOneStream() throws Exception {
    byte[] content = random((3 << 20) + 12345, 7);
    Path f = write(dir, "big.bin", content);
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), FileHashes.sha256(f));
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    assertEquals(HexFormat.of().formatHex(sha1.digest(content)), FileHashes.gitBlobSha1(f));
  }

  @Test
  void matchTheIdsTheHubGivesUploadedFiles() {
    HubEmulator emulator = HUB.emulator();
    HubClient hub = HubClient.create(EmulatorSupport.config(emulator));
    RepoId repo = RepoId.of(emulator.userName(), "hashes");
    hub.createRepo(repo);
    Path folder = dir.resolve("up");
    Path regular = write(folder, "notes.txt", "some notes\n".getBytes(StandardCharsets.UTF_8));
    Path lfs = write(folder, "weights.bin", random(300_000, 3));
    hub.uploadFolder(repo, folder);

    Map<String, RepoFile> files = hub.listRepoTree(repo).filter(e -> e instanceof RepoFile).map(e -> (RepoFile) e)
        .collect(Collectors.toMap(RepoFile::path, f -> f));
    RepoFile r = files.get("notes.txt");
    assertNull(r.lfs());
    assertEquals(r.blobId(), FileHashes.gitBlobSha1(regular));
    RepoFile l = files.get("weights.bin");
    assertNotNull(l.lfs());
    assertEquals(l.lfs().sha256(), FileHashes.sha256(lfs));
  }

  @Test
  void missingFilesAndFoldersAreTypedErrorsNamingThePath() {
    Path missing = dir.resolve("nope.bin");
    HfIoException e = assertThrows(HfIoException.class, () -> FileHashes.sha256(missing));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such file"), e.getMessage());
    HfIoException d = assertThrows(HfIoException.class, () -> FileHashes.gitBlobSha1(dir));
    assertTrue(d.getMessage().contains(dir.toString()) && d.getMessage().contains("directory"), d.getMessage());
    assertThrows(NullPointerException.class, () -> FileHashes.sha256(null));
  }
}
