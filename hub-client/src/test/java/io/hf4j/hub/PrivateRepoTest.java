package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An anonymous request for a private repo gets the Hub's bare 401 (no {@code X-Error-*} header): hf4j maps it to
 * "repository not found" as the Python client does, so {@code repoExists}/{@code fileExists} answer false (issue 17
 * item 5). A bad token stays an authentication error.
 */
class PrivateRepoTest {
  private static final RepoId SECRET = RepoId.of("testuser/secret");

  @TempDir Path tmp;
  private HubEmulator hub;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, SECRET.toString(), true, Map.of());
    hub.repos().commit(RepoType.MODEL, SECRET.toString(), "main", "add", Map.of("a.txt", "x".getBytes(StandardCharsets.UTF_8)),
        Set.of());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private HubClient anonymous() {
    return HubClient.create(HfConfig.builder().endpoint(hub.url()).hfHome(tmp.resolve("home")).maxRetries(0).build());
  }

  @Test
  void anonymousAccessToAPrivateRepoIsNotFound() {
    HubClient c = anonymous();
    assertFalse(c.repoExists(SECRET));
    assertFalse(c.fileExists(SECRET, "a.txt"));
    assertThrows(RepositoryNotFoundException.class, () -> c.repoInfo(SECRET));
    assertThrows(RepositoryNotFoundException.class, () -> c.hfHubDownload(SECRET, "a.txt",
        DownloadParams.builder().cacheDir(tmp.resolve("cache")).build()));
    assertTrue(HubClient.create(hub.hfConfig()).repoExists(SECRET));

    HubClient badToken = HubClient.create(HfConfig.builder().endpoint(hub.url()).token("hf_not_a_valid_token")
        .hfHome(tmp.resolve("home2")).maxRetries(0).build());
    assertThrows(AuthenticationException.class, () -> badToken.repoExists(SECRET));
  }

  @Test
  void thePythonClientGetsTheSameBare401() {
    // Python maps it to RepositoryNotFoundError only on https URLs (its REPO_API_REGEX); over the emulator's plain
    // http it sees the raw answer, which is what is compared here: status, message, no X-Error-* header.
    String script = String.join("\n",
        "from huggingface_hub import HfApi",
        "from huggingface_hub.errors import HfHubHTTPError",
        "api = HfApi(token=False)",
        "try:",
        "    api.repo_info('testuser/secret')",
        "except HfHubHTTPError as e:",
        "    r = e.response",
        "    print(r.status_code, r.headers.get('X-Error-Code'), r.headers.get('X-Error-Message'), e.server_message.strip())",
        "");
    PythonPeer.Result r = PythonPeer.run(tmp.resolve("py"), Duration.ofSeconds(120), Map.of("HF_ENDPOINT", hub.url()),
        script).assertSuccess();
    assertEquals("401 None None Invalid username or password.", r.stdout().strip());
  }
}
