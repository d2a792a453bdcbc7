package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLayoutTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;

  @Test
  void folderNamesMatchPython() {
    assertEquals("models--julien-c--EsperBERTo-small", CacheLayout.folderName(RepoId.of("julien-c/EsperBERTo-small")));
    assertEquals("datasets--acme--data", CacheLayout.folderName(RepoId.dataset("acme/data")));
    assertEquals("spaces--acme--app", CacheLayout.folderName(RepoId.space("acme/app")));
    assertEquals("models--gpt2", CacheLayout.folderName(RepoId.of("gpt2")));
  }

  @Test
  void layoutPaths() {
    CacheLayout c = CacheLayout.of(tmp, RepoId.of("acme/demo"));
    Path s = tmp.resolve("models--acme--demo");
    assertEquals(s.resolve("blobs/abc"), c.blob("abc"));
    assertEquals(s.resolve("blobs/abc.resume.incomplete"), c.incompleteBlob("abc"));
    assertEquals(s.resolve("snapshots/" + COMMIT + "/a/b.txt"), c.pointer(COMMIT, "a/b.txt"));
    assertEquals(s.resolve(".no_exist/" + COMMIT + "/a/b.txt"), c.noExist(COMMIT, "a/b.txt"));
    assertEquals(tmp.resolve(".locks/models--acme--demo/abc.lock"), c.lock("abc"));
    assertEquals(s.resolve("refs/refs/pr/3"), c.ref("refs/pr/3"));
  }

  @Test
  void refsAreWrittenWithoutNewlineAndReadBack() throws Exception {
    CacheLayout c = CacheLayout.of(tmp, RepoId.of("acme/demo"));
    assertNull(c.readRef("main"));
    c.writeRef("main", COMMIT);
    assertEquals(COMMIT, Files.readString(c.ref("main")));
    assertEquals(COMMIT, c.readRef("main"));
    c.writeRef(COMMIT, COMMIT);
    assertFalse(Files.exists(c.ref(COMMIT)), "a commit is not recorded as a ref to itself");
    Files.writeString(c.ref("main"), COMMIT + "\n");
    assertEquals(COMMIT, c.readRef("main"), "a ref written by hand with a newline still reads");
    try (Stream<Path> files = Files.list(c.ref("main").getParent())) {
      assertEquals(List.of("main"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
    }
  }

  @Test
  void symlinksAreRelativeAndCopiesKeepASharedBlob() throws Exception {
    CacheLayout c = CacheLayout.of(tmp, RepoId.of("acme/demo"));
    Path blob = c.blob("e1");
    Files.createDirectories(blob.getParent());
    Files.writeString(blob, "content");
    Path nested = c.pointer(COMMIT, "a/b/c.txt");
    CacheLayout.link(blob, nested, true, false);
    assertEquals(Paths.get("../../../../blobs/e1"), Files.readSymbolicLink(nested));
    assertEquals("content", Files.readString(nested));

    CacheLayout.link(blob, nested, false, false);
    assertTrue(Files.isSymbolicLink(nested), "linking twice replaces the link");

    Path copy = c.pointer(COMMIT, "copy.txt");
    CacheLayout.link(blob, copy, false, true);
    assertFalse(Files.isSymbolicLink(copy));
    assertEquals("content", Files.readString(copy));
    assertTrue(Files.exists(blob), "a blob other snapshots may use is copied, not moved");
  }

  @Test
  void relativePathRules() {
    for (String ok : List.of("a.txt", "dir/a.txt", "dir/sub dir/ü.bin", ".gitattributes", "a..b/c", "x/.../y")) {
      assertDoesNotThrow(() -> CacheLayout.checkRelativePath(ok), ok);
    }
    for (String bad : List.of("", "..", "../a", "a/../b", "a/..", "/abs", "\\\\server\\share", "C:\\x", "d/D:foo", "a\\..\\b")) {
      assertThrows(HfValidationException.class, () -> CacheLayout.checkRelativePath(bad), bad);
    }
    assertThrows(HfValidationException.class, () -> CacheLayout.checkRevision("../../etc"));
    assertDoesNotThrow(() -> CacheLayout.checkRevision("refs/pr/1"));
  }

  @Test
  void etagsThatCouldEscapeTheBlobsFolderAreRefused() {
    assertTrue(CacheLayout.isSafeEtag("d7edf6bd2a681fb0175f7735299831ee1b22b812"));
    assertTrue(CacheLayout.isSafeEtag("403450e234d65943a7dcf7e05a771ce3c92faa84dd07db4ac20f592037a1e4bd"));
    for (String bad : List.of("", "..", "../x", "a/b", "a\\b", ".hidden")) {
      assertFalse(CacheLayout.isSafeEtag(bad), bad);
    }
  }

  @Test
  void commitHashesAreFortyLowercaseHex() {
    assertTrue(CacheLayout.isCommitHash(COMMIT));
    assertFalse(CacheLayout.isCommitHash("main"));
    assertFalse(CacheLayout.isCommitHash(COMMIT.toUpperCase(java.util.Locale.ROOT)));
    assertFalse(CacheLayout.isCommitHash(COMMIT.substring(1)));
  }
}
