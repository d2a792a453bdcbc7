package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.HubEmulator;
import io.hf4j.testkit.spi.Repos;
import io.hf4j.testkit.spi.HubError;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory's layout (see {@link StateStore}): repos saved one by one, commits and LFS objects appended to
 * journals, a torn journal line survived, and the first format ({@code state.json}) migrated.
 */
class PersistenceLayoutTest {
  private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");
  private static final List<String> TYPES = List.of("model", "dataset", "space");

  private final EmulatorClock clock = EmulatorClock.manual(T0);

  private HubState open(Path dir) {
    return new HubState(clock, new BlobStore(dir.resolve("blobs")), new AccountsImpl(), 1000, dir);
  }

  private void tick() {
    clock.advance(Duration.ofSeconds(1));
  }

  private static HubState.Add add(HubState s, String path, String text) {
    return new HubState.Add(path, s.putRegular(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static HubState.Add addLfs(HubState s, RepoData r, String path, byte[] content) {
    String sha = s.blobs().put(content);
    s.mutate(r, () -> r.lfsObjects.add(sha));
    return new HubState.Add(path, FileRef.lfs(sha, content.length));
  }

  private static String commit(HubState s, RepoData r, String rev, String title, HubState.Op... ops) {
    return s.commit(r, rev, false, null, List.of(ops), title, "about " + title, "alice").commitId();
  }

  /** Repos of the three types with every kind of state a route can leave. */
  private void populate(HubState s) {
    RepoData m = s.create("model", "acme/m", false, Map.of(), "alice", Map.of());
    tick();
    commit(s, m, "main", "add", add(s, "a.txt", "alpha"), add(s, "b.txt", "beta"), add(s, "dir/c.txt", "gamma"),
        add(s, "dir/sub/d.txt", "delta"), addLfs(s, m, "w.bin", new byte[] {0, 1, 2, 3}));
    tick();
    commit(s, m, "main", "reshape", new HubState.Delete("a.txt"), new HubState.Rename("b2.txt", "b.txt"),
        new HubState.DeleteFolder("dir/sub"), addLfs(s, m, "big.bin", new byte[2000]));
    String main = m.branches.get("main");
    s.mutate(m, () -> m.branches.put("dev", main));
    s.mutate(m, () -> {
      m.tags.put("v1", main);
      return m.tagMessages.put("v1", "first release");
    });
    tick();
    commit(s, m, "dev", "on dev", add(s, "dev.txt", "dev"));
    tick();
    HubState.CommitResult pr = s.commit(m, "main", true, null, List.of(add(s, "pr.txt", "proposed")), "A change",
        "", "bob");
    s.mutate(m, () -> m.pullRequests.get(pr.pullRequest()).events.add(DiscussionEvents.comment("bob", "please", s.now())));
    tick();
    s.mergePullRequest(m, pr.pullRequest(), "alice", "thanks");
    RepoData.PullRequest talk = s.mutate(m, () -> m.openPullRequest("A question", "carol", s.now()));
    s.mutate(m, () -> {
      talk.events.add(DiscussionEvents.comment("carol", "why?", s.now()));
      talk.events.add(DiscussionEvents.statusChange("alice", "closed", s.now()));
      talk.status = "closed";
      return null;
    });
    s.mutate(m, () -> {
      m.isPrivate = true;
      m.gated = "manual";
      m.discussionsDisabled = true;
      return m.attributes.put("license", "mit");
    });

    tick();
    RepoData d = s.create("dataset", "acme/d", true, Map.of(), "alice", Map.of());
    commit(s, d, "main", "rows", add(s, "data/x.csv", "a,b\n1,2\n"));
    s.create("space", "acme/s", false, Map.of("sdk", "gradio"), "alice", Map.of());

    s.create("model", "acme/gone", false, Map.of(), "alice", Map.of());
    s.delete("model", "acme/gone");
    RepoData again = s.create("model", "acme/again", false, Map.of(), "alice", Map.of());
    commit(s, again, "main", "old life", add(s, "old.txt", "old"));
    s.delete("model", "acme/again");
    tick();
    RepoData reborn = s.create("model", "acme/again", false, Map.of(), "alice", Map.of());
    commit(s, reborn, "main", "new life", add(s, "new.txt", "new"));
    RepoData moving = s.create("model", "acme/old", false, Map.of(), "alice", Map.of());
    commit(s, moving, "main", "before the move", add(s, "x.txt", "x"));
    s.move("model", "acme/old", "acme/moved");
  }

  /** Everything a repo holds, commits whole (ids, parents, trees, tree oids, changes); events as JSON text. */
  private static Map<String, Object> dump(HubState s) {
    return s.read(() -> {
      Map<String, Object> out = new LinkedHashMap<>();
      for (String type : TYPES) {
        for (RepoData r : s.list(type)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("objectId", r.objectId);
          m.put("createdAt", r.createdAt);
          m.put("lastModified", r.lastModified);
          m.put("private", r.isPrivate);
          m.put("gated", r.gated);
          m.put("attributes", Json.write(r.attributes));
          m.put("branches", new TreeMap<>(r.branches));
          m.put("tags", new TreeMap<>(r.tags));
          m.put("tagMessages", new TreeMap<>(r.tagMessages));
          m.put("discussionsDisabled", r.discussionsDisabled);
          m.put("prRefs", new TreeMap<>(r.prRefs));
          List<Object> prs = new ArrayList<>();
          for (RepoData.PullRequest pr : r.pullRequests.values()) {
            prs.add(List.of(pr.num, pr.title, pr.author, pr.createdAt, pr.status, pr.isPullRequest, pr.targetBranch,
                String.valueOf(pr.baseCommit), String.valueOf(pr.mergeCommitId), Json.write(pr.events)));
          }
          m.put("pullRequests", prs);
          m.put("nextDiscussion", r.nextDiscussion);
          m.put("lfsObjects", new ArrayList<>(r.lfsObjects));
          m.put("commits", new ArrayList<>(r.commits.values()));
          out.put(r.key(), m);
        }
      }
      return out;
    });
  }

  @Test
  void everyRepoLoadsAsItWasSaved(@TempDir Path dir) {
    HubState first = open(dir);
    populate(first);
    Map<String, Object> saved = dump(first);
    assertEquals(List.of("model/acme/m", "model/acme/again", "model/acme/moved", "dataset/acme/d", "space/acme/s"),
        List.copyOf(saved.keySet()));

    HubState second = open(dir);
    assertEquals(saved, dump(second));
    RepoData m = second.find("model", "acme/m").orElseThrow();
    assertEquals(List.of(".gitattributes", "b2.txt", "big.bin", "dir/c.txt", "pr.txt", "w.bin"),
        List.copyOf(second.commitAt(m, "main").tree().keySet()));
    assertTrue(second.commitAt(m, "main").tree().get("big.bin").lfs());
    assertEquals("merged", m.pullRequests.get(1).status);
    assertEquals("closed", m.pullRequests.get(2).status);
    assertEquals(2, m.lfsObjects.size());
    assertEquals(List.of("new life", "initial commit"), second.find("model", "acme/again").orElseThrow()
        .history(second.find("model", "acme/again").orElseThrow().branches.get("main")).stream()
        .map(CommitData::title).toList(), "a repo deleted and created again loads as the new one");
    assertTrue(second.find("model", "acme/gone").isEmpty());
    assertTrue(second.find("model", "acme/old").isEmpty());

    // A loaded state goes on journaling where the files stopped.
    tick();
    RepoData moved = second.find("model", "acme/moved").orElseThrow();
    commit(second, moved, "main", "after the move", add(second, "y.txt", "y"));
    second.mutate(m, () -> m.lfsObjects.add(second.blobs().put(new byte[] {9, 9})));
    second.delete("space", "acme/s");
    Map<String, Object> later = dump(second);
    assertNotEquals(saved, later);
    assertEquals(later, dump(open(dir)));
  }

  /** Each route that changes a repo saves that repo: after every step, the data dir alone shows the change. */
  @Test
  void everyRouteSavesTheRepoItChanged(@TempDir Path dir) throws Exception {
    try (HubEmulator hub = HubEmulator.builder().dataDir(dir).build().start()) {
      String u = hub.userName();
      Repos repos = hub.repos();
      repos.create(RepoType.MODEL, u + "/m", false, Map.of());
      repos.create(RepoType.MODEL, u + "/bystander", false, Map.of());
      String api = "/api/models/" + u + "/m";
      send(hub, "PUT", api + "/settings", "{\"private\":true,\"gated\":\"manual\"}");
      assertTrue(saved(dir, u + "/m").isPrivate);
      assertEquals("manual", saved(dir, u + "/m").gated);
      send(hub, "POST", api + "/branch/dev", "{}");
      assertTrue(saved(dir, u + "/m").branches.containsKey("dev"));
      send(hub, "POST", api + "/tag/main", "{\"tag\":\"v1\",\"message\":\"first\"}");
      assertEquals("first", saved(dir, u + "/m").tagMessages.get("v1"));
      send(hub, "DELETE", api + "/tag/v1", "");
      assertEquals(Map.of(), saved(dir, u + "/m").tags);
      send(hub, "DELETE", api + "/branch/dev", "");
      assertEquals(List.of("main"), List.copyOf(saved(dir, u + "/m").branches.keySet()));
      send(hub, "POST", api + "/discussions", "{\"title\":\"A question\",\"description\":\"why?\"}");
      assertEquals("A question", saved(dir, u + "/m").pullRequests.get(1).title);
      send(hub, "POST", api + "/discussions/1/comment", "{\"comment\":\"because\"}");
      assertEquals(2, saved(dir, u + "/m").pullRequests.get(1).events.size());
      send(hub, "POST", api + "/discussions/1/status", "{\"status\":\"closed\"}");
      assertEquals("closed", saved(dir, u + "/m").pullRequests.get(1).status);
      send(hub, "PUT", api + "/settings", "{\"discussionsDisabled\":true}");
      assertTrue(saved(dir, u + "/m").discussionsDisabled);
      byte[] blob = new byte[300];
      blob[7] = 7;
      String sha = Hashes.sha256(blob);
      Map<String, Object> batch = Json.asObject(Json.parse(send(hub, "POST", "/" + u + "/m.git/info/lfs/objects/batch",
          Json.write(Map.of("operation", "upload", "transfers", List.of("basic"), "hash_algo", "sha256",
              "objects", List.of(Map.of("oid", sha, "size", 300L)))))), "batch");
      Map<String, Object> upload = Json.asObject(Json.asObject(Json.asObject(Json.asList(batch.get("objects"), "objects")
          .get(0), "object").get("actions"), "actions").get("upload"), "upload");
      HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(Json.string(upload, "href")))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, put.statusCode(), put.body());
      assertTrue(saved(dir, u + "/m").lfsObjects.contains(sha), "an LFS upload is remembered");
      repos.setAttribute(RepoType.MODEL, u + "/m", "license", "mit");
      assertEquals("mit", saved(dir, u + "/m").attributes.get("license"));
      repos.commit(RepoType.MODEL, u + "/m", "main", "weights", Map.of("w.bin", new byte[] {0, 1}), Set.of());
      assertEquals(hub.repo(u + "/m").head("main"), saved(dir, u + "/m").branches.get("main"));
      hub.renameRepo(RepoType.MODEL, u + "/m", u + "/renamed");
      assertEquals(hub.repo(u + "/renamed").head("main"), saved(dir, u + "/renamed").branches.get("main"));
      assertTrue(open(dir).find("model", u + "/m").isEmpty());
      repos.delete(RepoType.MODEL, u + "/renamed");
      assertTrue(open(dir).find("model", u + "/renamed").isEmpty());
      assertEquals(List.of("initial commit"), saved(dir, u + "/bystander").history(saved(dir, u + "/bystander")
          .branches.get("main")).stream().map(CommitData::title).toList());
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String send(HubEmulator hub, String method, String path, String json) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub.url() + path))
        .header("Authorization", "Bearer " + hub.writeToken()).header("Content-Type", "application/json")
        .method(method, json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body();
  }

  /** Model {@code id} as a state loaded afresh from {@code dir} has it. */
  private RepoData saved(Path dir, String id) {
    return open(dir).find("model", id).orElseThrow(() -> new AssertionError("no saved " + id));
  }

  @Test
  void aSaveRewritesOnlyTheChangedRepoAndAppendsToItsJournal(@TempDir Path dir) throws IOException {
    HubState s = open(dir);
    populate(s);
    RepoData m = s.find("model", "acme/m").orElseThrow();
    Path mDir = repoDir(dir, "acme/m");
    Map<Path, byte[]> before = files(dir.resolve("repos"));
    Map<Path, FileTime> times = times(dir.resolve("repos"));
    Map<Path, Object> keys = new TreeMap<>();
    for (Path p : times.keySet()) {
      keys.put(p, Files.readAttributes(p, BasicFileAttributes.class).fileKey());
    }
    byte[] journal = Files.readAllBytes(mDir.resolve("commits.jsonl"));
    byte[] lfs = Files.readAllBytes(mDir.resolve("lfs.txt"));
    Object journalFile = Files.readAttributes(mDir.resolve("commits.jsonl"), BasicFileAttributes.class).fileKey();

    tick();
    commit(s, m, "main", "one more", add(s, "more.txt", "more"));
    Map<Path, byte[]> after = files(dir.resolve("repos"));
    assertEquals(before.keySet(), after.keySet());
    for (Path p : before.keySet()) {
      if (p.startsWith(mDir)) {
        continue;
      }
      assertArrayEquals(before.get(p), after.get(p), p + " of another repo is untouched");
      assertEquals(times.get(p), Files.getLastModifiedTime(p), p + " of another repo is not rewritten");
      assertEquals(keys.get(p), Files.readAttributes(p, BasicFileAttributes.class).fileKey(), p + " is the same file");
    }
    byte[] grown = after.get(mDir.resolve("commits.jsonl"));
    assertTrue(grown.length > journal.length);
    assertArrayEquals(journal, Arrays.copyOf(grown, journal.length), "the journal's earlier bytes are kept");
    assertEquals(journalFile, Files.readAttributes(mDir.resolve("commits.jsonl"), BasicFileAttributes.class).fileKey(),
        "the journal is the same file, appended to");
    String added = new String(grown, journal.length, grown.length - journal.length, StandardCharsets.UTF_8);
    assertEquals(1, added.split("\n", -1).length - 1, "one line appended: " + added);
    Map<String, Object> line = Json.asObject(Json.parse(added.strip()), "line");
    assertEquals(List.of("id", "parents", "title", "message", "author", "date", "changes"), List.copyOf(line.keySet()));
    assertEquals(m.branches.get("main"), line.get("id"));
    assertArrayEquals(lfs, after.get(mDir.resolve("lfs.txt")));
    assertNotEquals(new String(before.get(mDir.resolve("repo.json")), StandardCharsets.UTF_8),
        new String(after.get(mDir.resolve("repo.json")), StandardCharsets.UTF_8));
    assertFalse(new String(after.get(mDir.resolve("repo.json")), StandardCharsets.UTF_8).contains("\"changes\""),
        "the record holds no commits");

    // A settings change rewrites the record only.
    s.mutate(m, () -> m.gated = "auto");
    assertArrayEquals(grown, Files.readAllBytes(mDir.resolve("commits.jsonl")));
    assertEquals("auto", Json.string(Json.asObject(Json.parse(Files.readAllBytes(mDir.resolve("repo.json"))), "r"),
        "gated"));
    assertEquals(dump(s), dump(open(dir)));
  }

  @Test
  void aJournalLineCutShortByACrashIsCutAway(@TempDir Path dir) throws IOException {
    HubState s = open(dir);
    populate(s);
    Map<String, Object> saved = dump(s);
    Path mDir = repoDir(dir, "acme/m");
    Path journal = mDir.resolve("commits.jsonl");
    long good = Files.size(journal);
    byte[] last = lastLine(Files.readAllBytes(journal));
    Files.write(journal, Arrays.copyOf(last, last.length / 2), java.nio.file.StandardOpenOption.APPEND);
    Path lfs = mDir.resolve("lfs.txt");
    long goodLfs = Files.size(lfs);
    Files.write(lfs, "0123456789abc".getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.APPEND);

    HubState reopened = open(dir);
    assertEquals(saved, dump(reopened));
    assertEquals(good, Files.size(journal), "the torn line is cut away");
    assertEquals(goodLfs, Files.size(lfs));

    RepoData m = reopened.find("model", "acme/m").orElseThrow();
    tick();
    String next = commit(reopened, m, "main", "after the crash", add(reopened, "z.txt", "z"));
    reopened.mutate(m, () -> m.lfsObjects.add(reopened.blobs().put(new byte[] {7})));
    HubState third = open(dir);
    assertEquals(dump(reopened), dump(third));
    assertEquals(next, third.find("model", "acme/m").orElseThrow().branches.get("main"));
  }

  @Test
  void aJournalThatLostLinesUnderARunningEmulatorFailsTheSaveByName(@TempDir Path dir) throws IOException {
    HubState s = open(dir);
    populate(s);
    RepoData d = s.find("dataset", "acme/d").orElseThrow();
    Path journal = repoDir(dir, "acme/d").resolve("commits.jsonl");
    Files.write(journal, new byte[0]);
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> commit(s, d, "main", "more", add(s, "more.txt", "more")));
    assertTrue(e.getCause().getMessage().contains("commits.jsonl lost lines"), e.getCause().getMessage());
    assertEquals(0, Files.size(journal), "nothing written past the hole");
  }

