package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads as the Python client makes them (issue 17 item 9): a README.md change is validated by the Hub
 * ({@code /api/validate-yaml}) before anything is uploaded; a leading {@code /} in a path in the repo is dropped.
 */
class UploadFidelityTest {
  private static final RepoId REPO = RepoId.of("testuser/cards");

  @TempDir Path tmp;
  @StartStop final MockWebServer server = new MockWebServer();
  private HubEmulator hub;
  private HubClient client;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, REPO.toString(), false, Map.of());
    client = HubClient.create(EmulatorSupport.config(hub));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private List<String> apiPosts() {
    return hub.requests().stream().filter(r -> r.host() == Host.API && r.method().equals("POST"))
        .map(RecordedRequest::path).toList();
  }

  @Test
  void invalidReadmeMetadataFailsBeforeAnyUpload() {
    Path folder = tmp.resolve("folder");
    EmulatorSupport.write(folder, "README.md", "---\nlicense mit\n---\n# card\n".getBytes(StandardCharsets.UTF_8));
    EmulatorSupport.write(folder, "weights.bin", EmulatorSupport.random(20_000, 1));
    String head = hub.repo(REPO.toString()).head("main");
    hub.clearRequests();
    HfValidationException e = assertThrows(HfValidationException.class, () -> client.uploadFolder(REPO, folder));
    assertTrue(e.getMessage().contains("Invalid metadata in README.md") && e.getMessage().contains("license mit"),
        e.getMessage());
    assertEquals(List.of("/api/validate-yaml"), apiPosts());
    assertEquals(head, hub.repo(REPO.toString()).head("main"));
  }

  @Test
  void validReadmeIsValidatedFirstThenCommitted() {
    hub.clearRequests();
    client.createCommit(REPO, List.of(
        CommitOperation.add("/README.md", "---\nlicense: mit\n---\n# card\n".getBytes(StandardCharsets.UTF_8)),
        CommitOperation.add("/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8))), "card");
    List<String> posts = apiPosts();
    assertEquals("/api/validate-yaml", posts.get(0));
    assertTrue(posts.get(posts.size() - 1).endsWith("/commit/main"), posts.toString());
    assertTrue(hub.repo(REPO.toString()).files("main").containsKey("README.md"));
    assertTrue(hub.repo(REPO.toString()).files("main").containsKey("docs/a.txt"), "leading '/' dropped as in Python");

    hub.clearRequests();
    client.createCommit(REPO, List.of(CommitOperation.add("docs/b.txt", new byte[] {1})), "no card");
    assertFalse(apiPosts().contains("/api/validate-yaml"), "no README.md, no validation");
  }

  @Test
  void aGitignoreOverOneMebibyteIsNotSentToPreupload() throws Exception {
    Routes routes = new Routes();
    server.setDispatcher(routes);
    routes.on("POST /api/models/acme/model/preupload/main", MockHub.json(
        "{\"files\":[{\"path\":\".gitignore\",\"uploadMode\":\"regular\",\"shouldIgnore\":false},"
            + "{\"path\":\"a.txt\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}]}"));
    routes.on("POST /api/models/acme/model/commit/main", MockHub.json(
        "{\"commitOid\":\"d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2\",\"commitUrl\":\"x\"}"));
    MockHub mock = new MockHub(server, tmp.resolve("home"));
    byte[] big = ("*.tmp\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8);
    assertTrue(big.length > 1024 * 1024);
    mock.hub.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add(".gitignore", big),
        CommitOperation.add("a.txt", new byte[] {1})), "big ignore file",
        CreateCommitParams.builder().parentCommit("c52ce5e45984b9378ef6247fe7a45ed72b096b24").build());
    String preupload = routes.matching("POST", "/api/models/acme/model/preupload/main").get(0).getBody().utf8();
    assertFalse(preupload.contains("gitIgnore"), "a .gitignore over 1 MiB is not sent");
    assertEquals(1, routes.matching("POST", "/api/models/acme/model/commit/main").size());
  }
}
