package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code absoluteResolveRedirects(true)} the emulator answers resolve by a branch with an absolute same-host
 * 307 (issue 17): hf4j's downloads and metadata calls and the official Python client (with and without Xet)
 * follow it and end with the same bytes.
 */
class AbsoluteResolveRedirectTest {
  private static final String MODEL = "testuser/moved-files";
  private static final String DATASET = "testuser/moved-data";
  private static final String TEXT = "{\"hidden_size\": 8}\n";

  @TempDir Path tmp;
  private HubEmulator hub;
  private final byte[] weights = new byte[300_000];

  @BeforeEach
  void start() {
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (byte) (i * 31 + (i >> 9));
    }
    hub = HubEmulator.builder().lfsThreshold(1024).absoluteResolveRedirects(true).build().start();
    Map<String, byte[]> files = Map.of("config.json", TEXT.getBytes(StandardCharsets.UTF_8),
        "sub/weights.bin", weights);
    hub.repos().create(RepoType.MODEL, MODEL, false, Map.of());
    hub.repos().commit(RepoType.MODEL, MODEL, "main", "add", files, Set.of());
    hub.repos().create(RepoType.DATASET, DATASET, false, Map.of());
    hub.repos().commit(RepoType.DATASET, DATASET, "main", "add", files, Set.of());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private List<RecordedRequest> absoluteRedirects(String method) {
    return hub.requests().stream().filter(r -> r.host() == Host.API && r.status() == 307
        && r.method().equals(method) && r.path().contains("/resolve/main/")).toList();
  }

  @Test
  void resolveByBranchAnswersAnAbsoluteSameHostRedirect() throws Exception {
    String commit = hub.repo(MODEL).head("main");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    for (String prefix : List.of("", "/datasets")) {
      String repo = prefix.isEmpty() ? MODEL : DATASET;
      String sha = prefix.isEmpty() ? commit : hub.repo(RepoType.DATASET, DATASET).head("main");
      for (String method : List.of("GET", "HEAD")) {
        java.net.http.HttpResponse<Void> r = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hub.url() + prefix + "/" + repo + "/resolve/main/sub/weights.bin"))
            .method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(307, r.statusCode(), method + " " + prefix);
        assertEquals(hub.url() + prefix + "/" + repo + "/resolve/" + sha + "/sub/weights.bin",
            r.headers().firstValue("Location").orElseThrow());
        assertEquals(sha, r.headers().firstValue("X-Repo-Commit").orElseThrow());
      }
    }
  }

  @Test
  void hf4jDownloadsAndReadsMetadataThroughTheRedirect() throws Exception {
    HubClient client = HubClient.create(hub.hfConfigBuilder().hubCache(tmp.resolve("cache")).build());
    RepoId model = RepoId.of(MODEL);
    String commit = hub.repo(MODEL).head("main");

    assertEquals(TEXT, Files.readString(client.hfHubDownload(model, "config.json")));
    assertArrayEquals(weights, Files.readAllBytes(client.hfHubDownload(model, "sub/weights.bin")));
    assertFalse(absoluteRedirects("HEAD").isEmpty(), hub.requests().toString());

    FileMetadata meta = client.getHfFileMetadata(model, "sub/weights.bin");
    assertEquals(commit, meta.commitHash());
    assertEquals(weights.length, meta.size());
    assertEquals(sha256(weights), meta.etag());
    FileMetadata text = client.getHfFileMetadata(model, "config.json");
    assertEquals(TEXT.getBytes(StandardCharsets.UTF_8).length, text.size());
    assertTrue(client.fileExists(model, "config.json"));
    assertFalse(client.fileExists(model, "missing.json"));

    Path snapshot = client.snapshotDownload(model,
        SnapshotDownloadParams.builder().cacheDir(tmp.resolve("snap")).build());
    assertEquals(TEXT, Files.readString(snapshot.resolve("config.json")));
    assertArrayEquals(weights, Files.readAllBytes(snapshot.resolve("sub/weights.bin")));

    hub.clearRequests();
    Path data = client.hfHubDownload(RepoId.dataset(DATASET), "sub/weights.bin",
        DownloadParams.builder().cacheDir(tmp.resolve("data")).build());
    assertArrayEquals(weights, Files.readAllBytes(data));
    assertFalse(absoluteRedirects("HEAD").isEmpty(), hub.requests().toString());
  }

  @Test
  void pythonClientDownloadsTheSameBytesWithAndWithoutXet() throws Exception {
    String script = String.join("\n",
        "import sys",
        "from huggingface_hub import hf_hub_download",
        "for f in ('config.json', 'sub/weights.bin'):",
        "    p = hf_hub_download(sys.argv[1], f, cache_dir=sys.argv[2], repo_type=sys.argv[3])",
        "    sys.stdout.write(f + ' ' + __import__('hashlib').sha256(open(p, 'rb').read()).hexdigest() + '\\n')",
        "");
    String expected = "config.json " + sha256(TEXT.getBytes(StandardCharsets.UTF_8)) + "\n"
        + "sub/weights.bin " + sha256(weights) + "\n";
    int run = 0;
    for (Map<String, String> xet : List.of(Map.of("HF_HUB_DISABLE_XET", "1"), Map.<String, String>of())) {
      for (String[] repo : List.of(new String[] {MODEL, "model"}, new String[] {DATASET, "dataset"})) {
        hub.clearRequests();
        Map<String, String> env = new java.util.HashMap<>(xet);
        env.put("HF_ENDPOINT", hub.url());
        env.put("HF_TOKEN", hub.writeToken());
        PythonPeer.Result r = PythonPeer.run(tmp.resolve("py" + run), Duration.ofSeconds(120), env, script,
            repo[0], tmp.resolve("pycache" + run).toString(), repo[1]).assertSuccess();
        run++;
        assertEquals(expected, r.stdout(), r.stderr());
        assertEquals(2, absoluteRedirects("HEAD").size(), hub.requests().toString());
      }
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
