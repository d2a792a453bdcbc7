package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Download requests as the Python client sends them (issue 17 items 4 and 7): the metadata HEAD follows absolute
 * redirects that stay on the Hub, and every request of a download carries {@code X-HF-Download-Counter: 1}.
 */
class DownloadFidelityTest {
  private static final RepoId REPO = RepoId.of("acme/demo");

  @TempDir Path tmp;
  private final DownloadTestHub hub = new DownloadTestHub();
  private final byte[] weights = DownloadTestHub.bytes(50_000, 3);

  @BeforeEach
  void start() throws Exception {
    hub.start();
    hub.file("config.json", "{\"a\": 1}");
    hub.lfsFile("model.safetensors", weights);
  }

  @AfterEach
  void stop() {
    hub.shutdown();
  }

  private Downloader downloader() {
    return new Downloader(HfHttp.of(hub.config(tmp.resolve("cache")).build()));
  }

  @Test
  void metadataHeadFollowsAnAbsoluteRedirectToTheSameHost() throws Exception {
    byte[] content = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    String moved = hub.hubUrl().newBuilder().encodedPath("/api/resolve-cache/models/acme/demo/" + DownloadTestHub.COMMIT
        + "/config.json").build().toString();
    hub.override = r -> {
      String p = r.getUrl().encodedPath();
      if (p.equals("/acme/demo/resolve/main/config.json")) {
        return new MockResponse.Builder().code(307).setHeader("Location", moved).build();
      }
      if (p.startsWith("/api/resolve-cache/")) {
        return hub.content(r, content, "\"" + DownloadTestHub.gitBlobSha1(content) + "\"");
      }
      return null;
    };
    Path path = downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    assertEquals("{\"a\": 1}", Files.readString(path));
    RecordedRequest second = hub.hubRequests.get(1);
    assertEquals("HEAD", second.getMethod());
    assertTrue(second.getUrl().encodedPath().startsWith("/api/resolve-cache/"), second.getUrl().toString());
    assertEquals("Bearer " + DownloadTestHub.TOKEN, second.getHeaders().get("Authorization"));
    // The redirect to storage (another host) is still not followed by the HEAD: its Location is the download URL.
    downloader().hfHubDownload(REPO, "model.safetensors", DownloadParams.defaults());
    assertTrue(hub.storageRequests.stream().allMatch(r -> r.getMethod().equals("GET")));
  }

  @Test
  void everyRequestOfADownloadIsCountedAsPythonTagsThem() throws Exception {
    downloader().snapshotDownload(REPO, SnapshotDownloadParams.defaults());
    downloader().hfHubDownload(REPO, "config.json", DownloadParams.builder().forceDownload(true).build());
    assertFalse(hub.hubRequests.isEmpty());
    for (RecordedRequest r : hub.hubRequests) {
      assertEquals("1", r.getHeaders().get("X-HF-Download-Counter"), r.getMethod() + " " + r.getTarget());
    }
    assertFalse(hub.storageRequests.isEmpty());
    for (RecordedRequest r : hub.storageRequests) {
      assertEquals("1", r.getHeaders().get("X-HF-Download-Counter"), r.getMethod() + " " + r.getTarget());
      assertNull(r.getHeaders().get("Authorization"));
    }
  }

  @Test
  void metadataHeadDoesNotFollowAnAbsoluteRedirectToAnotherHostWithTheToken() throws Exception {
    byte[] content = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    String sha = DownloadTestHub.sha256(content);
    // A Hub-looking 307 to another host (localhost is not 127.0.0.1, nor a Hub host).
    String elsewhere = hub.storageUrl().newBuilder().addPathSegment("elsewhere").addPathSegment(sha).build().toString();
    hub.override = r -> r.getUrl().encodedPath().equals("/acme/demo/resolve/main/config.json")
        ? new MockResponse.Builder().code(307).setHeader("Location", elsewhere)
            .setHeader("X-Repo-Commit", DownloadTestHub.COMMIT)
            .setHeader("X-Linked-Etag", "\"" + DownloadTestHub.gitBlobSha1(content) + "\"")
            .setHeader("X-Linked-Size", content.length).build()
        : null;
    Path path = downloader().hfHubDownload(REPO, "config.json", DownloadParams.defaults());
    assertEquals("{\"a\": 1}", Files.readString(path));
    assertEquals(1, hub.storageRequests.size(), hub.storageRequests.toString());
    RecordedRequest get = hub.storageRequests.get(0);
    assertEquals("GET", get.getMethod());
    assertEquals("/elsewhere/" + sha, get.getUrl().encodedPath());
    assertNull(get.getHeaders().get("Authorization"));
  }
}
