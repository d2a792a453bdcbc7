package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.RepoView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hf4j repos ls|commits|branch|tag|settings|move} against the emulator. */
class RepoAdminCommandsTest {
  private static HubEmulator hub;
  @TempDir Path home;
  private CliRunner cli;

  @BeforeAll
  static void start() {
    hub = HubEmulator.builder().build().start();
    hub.repos().create(RepoType.MODEL, "testuser/cli-alpha", false, Map.of());
    hub.repos().create(RepoType.MODEL, "testuser/cli-beta", true, Map.of());
    hub.repos().create(RepoType.MODEL, "otheruser/cli-gamma", false, Map.of());
    hub.repos().create(RepoType.DATASET, "testuser/cli-data", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/cli-alpha", "main", "add config",
        Map.of("config.json", "{}".getBytes(StandardCharsets.UTF_8)), Set.of());
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @BeforeEach
  void runner() {
    cli = new CliRunner(hub, home);
  }

  private static List<Object> ids(CliRunner.Result r) {
    return r.list().stream().map(m -> m.get("id")).toList();
  }

  @Test
  void lsListsYourReposByDefaultAndSearchesOnRequest() {
    CliRunner.Result mine = cli.run("--format", "json", "repos", "ls");
    assertEquals(0, mine.exitCode(), mine.toString());
    assertTrue(ids(mine).containsAll(List.of("testuser/cli-alpha", "testuser/cli-beta")), mine.out());
    assertTrue(ids(mine).stream().allMatch(id -> String.valueOf(id).startsWith("testuser/")), mine.out());
    CliRunner.Result search = cli.run("--format", "json", "repos", "ls", "--search", "cli-", "--all");
    assertTrue(ids(search).containsAll(List.of("testuser/cli-alpha", "otheruser/cli-gamma")), search.out());
    CliRunner.Result author = cli.run("--format", "json", "repos", "ls", "--author", "otheruser");
    assertEquals(List.of("otheruser/cli-gamma"), ids(author));
    CliRunner.Result datasets = cli.run("--format", "json", "repos", "ls", "--repo-type", "dataset");
    assertEquals(List.of("testuser/cli-data"), ids(datasets));
    CliRunner.Result badSort = cli.run("repos", "ls", "--sort", "stars");
    assertEquals(2, badSort.exitCode(), badSort.toString());
    assertTrue(badSort.err().contains("'stars'"), badSort.err());
    CliRunner.Result table = cli.run("repos", "ls", "--author", "otheruser");
    assertTrue(table.out().contains("otheruser/cli-gamma"), table.out());
  }

  @Test
  void branchesTagsAndCommits() {
    RepoView repo = hub.repo("testuser/cli-alpha");
    CliRunner.Result created = cli.run("--format", "json", "repos", "branch", "create", "testuser/cli-alpha", "dev");
    assertEquals(0, created.exitCode(), created.toString());
    assertEquals(repo.head("main"), repo.head("dev"));
    CliRunner.Result again = cli.run("repos", "branch", "create", "testuser/cli-alpha", "dev");
    assertEquals(1, again.exitCode(), again.toString());
    assertTrue(again.err().contains("refs/heads/dev"), again.err());
    assertEquals(0, cli.run("repos", "branch", "create", "testuser/cli-alpha", "dev", "--exist-ok").exitCode());

    CliRunner.Result tag = cli.run("repos", "tag", "create", "testuser/cli-alpha", "v1", "-m", "first", "--revision", "dev");
    assertEquals(0, tag.exitCode(), tag.toString());
    CliRunner.Result unknown = cli.run("repos", "tag", "create", "testuser/cli-alpha", "v2", "--revision", "nope");
    assertEquals(1, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("nope"), unknown.err());

    CliRunner.Result commits = cli.run("--format", "json", "repos", "commits", "testuser/cli-alpha", "--revision", "v1");
    assertEquals(0, commits.exitCode(), commits.toString());
    assertEquals(List.of("add config", "initial commit"), commits.list().stream().map(m -> m.get("title")).toList());
    assertEquals(repo.head("main"), commits.list().get(0).get("commit"));
    assertEquals(1, cli.run("--format", "json", "repos", "commits", "testuser/cli-alpha", "--limit", "1").list().size());

    assertEquals(0, cli.run("repos", "tag", "delete", "testuser/cli-alpha", "v1").exitCode());
    assertEquals(0, cli.run("repos", "branch", "delete", "testuser/cli-alpha", "dev").exitCode());
    assertEquals(1, cli.run("repos", "branch", "delete", "testuser/cli-alpha", "dev").exitCode());
    assertFalse(repo.branches().containsKey("dev"));
  }

  @Test
  void settingsAndMove() {
    hub.repos().create(RepoType.MODEL, "testuser/cli-settings", false, Map.of());
    CliRunner.Result s = cli.run("--format", "json", "repos", "settings", "testuser/cli-settings", "--private",
        "--gated", "manual", "--discussions", "disabled");
    assertEquals(0, s.exitCode(), s.toString());
    assertEquals("private", s.object().get("visibility"));
    RepoView repo = hub.repo("testuser/cli-settings");
    assertTrue(repo.isPrivate());
    assertEquals(2, cli.run("repos", "settings", "testuser/cli-settings").exitCode(), "nothing to change");
    assertEquals(2, cli.run("repos", "settings", "testuser/cli-settings", "--private", "--public").exitCode());

    hub.repos().create(RepoType.MODEL, "testuser/cli-taken", false, Map.of());
    CliRunner.Result taken = cli.run("repos", "move", "testuser/cli-settings", "testuser/cli-taken");
    assertEquals(1, taken.exitCode(), taken.toString());
    assertNotNull(hub.findRepo(RepoType.MODEL, "testuser/cli-settings"));
    CliRunner.Result moved = cli.run("repos", "move", "testuser/cli-settings", "testuser/cli-renamed");
    assertEquals(0, moved.exitCode(), moved.toString());
    assertNotNull(hub.findRepo(RepoType.MODEL, "testuser/cli-renamed"));
    assertNull(hub.findRepo(RepoType.MODEL, "testuser/cli-settings"));
  }
}
