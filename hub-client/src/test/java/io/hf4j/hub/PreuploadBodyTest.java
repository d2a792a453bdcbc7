package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hf4j.core.RepoId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preupload body written through the streaming writer is byte for byte the one the equivalent maps give. */
class PreuploadBodyTest {
  private static final String HEAD = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";
  private static final String NEW = "d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2";
  /** Characters the JSON writer escapes, and some it does not. */
  private static final String TRICKY = "q\"b\\s\t\u0001\u001f</script>&'\u2028\u2029é€😀";

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  Routes hub;
  MockHub mock;

  @BeforeEach
  void setUp() throws Exception {
    mock = MockHub.routed(server, dir);
    hub = mock.routes;
  }

  /** The body as it was built before: maps serialized by the shared JSON adapter. */
  private static byte[] asMaps(List<UploadItem> items, String gitIgnore) throws Exception {
    List<Object> files = new ArrayList<>();
    for (UploadItem item : items) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", item.path);
      f.put("sample", Base64.getEncoder().encodeToString(item.sample()));
      f.put("size", item.size);
      files.add(f);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("files", files);
    if (gitIgnore != null) body.put("gitIgnore", gitIgnore);
    return JsonObject.write(body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sample(UploadItem item) {
    try {
      return item.sample();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void sameBytesAsTheMapsForEveryKindOfPathSampleAndGitIgnore() throws Exception {
    Random random = new Random(5);
    byte[] big = new byte[70_000];
    random.nextBytes(big);
    List<UploadItem> items = List.of(
        UploadItem.ofBytes("plain.txt", "hello".getBytes(StandardCharsets.UTF_8)),
        UploadItem.ofBytes("dir/" + TRICKY + ".bin", big),
        UploadItem.ofBytes("empty", new byte[0]),
        UploadItem.ofBytes("exactly-512", Arrays.copyOf(big, 512)),
        UploadItem.ofBytes("x".repeat(300) + "/" + TRICKY, TRICKY.getBytes(StandardCharsets.UTF_8)),
        UploadItem.ofBytes("lone \ud83d and \ude00 surrogates", new byte[] {1, 2, 3}));
    for (String gitIgnore : new String[] {null, "", "*.log\n" + TRICKY + "\n", "lone \ud83d\n"}) {
      assertArrayEquals(asMaps(items, gitIgnore), PreuploadBody.json(items, PreuploadBodyTest::sample, gitIgnore),
          "gitIgnore " + gitIgnore);
    }
    assertArrayEquals(asMaps(List.of(), null), PreuploadBody.json(List.of(), PreuploadBodyTest::sample, null));
  }

  @Test
  void theWireCarriesThoseBytesWithTheSameHeaders() throws Exception {
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve(".gitignore"), "*.tmp\n# " + TRICKY + "\n");
    Files.writeString(folder.resolve("sub/\"quoted\" é€.txt"), "text " + TRICKY);
    Files.write(folder.resolve("empty.txt"), new byte[0]);
    Files.writeString(folder.resolve("long.txt"), "y".repeat(5000));
    String base = "/api/models/user/repo";
    hub.on("POST " + base + "/preupload/main", req -> {
      Map<String, Object> sent = TestJson.object(req.getBody().utf8());
      List<Object> files = new ArrayList<>();
      for (Object o : (List<?>) sent.get("files")) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("path", ((Map<?, ?>) o).get("path"));
        f.put("uploadMode", "regular");
        f.put("shouldIgnore", false);
        files.add(f);
      }
      return MockHub.json(TestJson.write(Map.of("files", files, "commitOid", HEAD)));
    });
    hub.on("POST " + base + "/commit/main", MockHub.json("{\"success\":true,\"commitOid\":\"" + NEW
        + "\",\"commitUrl\":\"" + mock.endpoint() + "/user/repo/commit/" + NEW + "\",\"hookOutput\":\"\"}"));

    mock.hub.uploadFolder(RepoId.of("user/repo"), folder);

    RecordedRequest pre = hub.requests.get(0);
    assertEquals("POST " + base + "/preupload/main", pre.getMethod() + " " + pre.getUrl().encodedPath());
    byte[] sent = pre.getBody().toByteArray();
    // The same files in the order they were sent, read from disk: the body the maps gave.
    List<UploadItem> items = new ArrayList<>();
    for (Object o : (List<?>) TestJson.object(pre.getBody().utf8()).get("files")) {
      String path = (String) ((Map<?, ?>) o).get("path");
      Path file = folder.resolve(path);
      items.add(UploadItem.ofFile(path, file, Files.size(file)));
    }
    assertEquals(4, items.size());
    assertArrayEquals(asMaps(items, Files.readString(folder.resolve(".gitignore"))), sent);
    assertEquals(HubApi.JSON.toString(), pre.getHeaders().get("Content-Type"));
    assertEquals(String.valueOf(sent.length), pre.getHeaders().get("Content-Length"));
    assertEquals("Bearer " + MockHub.TOKEN, pre.getHeaders().get("Authorization"));
  }
}
