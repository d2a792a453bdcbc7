package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.testfixtures.PythonPeer;
import io.hf4j.testkit.HubEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * hf4j and the official Python client download the same repo into one cache at the same time, five rounds: both
 * end with the same snapshot, every blob verified against its name, no partial file left, and Python's own cache
 * scan finds nothing wrong (issue 17 item 3).
 */
class CacheSharingWithPythonTest {
  private static final String REPO = "testuser/shared";

  private static final String PY_DOWNLOAD = String.join("\n",
      "import os, sys, time",
      "from huggingface_hub import snapshot_download",
      "cache, ready, go, repo = sys.argv[1:5]",
      "open(ready, 'w').close()",
      "deadline = time.time() + 60",
      "while not os.path.exists(go) and time.time() < deadline:",
      "    time.sleep(0.002)",
      "print(snapshot_download(repo, cache_dir=cache, max_workers=4))",
      "");

  private static final String PY_SCAN = String.join("\n",
      "import sys",
      "from huggingface_hub import scan_cache_dir",
      "info = scan_cache_dir(sys.argv[1])",
      "for w in info.warnings: print('warning', w)",
      "for repo in info.repos:",
      "    for rev in repo.revisions:",
      "        print('revision', rev.commit_hash, len(rev.files), sorted(rev.refs))",
      "");

  @TempDir Path tmp;
  private HubEmulator hub;
  private final Map<String, byte[]> files = new LinkedHashMap<>();

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, REPO, false, Map.of());
    files.put("model.safetensors", EmulatorSupport.random(3 * 1024 * 1024, 1));
    files.put("shard-00001.bin", EmulatorSupport.random(2 * 1024 * 1024, 2));
    files.put("shard-00002.bin", EmulatorSupport.random(2 * 1024 * 1024, 3));
    files.put("config.json", "{\"hidden_size\": 64}\n".getBytes(StandardCharsets.UTF_8));
    StringBuilder vocab = new StringBuilder();
    for (int i = 0; i < 40_000; i++) vocab.append("token").append(i).append('\n');
    files.put("tokenizer/vocab.txt", vocab.toString().getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 12; i++) files.put("docs/page-" + i + ".md", ("# page " + i + "\n").getBytes(StandardCharsets.UTF_8));
    hub.repos().commit(RepoType.MODEL, REPO, "main", "add files", files, Set.of());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static void awaitFile(Path file, CompletableFuture<?> process) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      if (process.isDone()) throw new AssertionError("the Python process ended early: " + process.join());
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + file);
      Thread.sleep(5);
    }
  }

  @Test
  @Timeout(600)
  void concurrentDownloadsIntoOneCacheEndValidAndIdentical() throws Exception {
    Map<String, String> env = Map.of("HF_ENDPOINT", hub.url(), "HF_TOKEN", hub.writeToken());
    String commit = hub.repo(REPO).head("main");
    for (int r = 0; r < 5; r++) {
      int round = r;
      Path cache = tmp.resolve("cache-" + round);
      Path ready = tmp.resolve("ready-" + round);
      Path go = tmp.resolve("go-" + round);
      CompletableFuture<PythonPeer.Result> python = CompletableFuture.supplyAsync(() -> PythonPeer.run(
          tmp.resolve("py-" + round), Duration.ofSeconds(300), env, PY_DOWNLOAD, cache.toString(), ready.toString(),
          go.toString(), REPO));
      awaitFile(ready, python);
      Files.createFile(go);
      HubClient client = HubClient.create(hub.hfConfigBuilder().hubCache(cache).build());
      Path ours = client.snapshotDownload(RepoId.of(REPO), SnapshotDownloadParams.builder().concurrency(4).build());
      String theirs = python.join().assertSuccess().stdout().strip();

      assertEquals(ours.toRealPath(), Path.of(theirs).toRealPath(), "round " + round);
      assertEquals(cache.resolve("models--testuser--shared/snapshots/" + commit).toAbsolutePath(), ours.toAbsolutePath());
      SortedMap<String, byte[]> got = EmulatorSupport.localFiles(ours);
      got.remove(".gitattributes");
      assertEquals(new java.util.TreeSet<>(files.keySet()), got.keySet(), "round " + round);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        assertArrayEquals(e.getValue(), got.get(e.getKey()), "round " + round + ": " + e.getKey());
        assertTrue(Files.isSymbolicLink(ours.resolve(e.getKey())), e.getKey());
      }
      assertBlobsValid(cache.resolve("models--testuser--shared/blobs"));
      assertEquals(commit, Files.readString(cache.resolve("models--testuser--shared/refs/main")));

      String scan = PythonPeer.run(tmp.resolve("scan-" + round), Duration.ofSeconds(120), env, PY_SCAN, cache.toString())
          .assertSuccess().stdout();
      assertEquals("revision " + commit + " " + (files.size() + 1) + " ['main']", scan.strip(), "round " + round);
    }
  }

  /** Every blob is complete: named by its sha256 (LFS) or git blob id, no partial or temporary file left. */
  private static void assertBlobsValid(Path blobs) throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(blobs)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        names.add(name);
        byte[] content = Files.readAllBytes(p);
        if (name.length() == 64) {
          assertEquals(name, hex("SHA-256", new byte[0], content), "sha256 of " + name);
        } else {
          assertEquals(40, name.length(), "unexpected file in blobs/: " + name);
          assertEquals(name, hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content),
              "git blob id of " + name);
        }
      }
    }
    assertTrue(names.stream().noneMatch(n -> n.contains(".")), "partial files left: " + names);
  }

  private static String hex(String algorithm, byte[] prefix, byte[] content) throws Exception {
    MessageDigest md = MessageDigest.getInstance(algorithm);
    md.update(prefix);
    md.update(content);
    return HexFormat.of().formatHex(md.digest());
  }
}
