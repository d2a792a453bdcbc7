package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.OTHER;
import static io.hf4j.testkit.Fixtures.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing and search with Link pages, gated and private reads by other users, discussions and pull request merges. */
class RepoListingAndDiscussionsTest {
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  @TempDir Path dir;
  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().dataDir(dir.resolve("data")).clock(EmulatorClock.manual()).build().start();
    http = new TestHttp(hub.url());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return m;
  }

  private static int num(Object o) {
    return ((Number) o).intValue();
  }

  private static List<String> ids(TestHttp.Reply r) {
    List<String> out = new ArrayList<>();
    for (Object o : r.list()) {
      out.add((String) ((Map<?, ?>) o).get("id"));
    }
    return out;
  }

  @Test
  void listingFiltersSortsAndPagesWithLinkHeaders() {
    for (int i = 1; i <= 5; i++) {
      hub.repos().create(RepoType.MODEL, "testuser/m" + i, false, Map.of());
      hub.clock().advance(java.time.Duration.ofSeconds(1));
    }
    hub.repos().create(RepoType.MODEL, "testuser/hidden", true, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/m2", "main", "card",
        files("README.md", "---\nlicense: mit\nlibrary_name: timm\ntags: [vision, \"demo\"]\n---\n"), Set.of());

    List<String> all = new ArrayList<>();
    String next = "/api/models?author=testuser&sort=createdAt&direction=1&limit=2";
    int pages = 0;
    while (next != null) {
      TestHttp.Reply page = http.get(next, OTHER);
      assertEquals(200, page.code(), page.toString());
      assertTrue(page.list().size() <= 2);
      all.addAll(ids(page));
      String link = page.header("Link");
      Matcher m = link == null ? null : NEXT.matcher(link);
      next = m != null && m.find() ? m.group(1) : null;
      pages++;
    }
    assertEquals(List.of("testuser/m1", "testuser/m2", "testuser/m3", "testuser/m4", "testuser/m5"), all,
        "ascending by creation, the private repo hidden from another user");
    assertEquals(3, pages);

    List<String> owner = ids(http.get("/api/models?author=testuser&sort=createdAt", WRITE));
    assertEquals("testuser/hidden", owner.get(0), "descending by default; the owner sees the private repo");
    assertEquals(List.of("testuser/m2"), ids(http.get("/api/models?filter=vision&filter=license:mit", null)));
    assertEquals(List.of(), ids(http.get("/api/models?filter=vision&filter=license:apache-2.0", null)));
    assertEquals(List.of("testuser/m3"), ids(http.get("/api/models?search=M3", null)));

    Map<?, ?> expanded = (Map<?, ?>) http.get("/api/models?search=m2&expand=tags", null).list().get(0);
    assertEquals(Set.of("_id", "id", "tags"), expanded.keySet());
    assertEquals(List.of("license:mit", "timm", "vision", "demo"), expanded.get("tags"));
    Map<?, ?> full = (Map<?, ?>) http.get("/api/models?search=m2&full=true", null).list().get(0);
    assertNotNull(full.get("siblings"));
    assertNotNull(full.get("sha"));

    TestHttp.Reply bad = http.get("/api/models?sort=stars", null);
    assertEquals(400, bad.code());
    assertTrue(bad.text().contains("'stars'"), bad.text());
    assertEquals(400, http.get("/api/spaces?sort=downloads", null).code());
    assertEquals(400, http.get("/api/models?direction=up", null).code());
  }

  @Test
  void gatedFilesAreServedToTheOwnerOnly() {
    hub.repos().create(RepoType.MODEL, "testuser/gated", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/gated", "main", "w", files("w.txt", "weights"), Set.of());
    TestHttp.Reply settings = http.send("PUT", "/api/models/testuser/gated/settings", WRITE, TestHttp.JSON,
        "{\"gated\":\"manual\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, settings.code(), settings.toString());

    assertEquals(200, http.get("/api/models/testuser/gated", OTHER).code(), "info stays readable");
    TestHttp.Reply other = http.get("/testuser/gated/resolve/main/w.txt", OTHER);
    assertEquals(403, other.code());
    assertEquals("GatedRepo", other.header("X-Error-Code"));
    TestHttp.Reply anonymous = http.get("/testuser/gated/resolve/main/w.txt", null);
    assertEquals(401, anonymous.code());
    assertEquals("GatedRepo", anonymous.header("X-Error-Code"));
    assertEquals("weights", http.get("/testuser/gated/resolve/main/w.txt", WRITE).text());

    http.send("PUT", "/api/models/testuser/gated/settings", WRITE, TestHttp.JSON,
        "{\"visibility\":\"private\",\"gated\":false}".getBytes(StandardCharsets.UTF_8));
    assertEquals(404, http.get("/api/models/testuser/gated", OTHER).code());
    assertEquals(404, http.get("/testuser/gated/resolve/main/w.txt", OTHER).code());
    assertEquals(200, http.get("/testuser/gated/resolve/main/w.txt", WRITE).code());
  }

  @Test
  void pullRequestsMergeIntoTheirBranchAndConflictsChangeNothing() {
    hub.repos().create(RepoType.MODEL, "testuser/prs", false, Map.of());
    hub.repos().commit(RepoType.MODEL, "testuser/prs", "main", "seed", files("a.txt", "a0", "b.txt", "b0"), Set.of());
    TestHttp.Reply opened = http.postJson("/api/models/testuser/prs/discussions", OTHER,
        Map.of("title", "Change a", "description", "please", "pullRequest", true));
    assertEquals(200, opened.code(), opened.toString());
    assertEquals(1, num(opened.obj().get("num")));
    assertEquals("draft", opened.obj().get("status"));
    hub.repos().commit(RepoType.MODEL, "testuser/prs", "refs/pr/1", "edit a", files("a.txt", "a1"), Set.of());
    hub.repos().commit(RepoType.MODEL, "testuser/prs", "main", "edit b on main", files("b.txt", "b1"), Set.of());

    Map<String, Object> details = http.get("/api/models/testuser/prs/discussions/1?diff=1", null).obj();
    assertEquals(List.of(), details.get("filesWithConflicts"));
    assertEquals(Map.of("base", "refs/heads/main"), details.get("changes"));
    assertTrue(String.valueOf(details.get("diff")).contains("diff --git a/a.txt b/a.txt"));
    assertEquals(403, http.postJson("/api/models/testuser/prs/discussions/1/merge", OTHER, Map.of()).code(),
        "only the repo's writers merge");
    TestHttp.Reply merged = http.postJson("/api/models/testuser/prs/discussions/1/merge", WRITE, Map.of("comment", "thanks"));
    assertEquals(200, merged.code(), merged.toString());
    RepoView repo = hub.repo("testuser/prs");
    assertEquals("a1", new String(repo.fileBytes("main", "a.txt"), StandardCharsets.UTF_8));
    assertEquals("b1", new String(repo.fileBytes("main", "b.txt"), StandardCharsets.UTF_8));
    details = http.get("/api/models/testuser/prs/discussions/1", null).obj();
    assertEquals("merged", details.get("status"));
    assertEquals(repo.head("main"), ((Map<?, ?>) details.get("changes")).get("mergeCommitId"));
    List<Object> types = new ArrayList<>();
    for (Object e : (List<?>) details.get("events")) {
      types.add(((Map<?, ?>) e).get("type"));
    }
    assertEquals(List.of("comment", "commit", "comment", "status-change"), types);

    TestHttp.Reply second = http.postJson("/api/models/testuser/prs/discussions", WRITE,
        Map.of("title", "Change b", "pullRequest", true));
    int num = ((Number) second.obj().get("num")).intValue();
    hub.repos().commit(RepoType.MODEL, "testuser/prs", "refs/pr/" + num, "b in PR", files("b.txt", "b-pr"), Set.of());
    hub.repos().commit(RepoType.MODEL, "testuser/prs", "main", "b on main", files("b.txt", "b-main"), Set.of());
    String headBefore = repo.head("main");
    TestHttp.Reply conflict = http.postJson("/api/models/testuser/prs/discussions/" + num + "/merge", WRITE, Map.of());
    assertEquals(409, conflict.code());
    assertTrue(conflict.text().contains("b.txt"), conflict.text());
    assertEquals(headBefore, repo.head("main"));
    assertEquals("draft", http.get("/api/models/testuser/prs/discussions/" + num, null).obj().get("status"));
    assertEquals(List.of("b.txt"), http.get("/api/models/testuser/prs/discussions/" + num, null).obj().get("filesWithConflicts"));

    // Discussions, their events and tag messages survive a restart of a persistent emulator.
    http.postJson("/api/models/testuser/prs/tag/main", WRITE, Map.of("tag", "v1", "message", "first"));
    hub.close();
    hub = HubEmulator.builder().dataDir(dir.resolve("data")).clock(EmulatorClock.manual()).build().start();
    http = new TestHttp(hub.url());
    Map<String, Object> list = http.get("/api/models/testuser/prs/discussions", null).obj();
    assertEquals(2, num(list.get("count")));
    assertEquals(4, ((List<?>) http.get("/api/models/testuser/prs/discussions/1", null).obj().get("events")).size());
    assertEquals(List.of("b.txt"), http.get("/api/models/testuser/prs/discussions/" + num, null).obj().get("filesWithConflicts"));
  }

  @Test
  void discussionsListFilterPageAndRespectTheSetting() {
    hub.repos().create(RepoType.MODEL, "testuser/talk", false, Map.of());
    for (int i = 0; i < 55; i++) {
      assertEquals(200, http.postJson("/api/models/testuser/talk/discussions", i % 2 == 0 ? WRITE : OTHER,
          Map.of("title", "Question " + i, "pullRequest", i % 5 == 0)).code());
    }
    Map<String, Object> first = http.get("/api/models/testuser/talk/discussions?p=0", null).obj();
    assertEquals(55, num(first.get("count")));
    assertEquals(0, num(first.get("start")));
    assertEquals(50, ((List<?>) first.get("discussions")).size());
    assertEquals(55, num(((Map<?, ?>) ((List<?>) first.get("discussions")).get(0)).get("num")), "newest first");
    Map<String, Object> second = http.get("/api/models/testuser/talk/discussions?p=1", null).obj();
    assertEquals(5, ((List<?>) second.get("discussions")).size());
    assertEquals(11, num(http.get("/api/models/testuser/talk/discussions?type=pull_request", null).obj().get("count")));
    assertEquals(27, num(http.get("/api/models/testuser/talk/discussions?author=otheruser", null).obj().get("count")));

    TestHttp.Reply close = http.postJson("/api/models/testuser/talk/discussions/2/status", OTHER,
        Map.of("status", "closed", "comment", "done"));
    assertEquals(200, close.code(), close.toString());
    assertEquals("closed", ((Map<?, ?>) ((Map<?, ?>) close.obj().get("newStatus")).get("data")).get("status"));
    assertEquals(403, http.postJson("/api/models/testuser/talk/discussions/1/status", OTHER, Map.of("status", "closed")).code(),
        "another user's discussion in someone else's repo");
    assertEquals(1, num(http.get("/api/models/testuser/talk/discussions?status=closed", null).obj().get("count")));
    TestHttp.Reply comment = http.postJson("/api/models/testuser/talk/discussions/3/comment", OTHER, Map.of("comment", "hi"));
    assertEquals("hi", ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) comment.obj().get("newMessage")).get("data")).get("latest")).get("raw"));

    http.send("PUT", "/api/models/testuser/talk/settings", WRITE, TestHttp.JSON,
        "{\"discussionsDisabled\":true}".getBytes(StandardCharsets.UTF_8));
    assertEquals(403, http.postJson("/api/models/testuser/talk/discussions", WRITE, Map.of("title", "Again")).code());
    assertNull(http.get("/api/models/testuser/talk/discussions/999", null).obj().get("num"));
  }

  @Test
  void moveRedirectsTheOldNameAndRefusesATakenName() {
    hub.repos().create(RepoType.MODEL, "testuser/old", false, Map.of());
    hub.repos().create(RepoType.MODEL, "testuser/taken", false, Map.of());
    TestHttp.Reply taken = http.postJson("/api/repos/move", WRITE, Map.of("fromRepo", "testuser/old", "toRepo", "testuser/taken"));
    assertEquals(409, taken.code());
    assertNotNull(hub.findRepo(RepoType.MODEL, "testuser/old"), "nothing moved");
    assertEquals(200, http.postJson("/api/repos/move", WRITE,
        Map.of("fromRepo", "testuser/old", "toRepo", "testuser/new", "type", "model")).code());
    TestHttp.Reply redirect = http.get("/api/models/testuser/old", null);
    assertEquals(307, redirect.code());
    assertEquals("/api/models/testuser/new", redirect.header("Location"));
  }
}
