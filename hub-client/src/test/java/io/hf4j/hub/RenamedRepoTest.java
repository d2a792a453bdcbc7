package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renamed repo answers every request on its old name with a relative 307 (issue 17 item 1): hf4j follows it for
 * commits too, re-sending the body built from files, exactly as the Python client does.
 */
class RenamedRepoTest {
  @TempDir Path tmp;
  private HubEmulator hub;
  private HubClient client;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, "testuser/old-name", false, Map.of());
    hub.renameRepo(RepoType.MODEL, "testuser/old-name", "testuser/new-name");
    client = HubClient.create(EmulatorSupport.config(hub));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void commitsUploadsAndDownloadsFollowTheRename() throws Exception {
    RepoId old = RepoId.of("testuser/old-name");
    byte[] weights = EmulatorSupport.random(300_000, 5);
    CommitInfo info = client.createCommit(old, List.of(
        CommitOperation.add("weights.bin", weights),
        CommitOperation.add("notes.txt", "hello".getBytes(StandardCharsets.UTF_8))), "via the old name");
    assertNotNull(info.oid());
    assertEquals(info.oid(), hub.repo("testuser/new-name").head("main"));
    assertArrayEquals(weights, hub.repo("testuser/new-name").files("main").get("weights.bin").bytes());

    Path folder = tmp.resolve("folder");
    EmulatorSupport.write(folder, "a/b.txt", "folder file".getBytes(StandardCharsets.UTF_8));
    client.uploadFolder(old, folder);
    assertEquals("folder file", new String(hub.repo("testuser/new-name").files("main").get("a/b.txt").bytes(),
        StandardCharsets.UTF_8));

    List<RecordedRequest> redirected = hub.requests().stream()
        .filter(r -> r.host() == Host.API && r.status() == 307 && r.method().equals("POST")).toList();
    assertTrue(redirected.stream().anyMatch(r -> r.path().endsWith("/commit/main")), redirected.toString());

    Path file = client.hfHubDownload(old, "notes.txt",
        DownloadParams.builder().cacheDir(tmp.resolve("cache")).build());
    assertEquals("hello", Files.readString(file));
    assertEquals("testuser/new-name", client.repoInfo(old).id());
  }

  @Test
  void aCommitRedirectedToAnotherHostIsNotSent() throws Exception {
    try (MockWebServer hostile = new MockWebServer(); MockWebServer other = new MockWebServer()) {
      other.start();
      String elsewhere = other.url("/api/models/x/y/commit/main").toString();
      hostile.setDispatcher(new mockwebserver3.Dispatcher() {
        @Override
        public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
          if (request.getUrl().encodedPath().contains("/preupload/")) {
            return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"files\":[{\"path\":\"a.txt\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}]}").build();
          }
          return new MockResponse.Builder().code(307).setHeader("Location", elsewhere).build();
        }
      });
      hostile.start();
      HubClient c = HubClient.create(io.hf4j.core.HfConfig.builder().endpoint(hostile.url("/").toString())
          .token("hf_secret_token_value").hfHome(tmp.resolve("home")).maxRetries(0).build());
      io.hf4j.core.HfException e = org.junit.jupiter.api.Assertions.assertThrows(io.hf4j.core.HfException.class,
          () -> c.createCommit(RepoId.of("x/y"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "m",
              CreateCommitParams.builder().parentCommit("0123456789abcdef0123456789abcdef01234567").build()));
      assertTrue(e.getMessage().contains("another host"), e.getMessage());
      assertEquals(0, other.getRequestCount());
      assertTrue(!e.getMessage().contains("hf_secret"), e.getMessage());
    }
  }

  @Test
  void thePythonClientCommitsThroughTheRenameToo() {
    String script = String.join("\n",
        "import sys",
        "from huggingface_hub import HfApi, CommitOperationAdd",
        "api = HfApi()",
        "info = api.create_commit('testuser/old-name', operations=[CommitOperationAdd('py.txt', b'from python')],"
            + " commit_message='python via old name')",
        "print(info.oid)",
        "");
    PythonPeer.Result r = PythonPeer.run(tmp.resolve("py"), Duration.ofSeconds(120),
        Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken()), script).assertSuccess();
    assertEquals(hub.repo("testuser/new-name").head("main"), r.stdout().strip());
    assertEquals("from python", new String(hub.repo("testuser/new-name").files("main").get("py.txt").bytes(),
        StandardCharsets.UTF_8));
    assertTrue(hub.requests().stream().anyMatch(q -> q.status() == 307 && q.method().equals("POST")
        && q.path().equals("/api/models/testuser/old-name/commit/main")));
  }
}
