package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.spi.HubError;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A renamed repo answers its old name with a relative 307 on every route, like the Hub. */
class RepoRenameTest {
  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void oldNameRedirectsRelativelyOnGetHeadAndPost() {
    hub.repos().create(RepoType.MODEL, "testuser/old", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/old", "main", "add", Map.of("a.txt", utf8("hello")), Set.of());
    hub.renameRepo(RepoType.MODEL, "testuser/old", "testorg/new");

    TestHttp.Reply info = http.get("/api/models/testuser/old/revision/main?expand=sha", WRITE);
    assertEquals(307, info.code());
    assertEquals("/api/models/testorg/new/revision/main?expand=sha", info.header("Location"));

    TestHttp.Reply head = http.head("/testuser/old/resolve/main/a.txt", null);
    assertEquals(307, head.code());
    assertEquals("/testorg/new/resolve/main/a.txt", head.header("Location"));

    TestHttp.Reply commit = http.post("/api/models/testuser/old/commit/main", WRITE, TestHttp.NDJSON,
        "{\"key\":\"header\",\"value\":{\"summary\":\"x\"}}\n");
    assertEquals(307, commit.code());
    assertEquals("/api/models/testorg/new/commit/main", commit.header("Location"));

    TestHttp.Reply lfs = http.post("/testuser/old.git/info/lfs/objects/batch", WRITE, TestHttp.LFS, "{}");
    assertEquals("/testorg/new.git/info/lfs/objects/batch", lfs.header("Location"));
    assertEquals(200, http.get("/api/models/testorg/new", null).code());
    assertEquals(200, http.get("/testorg/new/resolve/main/a.txt", null).code());
  }

  @Test
  void datasetAndChainedRenamesAndRecreation() {
    hub.repos().create(RepoType.DATASET, "testuser/a", false, Map.of());
    hub.renameRepo(RepoType.DATASET, "testuser/a", "testuser/b");
    hub.renameRepo(RepoType.DATASET, "testuser/b", "testuser/c");
    assertEquals("/datasets/testuser/c/resolve/main/.gitattributes",
        http.get("/datasets/testuser/a/resolve/main/.gitattributes", null).header("Location"));
    assertEquals("/api/datasets/testuser/c", http.get("/api/datasets/testuser/b", null).header("Location"));
    // a model of the same name is a different repo
    assertEquals(401, http.get("/api/models/testuser/a", null).code());

    hub.repos().create(RepoType.DATASET, "testuser/a", false, Map.of());
    assertEquals(200, http.get("/api/datasets/testuser/a", null).code());
    assertThrows(HubError.class, () -> hub.renameRepo(RepoType.DATASET, "testuser/missing", "testuser/z"));
    assertNotNull(hub.findRepo(RepoType.DATASET, "testuser/c"));
  }
}
