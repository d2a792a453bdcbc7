package io.hf4j.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.HubEmulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthAndReposTest {
  private static HubEmulator hub;
  @TempDir Path home;
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

  @Test
  void whoamiPrintsTheUserAsATableOrAsJson() {
    CliRunner.Result table = cli.run("auth", "whoami");
    assertEquals(0, table.exitCode(), table.toString());
    assertTrue(table.out().lines().anyMatch(l -> l.matches("name:\\s+testuser")), table.out());
    assertTrue(table.out().lines().anyMatch(l -> l.matches("orgs:\\s+testorg")), table.out());

    CliRunner.Result json = cli.run("auth", "whoami", "--format", "json");
    assertEquals(0, json.exitCode(), json.toString());
    Map<String, Object> me = json.object();
    assertEquals("testuser", me.get("name"));
    assertEquals(List.of("testorg"), me.get("orgs"));
    assertEquals("write", me.get("token_role"));
    assertEquals(hub.url(), me.get("endpoint"));
    assertEquals("", json.err());
    assertFalse(json.out().contains(hub.writeToken()), "the token is never printed");
  }

  @Test
  void theTokenOptionWinsOverTheEnvironmentAndAWrongOneFailsInOneLine() {
    CliRunner.Result other = cli.run("--token", HubEmulator.OTHER_USER_TOKEN, "--format", "json", "auth", "whoami");
    assertEquals("otheruser", other.object().get("name"), other.toString());

    CliRunner.Result bad = cli.run("auth", "whoami", "--token", "hf_not_a_real_token_at_all");
    assertEquals(1, bad.exitCode(), bad.toString());
    assertEquals(1, bad.errLines().size(), bad.err());
    assertTrue(bad.err().startsWith("error: 401"), bad.err());
    assertFalse(bad.err().contains("hf_not_a_real_token_at_all"));
    assertFalse(bad.err().contains("\tat "), "no stack trace without --debug");
  }

  @Test
  void withoutAnyTokenWhoamiSaysWhereToPutOne() {
    CliRunner.Result r = cli.env("HF_TOKEN", null).run("auth", "whoami");
    assertEquals(1, r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("HF_TOKEN"), r.err());
  }

  @Test
  void debugAddsTheStackTrace() {
    CliRunner.Result r = cli.run("--debug", "auth", "whoami", "--token", "hf_not_a_real_token_at_all");
    assertEquals(1, r.exitCode());
    assertTrue(r.errLines().get(0).startsWith("error: 401"), r.err());
    assertTrue(r.err().contains("\tat io.hf4j."), "stack trace with --debug: " + r.err());
  }

  @Test
  void reposCreateAndDelete() {
    CliRunner.Result created = cli.run("repos", "create", "testuser/cli-model", "--private", "--format", "json");
    assertEquals(0, created.exitCode(), created.toString());
    assertEquals(hub.url() + "/testuser/cli-model", created.object().get("url"));
    assertTrue(hub.repo("testuser/cli-model").isPrivate());

    CliRunner.Result again = cli.run("repos", "create", "testuser/cli-model");
    assertEquals(1, again.exitCode(), again.toString());
    assertEquals(1, again.errLines().size(), again.err());
    assertTrue(again.err().startsWith("error: 409"), again.err());
    assertEquals(0, cli.run("repos", "create", "testuser/cli-model", "--exist-ok").exitCode());

    CliRunner.Result space = cli.run("repos", "create", "cli-space", "--repo-type", "space", "--sdk", "docker", "--format", "json");
    assertEquals(0, space.exitCode(), space.toString());
    assertEquals("space", space.object().get("repo_type"));
    assertEquals("docker", hub.repo(RepoType.SPACE, "testuser/cli-space").attributes().get("sdk"));

    // The Hub's prefixed form carries the type: no --repo-type needed.
    CliRunner.Result data = cli.run("repos", "create", "datasets/testuser/cli-data", "--format", "json");
    assertEquals(0, data.exitCode(), data.toString());
    assertEquals("dataset", data.object().get("repo_type"));
    assertNotNull(hub.findRepo(RepoType.DATASET, "testuser/cli-data"));
    assertNull(hub.findRepo(RepoType.MODEL, "testuser/cli-data"));
    assertEquals(0, cli.run("repos", "delete", "testuser/cli-data", "--repo-type", "dataset").exitCode());
    assertNull(hub.findRepo(RepoType.DATASET, "testuser/cli-data"));

    CliRunner.Result deleted = cli.run("repos", "delete", "testuser/cli-model", "--format", "json");
    assertEquals(0, deleted.exitCode(), deleted.toString());
    assertEquals("testuser/cli-model", deleted.object().get("deleted"));
    assertNull(hub.findRepo(RepoType.MODEL, "testuser/cli-model"));
  }

  @Test
  void deletingAMissingRepoFailsUnlessMissingOk() {
    CliRunner.Result missing = cli.run("repos", "delete", "testuser/never-was");
    assertEquals(1, missing.exitCode(), missing.toString());
    assertEquals(1, missing.errLines().size(), missing.err());
    assertTrue(missing.err().startsWith("error: 404 RepoNotFound"), missing.err());
    assertEquals("", missing.out());
    assertEquals(0, cli.run("repos", "delete", "testuser/never-was", "--missing-ok").exitCode());
  }

  @Test
  void aBadRepoIdOrAMisusedOptionIsOneLineAndNonZero() {
    CliRunner.Result bad = cli.run("repos", "create", "a/b/c");
    assertEquals(1, bad.exitCode(), bad.toString());
    assertEquals(List.of("error: Repo id must be in the form 'repo_name' or 'namespace/repo_name': 'a/b/c'. For the Hub's"
        + " prefixed form ('datasets/ns/name', 'spaces/ns/name') use RepoId.parse, or RepoId.dataset(\"ns/name\") /"
        + " RepoId.space(\"ns/name\")."), bad.errLines());

    CliRunner.Result contradiction = cli.run("repos", "create", "spaces/testuser/x", "--repo-type", "dataset");
    assertEquals(2, contradiction.exitCode(), contradiction.toString());
    assertEquals(List.of("error: 'spaces/testuser/x' is a space id but --repo-type is dataset"), contradiction.errLines());

    CliRunner.Result dashes = cli.run("repos", "create", "testuser/bad--name");
    assertEquals(1, dashes.exitCode());
    assertTrue(dashes.err().contains("Cannot have -- or .."), dashes.err());

    CliRunner.Result sdk = cli.run("repos", "create", "testuser/x", "--sdk", "docker");
    assertEquals(2, sdk.exitCode(), sdk.toString());
    assertEquals(List.of("error: --sdk is for Spaces: add --repo-type space"), sdk.errLines());

    CliRunner.Result usage = cli.run("repos", "create");
    assertEquals(2, usage.exitCode(), usage.toString());
    assertEquals(1, usage.errLines().size(), usage.err());
    assertTrue(usage.err().contains("Missing required parameter: 'REPO_ID'") && usage.err().contains("hf4j repos create --help"), usage.err());

    CliRunner.Result unknown = cli.run("repos", "rename", "x");
    assertEquals(2, unknown.exitCode());
    assertEquals(1, unknown.errLines().size(), unknown.err());
  }

  @Test
  void helpAndVersion() {
    CliRunner.Result help = cli.run("--help");
    assertEquals(0, help.exitCode());
    for (String command : List.of("auth", "repos", "upload", "download", "jobs", "spaces", "emulator")) {
      assertTrue(help.out().contains("  " + command), command + " in\n" + help.out());
    }
    CliRunner.Result sub = cli.run("jobs", "run", "--help");
    assertEquals(0, sub.exitCode(), sub.toString());
    assertTrue(sub.out().startsWith("Usage: hf4j jobs run"), sub.out());
    CliRunner.Result group = cli.run("spaces", "secrets");
    assertEquals(2, group.exitCode(), group.toString());
    assertEquals(List.of("error: Missing required subcommand: one of ls, add, delete (see 'hf4j spaces secrets --help')"), group.errLines());

    CliRunner.Result version = cli.run("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().startsWith("hf4j 0.1.0"), version.out());
  }
}
