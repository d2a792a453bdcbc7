package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.randomBytes;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @Test
  void dataDirectoryKeepsReposAcrossRestarts(@TempDir Path dir) {
    byte[] weights = randomBytes(2000, 3);
    String head;
    try (HubEmulator hub = HubEmulator.builder().dataDir(dir).build().start()) {
      TestHttp http = new TestHttp(hub.url());
      Fixtures.createRepo(http, "model", "kept");
      Fixtures.uploadLfs(http, "/testuser/kept", weights);
      Fixtures.commit(http, "models/testuser/kept", "main", new Fixtures.Commit("c").file("a.txt", utf8("a"))
          .lfsFile("w.bin", weights));
      http.postJson("/api/models/testuser/kept/branch/dev", Fixtures.WRITE, java.util.Map.of());
      head = hub.repo("testuser/kept").head("main");
    }
    assertTrue(Files.exists(dir.resolve("repos/format.json")));
    assertFalse(Files.exists(dir.resolve("state.json")));
    try (HubEmulator hub = HubEmulator.builder().dataDir(dir).build().start()) {
      RepoView repo = hub.repo("testuser/kept");
      assertEquals(head, repo.head("main"));
      assertEquals(head, repo.head("dev"));
      assertArrayEquals(weights, repo.fileBytes("main", "w.bin"));
      assertEquals(List.of("c", "initial commit"), repo.commits("main").stream().map(CommitView::title).toList());
      TestHttp http = new TestHttp(hub.url());
      assertArrayEquals(utf8("a"), http.get("/testuser/kept/resolve/main/a.txt", null).body());
      assertFalse(Fixtures.<java.util.Map<String, Object>>path(
          Fixtures.batch(http, "/testuser/kept", Fixtures.WRITE, weights, "sha256", List.of("basic")).json(), "objects", "0")
          .containsKey("actions"), "uploaded LFS objects are remembered");
    }
  }

  @Test
  void orphanUploadFilesOfAKilledRunAreRemovedAtStart(@TempDir Path dir) throws Exception {
    Path tmp = dir.resolve("blobs/tmp");
    Files.createDirectories(tmp);
    Path orphan = Files.write(tmp.resolve("0b7c-cut-short"), new byte[1024]);
    try (HubEmulator hub = HubEmulator.builder().dataDir(dir).build().start()) {
      assertFalse(Files.exists(orphan), "the orphan of a killed upload is gone: " + hub.storageDirectory());
      assertTrue(Files.isDirectory(tmp));
    }
  }

  @Test
  void inMemoryStorageIsDeletedOnClose() {
    Path storage;
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      storage = hub.storageDirectory();
      Fixtures.createRepo(new TestHttp(hub.url()), "model", "tmp");
      assertTrue(Files.isDirectory(storage));
    }
    assertFalse(Files.exists(storage));
  }
}
