package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransfersTest {
  private static HubEmulator hub;
  @TempDir Path home;
  @TempDir Path work;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    // A small LFS threshold, so uploads also go through the LFS storage.
    hub = HubEmulator.builder().lfsThreshold(1024).build().start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(hub, home);
  }

  private Path folder() throws Exception {
    Path dir = Files.createDirectories(work.resolve("model"));
    Files.writeString(dir.resolve("config.json"), "{\"hidden\": 8}");
    Files.write(dir.resolve("weights.bin"), new byte[4096]);
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(dir.resolve("logs/train.log"), "loss=0.1\n");
    return dir;
  }

  @Test
  void uploadCreatesTheMissingRepoAndPrintsOneJsonObject() throws Exception {
    CliRunner.Result r = cli.run("upload", "testuser/cli-upload", folder().toString(), "--exclude", "logs/*",
        "--commit-message", "First weights", "--format", "json");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> commit = r.object();
    RepoView repo = hub.repo("testuser/cli-upload");
    String head = repo.head("main");
    assertEquals(head, commit.get("oid"));
    assertEquals(hub.url() + "/testuser/cli-upload/commit/" + head, commit.get("commit_url"));
    assertEquals(List.of(".gitattributes", "config.json", "weights.bin"), List.copyOf(repo.files("main").keySet()));
    assertTrue(repo.files("main").get("weights.bin").lfs());
    assertEquals("First weights", repo.commits("main").get(0).title());
    assertTrue(hub.tokenLeaks().isEmpty());
  }

  @Test
  void uploadOneFileToAPathInADatasetAndOpenAPullRequest() throws Exception {
    Path file = Files.writeString(work.resolve("train.csv"), "a,b\n1,2\n");
    CliRunner.Result r = cli.run("upload", "testuser/cli-data", file.toString(), "data/train.csv", "--repo-type", "dataset");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("commit_url:") && l.contains("/datasets/testuser/cli-data/commit/")), r.out());
    assertArrayEquals(Files.readAllBytes(file), hub.repo(RepoType.DATASET, "testuser/cli-data").fileBytes("main", "data/train.csv"));

    Files.writeString(file, "a,b\n3,4\n");
    CliRunner.Result pr = cli.run("upload", "testuser/cli-data", file.toString(), "data/train.csv", "--repo-type", "dataset",
        "--create-pr", "--format", "json");
    assertEquals(0, pr.exitCode(), pr.toString());
    assertTrue(String.valueOf(pr.object().get("pr_url")).endsWith("/datasets/testuser/cli-data/discussions/1"), pr.out());
    assertEquals("a,b\n1,2\n", new String(hub.repo(RepoType.DATASET, "testuser/cli-data").fileBytes("main", "data/train.csv"),
        StandardCharsets.UTF_8), "main unchanged by the pull request");
  }

  @Test
  void uploadGoesThroughXetAndReportsWhatWasDeduplicated() throws Exception {
    Path dir = Files.createDirectories(work.resolve("xet"));
    byte[] weights = new byte[300_000];
    new java.util.Random(3).nextBytes(weights);
    Files.write(dir.resolve("a.bin"), weights);
    Files.write(dir.resolve("copy-of-a.bin"), weights);
    CliRunner.Result r = cli.run("upload", "testuser/cli-xet", dir.toString(), "--format", "json");
    assertEquals(0, r.exitCode(), r.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> xet = (Map<String, Object>) r.object().get("xet");
    assertEquals(2.0, ((Number) xet.get("files")).doubleValue(), r.out());
    assertEquals(300_000.0, ((Number) xet.get("deduplicated_bytes")).doubleValue(), r.out());
    assertTrue(((Number) xet.get("sent_bytes")).longValue() < 2 * 300_000, r.out());
    assertTrue(r.err().contains("300000 bytes deduplicated (50.0%)"), r.err());
    assertArrayEquals(weights, hub.repo("testuser/cli-xet").fileBytes("main", "copy-of-a.bin"));

    Path other = Files.write(work.resolve("b.bin"), weights);
    hub.clearRequests();
    CliRunner.Result lfs = cli.run("upload", "testuser/cli-xet", other.toString(), "--no-xet", "--format", "json");
    assertEquals(0, lfs.exitCode(), lfs.toString());
    assertFalse(lfs.object().containsKey("xet"), lfs.out());
    assertTrue(hub.requests().stream().anyMatch(q -> q.path().contains("/info/lfs/objects/batch")));
    assertTrue(hub.requests().stream().noneMatch(q -> q.path().contains("xet-write-token")));
  }

  @Test
  void uploadErrorsAreOneLine() throws Exception {
    CliRunner.Result missing = cli.run("upload", "testuser/x", work.resolve("nope").toString());
    assertEquals(1, missing.exitCode());
    assertEquals(List.of("error: no such file or folder: " + work.resolve("nope")), missing.errLines());

    Path file = Files.writeString(work.resolve("a.txt"), "a");
    CliRunner.Result misuse = cli.run("upload", "testuser/x", file.toString(), "--include", "*.txt");
    assertEquals(2, misuse.exitCode(), misuse.toString());
    assertEquals(1, misuse.errLines().size());

    CliRunner.Result readOnly = cli.run("upload", "testuser/ro-target", file.toString(), "--token", hub.readToken());
    assertEquals(1, readOnly.exitCode(), readOnly.toString());
    assertEquals(1, readOnly.errLines().size(), readOnly.err());
    assertTrue(readOnly.err().startsWith("error: 403") || readOnly.err().startsWith("error: 401"), readOnly.err());
  }

  @Test
  void downloadPrintsTheLocalPath() throws Exception {
    assertEquals(0, cli.run("upload", "testuser/cli-down", folder().toString()).exitCode());

    CliRunner.Result one = cli.run("download", "testuser/cli-down", "config.json");
    assertEquals(0, one.exitCode(), one.toString());
    Path config = Path.of(one.out());
    assertTrue(config.startsWith(home), "into the cache under HF_HOME: " + config);
    assertEquals("{\"hidden\": 8}", Files.readString(config));

    Path local = work.resolve("local");
    CliRunner.Result all = cli.run("download", "testuser/cli-down", "--local-dir", local.toString(), "--exclude", "logs/*",
        "--format", "json");
    assertEquals(0, all.exitCode(), all.toString());
    assertEquals(local.toAbsolutePath().toString(), all.object().get("path"));
    assertArrayEquals(new byte[4096], Files.readAllBytes(local.resolve("weights.bin")));
    assertFalse(Files.exists(local.resolve("logs/train.log")));

    CliRunner.Result some = cli.run("download", "testuser/cli-down", "config.json", "logs/train.log", "--cache-dir",
        work.resolve("cache").toString());
    assertEquals(0, some.exitCode(), some.toString());
    Path snapshot = Path.of(some.out());
    assertTrue(snapshot.startsWith(work.resolve("cache")), snapshot.toString());
    assertTrue(Files.exists(snapshot.resolve("logs/train.log")));
    assertFalse(Files.exists(snapshot.resolve("weights.bin")));
  }

  @Test
  void downloadingFromAMissingRepoOrFileFailsInOneLine() throws Exception {
    CliRunner.Result repo = cli.run("download", "testuser/not-there", "config.json");
    assertEquals(1, repo.exitCode(), repo.toString());
    assertEquals(1, repo.errLines().size(), repo.err());
    assertTrue(repo.err().startsWith("error: 404 RepoNotFound") || repo.err().startsWith("error: Repository"), repo.err());
    assertEquals("", repo.out());

    assertEquals(0, cli.run("upload", "testuser/cli-down2", folder().toString()).exitCode());
    CliRunner.Result file = cli.run("download", "testuser/cli-down2", "missing.bin");
    assertEquals(1, file.exitCode(), file.toString());
    assertEquals(1, file.errLines().size(), file.err());
    assertTrue(file.err().contains("missing.bin"), file.err());
  }
}