  @Test
  void aJournaledCommitNoRecordNamesIsHarmless(@TempDir Path dir) throws IOException {
    HubState s = open(dir);
    populate(s);
    RepoData d = s.find("dataset", "acme/d").orElseThrow();
    String head = d.branches.get("main");
    Path record = repoDir(dir, "acme/d").resolve("repo.json");
    byte[] oldRecord = Files.readAllBytes(record);
    tick();
    String orphan = commit(s, d, "main", "lost", add(s, "lost.txt", "lost"));
    Files.write(record, oldRecord); // the crash came between the journal's append and the record's rewrite

    HubState reopened = open(dir);
    RepoData loaded = reopened.find("dataset", "acme/d").orElseThrow();
    assertEquals(head, loaded.branches.get("main"));
    assertNotNull(loaded.commits.get(orphan));
    tick();
    String next = commit(reopened, loaded, "main", "goes on", add(reopened, "on.txt", "on"));
    HubState third = open(dir);
    assertEquals(dump(reopened), dump(third));
    RepoData last = third.find("dataset", "acme/d").orElseThrow();
    assertEquals(List.of("goes on", "rows", "initial commit"),
        last.history(last.branches.get("main")).stream().map(CommitData::title).toList());
    assertEquals(next, last.branches.get("main"));
  }

