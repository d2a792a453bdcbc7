package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator sends text files gzip-encoded to clients that accept it, as the Hub's CDN does: hf4j and the Python
 * client both ask for gzip on the download GET and both end with the exact bytes, checked against the git blob id.
 */
class GzipDownloadTest {
  private static final String REPO = "testuser/texts";

  @TempDir Path tmp;
  private HubEmulator hub;
  private final String text = "{\"vocab\": [" + "\"token\", ".repeat(20_000) + "\"end\"]}\n";

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, REPO, false, Map.of());
    hub.repos().commit(RepoType.MODEL, REPO, "main", "add",
        Map.of("tokenizer.json", text.getBytes(StandardCharsets.UTF_8)), Set.of());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private List<RecordedRequest> gets() {
    return hub.requests().stream().filter(r -> r.host() == Host.API && r.method().equals("GET")
        && r.path().endsWith("/resolve/main/tokenizer.json")).toList();
  }

  @Test
  void hf4jAndPythonDownloadGzipEncodedTextExactly() throws Exception {
    HubClient client = HubClient.create(hub.hfConfigBuilder().hubCache(tmp.resolve("cache")).build());
    Path file = client.hfHubDownload(RepoId.of(REPO), "tokenizer.json");
    assertEquals(text, Files.readString(file));
    assertTrue(gets().get(0).header("Accept-Encoding").contains("gzip"), gets().toString());

    hub.clearRequests();
    String script = String.join("\n",
        "import sys",
        "from huggingface_hub import hf_hub_download",
        "p = hf_hub_download(sys.argv[1], 'tokenizer.json', cache_dir=sys.argv[2])",
        "sys.stdout.write(open(p, encoding='utf-8').read())",
        "");
    PythonPeer.Result r = PythonPeer.run(tmp.resolve("py"), Duration.ofSeconds(120),
        Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken()), script, REPO, tmp.resolve("pycache").toString())
        .assertSuccess();
    assertEquals(text, r.stdout());
    assertTrue(gets().get(0).header("Accept-Encoding").contains("gzip"), gets().toString());
  }
}
