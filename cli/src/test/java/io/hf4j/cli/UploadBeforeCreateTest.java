package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.HubEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hf4j upload} checks everything local before it creates a repo; {@code --repo-type} is one of the known types. */
class UploadBeforeCreateTest {
  private static HubEmulator hub;
  @TempDir Path home;
  @TempDir Path work;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    hub = HubEmulator.builder().build().start();
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(hub, home);
  }

  private void assertFailsWithoutCreating(String repo, String... args) {
    CliRunner.Result r = cli.run(args);
    assertTrue(r.exitCode() != 0, r.toString());
    assertEquals(1, r.errLines().size(), "one line, no stack trace: " + r);
    assertTrue(r.err().startsWith("error: "), r.toString());
    for (RepoType t : new RepoType[] {RepoType.MODEL, RepoType.DATASET, RepoType.SPACE}) {
      assertNull(hub.findRepo(t, repo), repo + " was created although the upload failed: " + r);
    }
  }

  @Test
  void badLocalInputLeavesNoRepo() throws Exception {
    Path good = Files.writeString(work.resolve("good.txt"), "good");
    assertFailsWithoutCreating("testuser/bad-dest", "upload", "testuser/bad-dest", good.toString(), "../bad.txt");
    assertFailsWithoutCreating("testuser/bad-rev", "upload", "testuser/bad-rev", good.toString(), "--revision", "a..b");
    Path broken = work.resolve("broken.txt");
    Files.createSymbolicLink(broken, work.resolve("missing-target"));
    assertFailsWithoutCreating("testuser/broken", "upload", "testuser/broken", broken.toString());
    Path loopy = Files.createDirectories(work.resolve("loopy/sub"));
    Files.writeString(loopy.resolve("f.txt"), "f");
    Files.createSymbolicLink(loopy.resolve("back"), loopy.getParent());
    assertFailsWithoutCreating("testuser/loopy", "upload", "testuser/loopy", loopy.getParent().toString());
    Path dotted = Files.createDirectories(work.resolve("dotted"));
    Files.writeString(dotted.resolve("x.txt"), "x");
    assertFailsWithoutCreating("testuser/bad-prefix", "upload", "testuser/bad-prefix", dotted.toString(), "../up");
  }

  @Test
  void privateCreatesAPrivateRepoAndTheUploadLands() throws Exception {
    Path good = Files.writeString(work.resolve("p.txt"), "private bytes");
    CliRunner.Result r = cli.run("upload", "testuser/priv", good.toString(), "--private");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(hub.repo("testuser/priv").isPrivate());
    assertEquals("private bytes", new String(hub.repo("testuser/priv").fileBytes("main", "p.txt")));
    CliRunner.Result pub = cli.run("upload", "testuser/pub", good.toString());
    assertEquals(0, pub.exitCode(), pub.toString());
    assertFalse(hub.repo("testuser/pub").isPrivate());
  }

  @Test
  void multiCommitIsForFoldersAndPassesThrough() throws Exception {
    Path folder = Files.createDirectories(work.resolve("mc"));
    Files.writeString(folder.resolve("a.txt"), "a");
    Files.writeString(folder.resolve("b.txt"), "b");
    CliRunner.Result r = cli.run("upload", "testuser/mc", folder.toString(), "--multi-commit");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("b", new String(hub.repo("testuser/mc").fileBytes("main", "b.txt")));
    CliRunner.Result file = cli.run("upload", "testuser/mc", folder.resolve("a.txt").toString(), "--multi-commit");
    assertEquals(2, file.exitCode(), file.toString());
  }

  @Test
  void unknownOrMalformedRepoTypesAreUsageErrors() throws Exception {
    Path good = Files.writeString(work.resolve("t.txt"), "t");
    for (String bad : new String[] {"bogus", "../../x", "model/../../x"}) {
      CliRunner.Result r = cli.run("upload", "testuser/typed", good.toString(), "--repo-type", bad);
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("repo type"), r.toString());
      Path cache = home.resolve("cache");
      CliRunner.Result d = cli.run("download", "testuser/typed", "--repo-type", bad, "--cache-dir", cache.toString());
      assertEquals(2, d.exitCode(), d.toString());
    }
    assertNull(hub.findRepo(RepoType.MODEL, "testuser/typed"));
    assertTrue(hub.requests().stream().noneMatch(q -> q.path().contains("bogus")), "nothing was sent for a bad type");
    assertFalse(Files.exists(home.getParent().resolve("x")));
  }
}