  @Test
  void repoFoldersAreNeverNamedFromIds(@TempDir Path dir) throws IOException {
    HubState s = open(dir.resolve("data"));
    assertThrows(HubError.class, () -> s.create("model", "../escape", false, Map.of(), "alice", Map.of()));
    assertThrows(HubError.class, () -> s.create("model", "acme/..", false, Map.of(), "alice", Map.of()));
    assertThrows(HubError.class, () -> s.create("model", "acme/a..b", false, Map.of(), "alice", Map.of()));
    s.create("model", "acme/x.y", false, Map.of(), "alice", Map.of());
    s.create("dataset", "acme-org/x_y-z", false, Map.of(), "alice", Map.of());
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        Path rel = dir.relativize(p);
        assertTrue(rel.toString().isEmpty() || rel.startsWith("data"), "nothing outside the data dir: " + p);
        assertFalse(rel.toString().contains("acme"), "no path is made from a repo id: " + rel);
      }
    }
    try (Stream<Path> repos = Files.list(dir.resolve("data/repos"))) {
      List<String> names = repos.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(3, names.size(), names::toString);
      assertTrue(names.contains("format.json"));
      assertTrue(names.stream().filter(n -> !n.equals("format.json")).allMatch(n -> n.matches("[0-9a-f]{32}")), names::toString);
    }
  }

  @Test
  void aFolderWhoseRecordIsGoneIsRemovedOnLoad(@TempDir Path dir) throws IOException {
    HubState s = open(dir);
    populate(s);
    Path dDir = repoDir(dir, "acme/d");
    Files.delete(dDir.resolve("repo.json")); // a delete cut short after its first step
    HubState reopened = open(dir);
    assertTrue(reopened.find("dataset", "acme/d").isEmpty());
    assertFalse(Files.exists(dDir));
    assertTrue(reopened.find("model", "acme/m").isPresent());
  }

  @Test
  void aNewerFormatIsRefusedByName(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("repos"));
    Files.writeString(dir.resolve("repos/format.json"), "{\"version\":3}");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(dir));
    assertTrue(e.getMessage().contains("version 3"), e.getMessage());
  }

  /**
   * {@code persistence/v1} was written by the emulator before this layout (a single {@code state.json}): a model
   * with commits, an LFS file, a branch, a tag with a message, a discussion with a comment and a pull request, gated;
   * a private dataset; a Space; a deleted repo.
   */
  @Test
  void theSingleFileFormatLoadsAndMigratesOnTheFirstSave(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    HubState old = open(dir);
    Map<String, Object> loaded = dump(old);
    assertEquals(List.of("model/testuser/m", "dataset/testuser/d", "space/testuser/s"), List.copyOf(loaded.keySet()));
    RepoData m = old.find("model", "testuser/m").orElseThrow();
    String head = "8799b84f70fb7a562bb68791be1d83f918de7754";
    assertEquals(head, m.branches.get("main"));
    assertEquals(head, m.branches.get("dev"));
    assertEquals(head, m.tags.get("v1"));
    assertEquals("first release", m.tagMessages.get("v1"));
    assertEquals(List.of("drop a", "add files", "initial commit"),
        m.history(head).stream().map(CommitData::title).toList());
    CommitData c = m.commits.get(head);
    assertEquals(List.of(".gitattributes", "b.txt", "c.txt", "w.bin"), List.copyOf(c.tree().keySet()));
    assertEquals(GitObjects.treeOid(c.tree()), c.treeOid());
    assertTrue(c.tree().get("w.bin").lfs());
    assertTrue(m.lfsObjects.contains(c.tree().get("w.bin").sha256()));
    assertEquals("gamma", old.textAt(c, "c.txt"));
    assertEquals("auto", m.gated);
    assertEquals(List.of("A question", "A change"), m.pullRequests.values().stream().map(p -> p.title).toList());
    assertEquals(2, m.pullRequests.get(1).events.size());
    assertTrue(m.pullRequests.get(2).isPullRequest);
    assertTrue(old.find("dataset", "testuser/d").orElseThrow().isPrivate);
    assertEquals("gradio", old.find("space", "testuser/s").orElseThrow().attributes.get("sdk"));
    assertFalse(Files.exists(dir.resolve("repos")), "loading alone writes nothing");

    // The first save writes the whole new layout, then drops state.json.
    old.mutate(m, () -> null);
    assertFalse(Files.exists(dir.resolve("state.json")));
    assertTrue(Files.exists(dir.resolve("repos/format.json")));
    HubState migrated = open(dir);
    assertEquals(loaded, dump(migrated));

    tick();
    RepoData d = migrated.find("dataset", "testuser/d").orElseThrow();
    commit(migrated, d, "main", "more rows", add(migrated, "data/y.csv", "3,4\n"));
    assertEquals(dump(migrated), dump(open(dir)));
  }

  @Test
  void aMigrationCutShortIsDoneAgainFromStateJson(@TempDir Path dir) throws IOException {
    copyFixture(dir);
    Map<String, Object> loaded = dump(open(dir));
    // A migration that stopped half way: a repo folder but no format.json; state.json is still the truth.
    Path partial = Files.createDirectories(dir.resolve("repos/0123456789abcdef0123456789abcdef"));
    Files.writeString(partial.resolve("commits.jsonl"), "{\"id\":");
    HubState again = open(dir);
    assertEquals(loaded, dump(again));
    again.delete("space", "testuser/s"); // the first save is a delete: the rest migrates
    assertFalse(Files.exists(partial));
    assertFalse(Files.exists(dir.resolve("state.json")));
    Map<String, Object> expected = new LinkedHashMap<>(loaded);
    expected.remove("space/testuser/s");
    assertEquals(expected, dump(open(dir)));
  }

  private static void copyFixture(Path dir) throws IOException {
    List<String> files = List.of("state.json",
        "blobs/11/11ad7efa24975ee4b0c3c3a38ed18737f0658a5f75a0a96787b576a78a023361",
        "blobs/49/492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470",
        "blobs/64/64249b2474dc6631ada1c3f93ad1edeaa44bf91a19545cd6a81beac7c021551e",
        "blobs/8e/8ed3f6ad685b959ead7022518e1af76cd816f8e8ec7ccdda1ed4018e8f2223f8",
        "blobs/be/be9d587defa1f0c09ef49eb17e206983a5f8f8289e4281860bd0ee5a19592c67",
        "blobs/c3/c3ec584e0c3ed14b75ab4eed884077d166bb1b582daf029e0149bb2093ecabc0",
        "blobs/f4/f44e64e75f3948e9f73f8dfa94721c4ce8cbb4f265c4790c702b2d41cfbf2753");
    for (String f : files) {
      try (InputStream in = PersistenceLayoutTest.class.getResourceAsStream("/persistence/v1/" + f)) {
        assertNotNull(in, f);
        Path to = dir.resolve(f);
        Files.createDirectories(to.getParent());
        Files.copy(in, to);
      }
    }
  }

  /** The folder of the repo whose record names {@code id}. */
  private static Path repoDir(Path dir, String id) throws IOException {
    try (Stream<Path> repos = Files.list(dir.resolve("repos"))) {
      for (Path p : repos.filter(Files::isDirectory).toList()) {
        Map<String, Object> record = Json.asObject(Json.parse(Files.readAllBytes(p.resolve("repo.json"))), "record");
        if (id.equals(record.get("id"))) {
          return p;
        }
      }
    }
    throw new AssertionError("no folder for " + id);
  }

  private static Map<Path, byte[]> files(Path root) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static Map<Path, FileTime> times(Path root) throws IOException {
    Map<Path, FileTime> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  private static byte[] lastLine(byte[] journal) {
    int end = journal.length - 1;
    int start = end;
    while (start > 0 && journal[start - 1] != '\n') {
      start--;
    }
    return Arrays.copyOfRange(journal, start, end + 1);
  }
}
