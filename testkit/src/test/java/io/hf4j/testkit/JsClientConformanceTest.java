package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.Hashes;
import io.hf4j.testkit.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JS client {@code @huggingface/hub} (version pinned in {@code src/test/js/package.json}) runs
 * {@code src/test/js/peer.mjs} against the emulator: whoAmI, createRepo for each repo type, uploads of regular,
 * LFS and multipart-sized files (classic LFS, {@code useXet: false}), a second upload that changes nothing,
 * a listing and downloads. The repo content is then checked byte for byte through the emulator's state.
 */
class JsClientConformanceTest {
  private static final String PINNED_VERSION = "2.17.5";
  private static final int THRESHOLD = 64 * 1024;
  private static final int CHUNK = 32 * 1024;

  private static Path jsDir() {
    Path dir = Path.of("src", "test", "js").toAbsolutePath();
    Path installed = dir.resolve("node_modules").resolve("@huggingface").resolve("hub").resolve("package.json");
    if (!Files.isRegularFile(installed)) {
      fail("The JS client is not installed: run `npm ci` in testkit/src/test/js (" + dir + "); a Maven build "
          + "does it by itself through the js-peer-install profile when node_modules is missing");
    }
    try {
      Object version = Json.asObject(Json.parse(Files.readAllBytes(installed)), "package").get("version");
      assertEquals(PINNED_VERSION, version, "installed @huggingface/hub differs from the pin: run `npm ci` in " + dir);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return dir;
  }

  private static Map<String, byte[]> writeFolder(Path root) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("README.md", "# js peer\n".getBytes(StandardCharsets.UTF_8));
    files.put("config.json", "{\"hidden_size\": 8}\n".getBytes(StandardCharsets.UTF_8));
    files.put("sub/notes.txt", "n".repeat(2080).getBytes(StandardCharsets.UTF_8));
    files.put("sub/small.bin", Fixtures.randomBytes(3000, 11));
    byte[] blob = "b".repeat(1000).getBytes(StandardCharsets.UTF_8);
    blob[1] = 0;
    files.put("blob.dat", blob);
    files.put("large.txt", "t".repeat(100 * 1024).getBytes(StandardCharsets.UTF_8));
    files.put("big.dat", Fixtures.randomBytes(300 * 1024, 12));
    files.put("empty.txt", new byte[0]);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
    return files;
  }

  @Test
  void officialJsClientUploadsAndTheEmulatorHoldsTheExactBytes(@TempDir Path tmp) throws Exception {
    Path js = jsDir();
    Path folder = Files.createDirectories(tmp.resolve("folder"));
    Map<String, byte[]> files = writeFolder(folder);
    Set<String> lfsPaths = Set.of("sub/small.bin", "blob.dat", "large.txt", "big.dat");

    try (HubEmulator hub = HubEmulator.builder().lfsThreshold(THRESHOLD).multipartChunkSize(CHUNK).build().start()) {
      ProcessBuilder pb = new ProcessBuilder("node", "peer.mjs").directory(js.toFile())
          .redirectError(tmp.resolve("node.err").toFile());
      pb.environment().put("HUB_URL", hub.url());
      pb.environment().put("HF_TOKEN", hub.writeToken());
      pb.environment().put("PEER_DIR", folder.toString());
      pb.environment().put("PEER_NS", hub.userName());
      Process node;
      try {
        node = pb.start();
      } catch (IOException e) {
        throw new AssertionError("node is required for this test (Node 18+ on the PATH)", e);
      }
      byte[] stdout = node.getInputStream().readAllBytes();
      if (!node.waitFor(120, TimeUnit.SECONDS)) {
        node.destroyForcibly();
        fail("node peer.mjs did not finish within 120 s");
      }
      String err = Files.readString(tmp.resolve("node.err"));
      assertEquals(0, node.exitValue(), "node peer.mjs failed:\n" + err + "\nrequests:\n" + hub.requests());
      Map<String, Object> out = Json.asObject(Json.parse(stdout), "peer output");

      assertEquals("testuser", Fixtures.path(out, "whoami", "name"));
      assertEquals("write", Fixtures.path(out, "whoami", "role"));

      for (RepoType type : List.of(RepoType.MODEL, RepoType.DATASET, RepoType.SPACE)) {
        String id = "testuser/js-" + type.value();
        Map<String, Object> report = Fixtures.path(out, "repos", type.value());
        assertEquals(hub.url() + "/" + type.urlPrefix() + id, report.get("repoUrl"));
        assertEquals(Long.valueOf(409), Fixtures.<Long>path(report, "conflict", "statusCode"));
        RepoView repo = hub.repo(type, id);
        Map<String, StoredFile> state = repo.files("main");
        Set<String> expected = new TreeSet<>(files.keySet());
        expected.add(".gitattributes");
        assertEquals(expected, new TreeSet<>(state.keySet()), type + " files");
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          StoredFile f = state.get(e.getKey());
          assertArrayEquals(e.getValue(), f.bytes(), type + " " + e.getKey());
          assertEquals(lfsPaths.contains(e.getKey()), f.lfs(), type + " " + e.getKey() + " stored through LFS");
        }
        assertEquals(Set.of(Hashes.sha256(files.get("sub/small.bin")), Hashes.sha256(files.get("blob.dat")),
            Hashes.sha256(files.get("large.txt")), Hashes.sha256(files.get("big.dat"))), repo.lfsObjects());
        if (type.equals(RepoType.MODEL)) {
          List<CommitView> commits = repo.commits("main");
          assertEquals(List.of("second upload, nothing changed", "peer upload to a model", "initial commit"),
              commits.stream().map(CommitView::title).toList());
          assertEquals(report.get("secondCommit"), commits.get(0).id());
          assertEquals(report.get("commit"), commits.get(1).id());
          assertTrue(commits.get(0).changedPaths().isEmpty(), "the second upload changed nothing");
        } else {
          assertEquals(report.get("commit"), repo.head("main"));
        }
      }

      List<Object> listed = Fixtures.path(out, "repos", "model", "files");
      for (Object o : listed) {
        String path = Fixtures.path(o, "path");
        if (lfsPaths.contains(path)) {
          assertEquals(Hashes.sha256(files.get(path)), Fixtures.path(o, "lfsOid"), path);
        }
      }
      assertEquals(Hashes.sha256(files.get("big.dat")), Fixtures.path(out, "repos", "model", "downloads", "big.dat", "sha256"));
      assertEquals(Hashes.sha256(files.get("README.md")), Fixtures.path(out, "repos", "model", "downloads", "README.md", "sha256"));

      List<RecordedRequest> requests = hub.requests();
      long storagePuts = requests.stream().filter(r -> r.host() == Host.STORAGE && r.method().equals("PUT")).count();
      long partPuts = requests.stream().filter(r -> r.host() == Host.STORAGE && r.path().contains("/part/")).count();
      long completions = requests.stream().filter(r -> r.path().equals("/api/complete_multipart")).count();
      // Per repo: small.bin and blob.dat go basic; big.dat (10 parts) and large.txt (4 parts) go multipart.
      assertEquals(3 * 16, storagePuts, "the second upload must not PUT again");
      assertEquals(3 * 14, partPuts);
      assertEquals(3 * 2, completions);
      assertTrue(requests.stream().filter(r -> r.host() == Host.STORAGE).allMatch(r -> r.status() == 200 || r.status() == 206));
      assertTrue(requests.stream().anyMatch(r -> r.host() == Host.STORAGE && r.method().equals("GET")),
          "the LFS download went to the storage host");
      assertTrue(hub.tokenLeaks().isEmpty(), "the JS client sent its token to storage: " + hub.tokenLeaks());
      for (RecordedRequest r : requests) {
        assertFalse(String.valueOf(r.headers()).contains(hub.writeToken()), "tokens never reach the request log");
      }
      assertNotNull(out.get("repos"));
    }
  }
}
