package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.OTHER;
import static io.hf4j.testkit.Fixtures.READ;
import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.path;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepoApiTest {
  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url());
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private static Map<String, Object> create(String name, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("organization", "testuser");
    m.put("type", type);
    return m;
  }

  @Test
  void whoamiNeedsAValidToken() {
    TestHttp.Reply none = http.get("/api/whoami-v2", null);
    assertEquals(401, none.code());
    assertEquals("Invalid username or password.", none.obj().get("error"));

    TestHttp.Reply bad = http.get("/api/whoami-v2", "hf_not_a_token");
    assertEquals(401, bad.code());
    assertEquals("Invalid credentials in Authorization header", bad.header("X-Error-Message"));
    assertNotNull(bad.header("X-Request-Id"));

    TestHttp.Reply ok = http.get("/api/whoami-v2", WRITE);
    assertEquals(200, ok.code());
    assertEquals("user", ok.obj().get("type"));
    assertEquals("testuser", ok.obj().get("name"));
    assertEquals("testorg", path(ok.json(), "orgs", "0", "name"));
    assertEquals("write", path(ok.json(), "auth", "accessToken", "role"));
    assertEquals("access_token", path(ok.json(), "auth", "type"));
    assertNotNull(path(ok.json(), "auth", "accessToken", "createdAt"));

    assertEquals("read", path(http.get("/api/whoami-v2", READ).json(), "auth", "accessToken", "role"));
  }

  @Test
  void invalidTokenIsRefusedEvenOnPublicReads() {
    Fixtures.createRepo(http, "model", "pub");
    assertEquals(200, http.get("/api/models/testuser/pub", null).code());
    assertEquals(401, http.get("/api/models/testuser/pub", "hf_wrong").code());
  }

  @Test
  void createAnswersUrlNameAndIdThen409WithUrl() {
    TestHttp.Reply r = http.postJson("/api/repos/create", WRITE, create("demo", "model"));
    assertEquals(200, r.code(), r::text);
    assertEquals(hub.url() + "/testuser/demo", r.obj().get("url"));
    assertEquals("testuser/demo", r.obj().get("name"));
    assertTrue(((String) r.obj().get("id")).matches("[0-9a-f]{24}"));

    TestHttp.Reply again = http.postJson("/api/repos/create", WRITE, create("demo", "model"));
    assertEquals(409, again.code());
    assertEquals("You already created this model repo", again.obj().get("error"));
    assertEquals(hub.url() + "/testuser/demo", again.obj().get("url"));

    TestHttp.Reply ds = http.postJson("/api/repos/create", WRITE, create("demo", "dataset"));
    assertEquals(hub.url() + "/datasets/testuser/demo", ds.obj().get("url"));
    assertEquals(List.of(".gitattributes"), new ArrayList<>(hub.repo(RepoType.DATASET, "testuser/demo").files("main").keySet()));
  }

  @Test
  void createAcceptsPrivateAndVisibilityForms() {
    Map<String, Object> legacy = create("a", "model");
    legacy.put("private", true);
    assertEquals(200, http.postJson("/api/repos/create", WRITE, legacy).code());
    Map<String, Object> modern = create("b", "model");
    modern.put("visibility", "private");
    assertEquals(200, http.postJson("/api/repos/create", WRITE, modern).code());
    Map<String, Object> pub = create("c", "model");
    pub.put("visibility", "public");
    assertEquals(200, http.postJson("/api/repos/create", WRITE, pub).code());
    Map<String, Object> bad = create("d", "model");
    bad.put("visibility", "secret");
    assertEquals(400, http.postJson("/api/repos/create", WRITE, bad).code());

    assertTrue(hub.repo("testuser/a").isPrivate());
    assertTrue(hub.repo("testuser/b").isPrivate());
    assertFalse(hub.repo("testuser/c").isPrivate());
  }

  @Test
  void createChecksTokenRoleNamespaceNameAndSdk() {
    assertEquals(401, http.postJson("/api/repos/create", null, create("x", "model")).code());
    TestHttp.Reply readOnly = http.postJson("/api/repos/create", READ, create("x", "model"));
    assertEquals(403, readOnly.code());
    assertTrue(readOnly.obj().get("error").toString().contains("read"));
    assertEquals(403, http.postJson("/api/repos/create", OTHER, create("x", "model")).code());

    Map<String, Object> inOrg = create("x", "model");
    inOrg.put("organization", "testorg");
    assertEquals(200, http.postJson("/api/repos/create", WRITE, inOrg).code());

    assertEquals(400, http.postJson("/api/repos/create", WRITE, create("bad--name", "model")).code());
    assertEquals(400, http.postJson("/api/repos/create", WRITE, create("-bad", "model")).code());
    assertEquals(400, http.postJson("/api/repos/create", WRITE, create("space", "space")).code());
    Map<String, Object> space = create("space", "space");
    space.put("sdk", "gradio");
    assertEquals(200, http.postJson("/api/repos/create", WRITE, space).code());
    RepoView view = hub.repo(RepoType.SPACE, "testuser/space");
    assertEquals("gradio", view.attributes().get("sdk"));
    assertTrue(new String(view.fileBytes("main", "README.md")).contains("sdk: gradio"));
  }

  @Test
  void deleteAnswersOkThen404RepoNotFound() {
    Fixtures.createRepo(http, "dataset", "gone");
    Map<String, Object> body = create("gone", "dataset");
    TestHttp.Reply r = http.deleteJson("/api/repos/delete", WRITE, body);
    assertEquals(200, r.code());
    assertEquals("OK", r.text());
    assertTrue(r.header("Content-Type").startsWith("text/plain"));
    TestHttp.Reply again = http.deleteJson("/api/repos/delete", WRITE, body);
    assertEquals(404, again.code());
    assertEquals("RepoNotFound", again.header("X-Error-Code"));
    assertNull(hub.findRepo(RepoType.DATASET, "testuser/gone"));
  }

  @Test
  void infoAndRevisionCarryShaSiblingsAndExpand() {
    Fixtures.createRepo(http, "model", "info");
    Fixtures.commit(http, "models/testuser/info", "main", new Fixtures.Commit("add").file("a/b.txt", utf8("hi")));
    String head = hub.repo("testuser/info").head("main");

    TestHttp.Reply info = http.get("/api/models/testuser/info", null);
    assertEquals(200, info.code());
    assertEquals(head, info.obj().get("sha"));
    assertEquals("testuser/info", info.obj().get("id"));
    assertEquals(false, info.obj().get("private"));
    assertEquals(List.of(Map.of("rfilename", ".gitattributes"), Map.of("rfilename", "a/b.txt")), info.obj().get("siblings"));

    TestHttp.Reply blobs = http.get("/api/models/testuser/info?blobs=true", null);
    assertEquals(Long.valueOf(2), Fixtures.<Long>path(blobs.json(), "siblings", "1", "size"));

    TestHttp.Reply rev = http.get("/api/models/testuser/info/revision/main?expand=xetEnabled", null);
    assertEquals(List.of("_id", "id", "xetEnabled"), new ArrayList<>(rev.obj().keySet()));
    assertEquals(true, rev.obj().get("xetEnabled"), "the emulator offers Xet storage (builder xet(false) turns it off)");

    TestHttp.Reply headRev = http.get("/api/models/testuser/info/revision/HEAD?expand[]=sha", null);
    assertEquals(head, headRev.obj().get("sha"));

    String first = hub.repo("testuser/info").commits("main").get(1).id();
    assertEquals(first, http.get("/api/models/testuser/info/revision/" + first, null).obj().get("sha"));
    assertEquals(first, http.get("/api/models/testuser/info/revision/" + first.substring(0, 7), null).obj().get("sha"));

    TestHttp.Reply missing = http.get("/api/models/testuser/info/revision/nope", null);
    assertEquals(404, missing.code());
    assertEquals("RevisionNotFound", missing.header("X-Error-Code"));
    TestHttp.Reply noRepo = http.get("/api/models/testuser/nope", WRITE);
    assertEquals(404, noRepo.code());
    assertEquals("RepoNotFound", noRepo.header("X-Error-Code"));
    assertEquals(401, http.get("/api/models/testuser/nope", null).code());
  }

  @Test
  void plainErrorsCarryNoErrorHeadersLikeTheHub() {
    http.postJson("/api/repos/create", WRITE, create("twice", "model"));
    TestHttp.Reply again = http.postJson("/api/repos/create", WRITE, create("twice", "model"));
    assertEquals(409, again.code());
    assertNull(again.header("X-Error-Code"));
    assertNull(again.header("X-Error-Message"));
    assertEquals("You already created this model repo", again.obj().get("error"));
  }

  @Test
  void privateReposAreHiddenFromOthers() {
    Map<String, Object> body = create("secret", "model");
    body.put("private", true);
    http.postJson("/api/repos/create", WRITE, body);
    assertEquals(200, http.get("/api/models/testuser/secret", WRITE).code());
    assertEquals(200, http.get("/api/models/testuser/secret", READ).code());
    TestHttp.Reply anonymous = http.get("/api/models/testuser/secret", null);
    assertEquals(401, anonymous.code());
    // As the Hub: a bare 401 with its message in the body, no X-Error-* header.
    assertNull(anonymous.header("X-Error-Code"));
    assertNull(anonymous.header("X-Error-Message"));
    assertEquals("Invalid username or password.", anonymous.obj().get("error"));
    TestHttp.Reply other = http.get("/api/models/testuser/secret", OTHER);
    assertEquals(404, other.code());
    assertEquals("RepoNotFound", other.header("X-Error-Code"));
    assertEquals(401, http.get("/testuser/secret/resolve/main/.gitattributes", null).code());
  }

  @Test
  void settingsChangeVisibilityAndGating() {
    Fixtures.createRepo(http, "model", "s");
    assertEquals(200, http.send("PUT", "/api/models/testuser/s/settings", WRITE, TestHttp.JSON,
        utf8("{\"visibility\":\"private\",\"gated\":\"auto\"}")).code());
    assertTrue(hub.repo("testuser/s").isPrivate());
    assertEquals("auto", http.get("/api/models/testuser/s", WRITE).obj().get("gated"));
    assertEquals(403, http.send("PUT", "/api/models/testuser/s/settings", READ, TestHttp.JSON, utf8("{\"private\":false}")).code());
  }

  @Test
  void moveRenamesTheRepo() {
    Fixtures.createRepo(http, "model", "old");
    Map<String, Object> body = Map.of("fromRepo", "testuser/old", "toRepo", "testorg/new", "type", "model");
    assertEquals(200, http.postJson("/api/repos/move", WRITE, body).code());
    assertNull(hub.findRepo(RepoType.MODEL, "testuser/old"));
    assertEquals(200, http.get("/api/models/testorg/new", null).code());
  }

  @Test
  void refsBranchesTagsAndCommitHistory() {
    Fixtures.createRepo(http, "model", "refs");
    String base = "/api/models/testuser/refs";
    assertEquals(200, http.postJson(base + "/branch/dev", WRITE, Map.of()).code());
    assertEquals(409, http.postJson(base + "/branch/dev", WRITE, Map.of()).code());
    Fixtures.commit(http, "models/testuser/refs", "dev", new Fixtures.Commit("on dev").file("d.txt", utf8("d")));
    assertEquals(200, http.postJson(base + "/tag/dev", WRITE, Map.of("tag", "v1")).code());
    assertEquals(409, http.postJson(base + "/tag/main", WRITE, Map.of("tag", "v1")).code());

    TestHttp.Reply refs = http.get(base + "/refs", null);
    List<Object> branches = Fixtures.path(refs.json(), "branches");
    assertEquals(2, branches.size());
    assertEquals("refs/heads/dev", path(refs.json(), "branches", "0", "ref"));
    assertEquals(hub.repo("testuser/refs").head("dev"), path(refs.json(), "tags", "0", "targetCommit"));
    assertNull(refs.obj().get("pullRequests"));
    assertNotNull(http.get(base + "/refs?include_prs=1", null).obj().get("pullRequests"));

    TestHttp.Reply commits = http.get(base + "/commits/dev", null);
    assertEquals(2, commits.list().size());
    assertEquals("on dev", path(commits.json(), "0", "title"));
    assertEquals("testuser", path(commits.json(), "0", "authors", "0", "user"));
    assertEquals("initial commit", path(commits.json(), "1", "title"));
    assertEquals(1, http.get(base + "/commits/main", null).list().size());

    TestHttp.Reply page = http.get(base + "/commits/dev?limit=1", null);
    assertEquals(1, page.list().size());
    assertEquals("2", page.header("X-Total-Count"));
    String link = page.header("Link");
    assertTrue(link.endsWith("; rel=\"next\""), link);
    String next = link.substring(1, link.indexOf('>'));
    assertEquals("initial commit", path(http.get(next, null).json(), "0", "title"));

    assertEquals(200, http.send("DELETE", base + "/tag/v1", WRITE, TestHttp.JSON, new byte[0]).code());
    assertEquals(200, http.send("DELETE", base + "/branch/dev", WRITE, TestHttp.JSON, new byte[0]).code());
    assertEquals(403, http.send("DELETE", base + "/branch/main", WRITE, TestHttp.JSON, new byte[0]).code());
    assertEquals(404, http.send("DELETE", base + "/branch/dev", WRITE, TestHttp.JSON, new byte[0]).code());
  }

  @Test
  void treeListsRecursivelyPaginatesAnd404s() {
    Fixtures.createRepo(http, "model", "tree");
    Fixtures.Commit c = new Fixtures.Commit("files");
    for (int i = 0; i < 5; i++) {
      c.file("dir/f" + i + ".txt", utf8("content " + i));
    }
    c.file("dir/sub/deep.txt", utf8("deep"));
    Fixtures.commit(http, "models/testuser/tree", "main", c);
    Fixtures.uploadLfs(http, "/testuser/tree", utf8("weights"));
    Fixtures.commit(http, "models/testuser/tree", "main", new Fixtures.Commit("lfs").lfsFile("w.bin", utf8("weights")));

    TestHttp.Reply top = http.get("/api/models/testuser/tree/tree/main", null);
    List<String> topPaths = new ArrayList<>();
    for (Object o : top.list()) {
      topPaths.add((String) Fixtures.path(o, "path"));
    }
    assertEquals(List.of(".gitattributes", "dir", "w.bin"), topPaths);
    assertEquals("directory", path(top.json(), "1", "type"));
    assertEquals(io.hf4j.testkit.internal.Hashes.sha256(utf8("weights")), path(top.json(), "2", "lfs", "oid"));
    assertEquals(Long.valueOf(7), Fixtures.<Long>path(top.json(), "2", "lfs", "size"));

    TestHttp.Reply sub = http.get("/api/models/testuser/tree/tree/main/dir?recursive=true&expand=true", null);
    assertEquals(7, sub.list().size());
    assertNotNull(path(sub.json(), "0", "lastCommit", "id"));

    List<Object> all = new ArrayList<>();
    String url = "/api/models/testuser/tree/tree/main?recursive=true&limit=3";
    while (url != null) {
      TestHttp.Reply page = http.get(url, null);
      all.addAll(page.list());
      String link = page.header("Link");
      url = link == null ? null : link.substring(1, link.indexOf('>'));
    }
    assertEquals(10, all.size());

    TestHttp.Reply missing = http.get("/api/models/testuser/tree/tree/main/nope", null);
    assertEquals(404, missing.code());
    assertEquals("EntryNotFound", missing.header("X-Error-Code"));
  }

  @Test
  void pathsInfoAcceptsFormAndJson() {
    Fixtures.createRepo(http, "model", "pi");
    Fixtures.commit(http, "models/testuser/pi", "main", new Fixtures.Commit("f").file("a/b.txt", utf8("b")));
    TestHttp.Reply form = http.post("/api/models/testuser/pi/paths-info/main", WRITE,
        okhttp3.MediaType.get("application/x-www-form-urlencoded"), "paths=a%2Fb.txt&paths=a&paths=missing&expand=false");
    assertEquals(200, form.code(), form::text);
    assertEquals(2, form.list().size());
    assertEquals("file", path(form.json(), "0", "type"));
    assertEquals(io.hf4j.testkit.internal.Hashes.gitBlobSha1(utf8("b")), path(form.json(), "0", "oid"));
    assertEquals("directory", path(form.json(), "1", "type"));

    TestHttp.Reply json = http.postJson("/api/models/testuser/pi/paths-info/main", WRITE,
        Map.of("paths", List.of("a/b.txt"), "expand", true));
    assertEquals(1, json.list().size());
    assertNotNull(path(json.json(), "0", "lastCommit"));
  }

  @Test
  void discussionsOpenPullRequestRefs() {
    Fixtures.createRepo(http, "model", "d");
    TestHttp.Reply pr = http.postJson("/api/models/testuser/d/discussions", WRITE,
        Map.of("title", "My PR", "description", "", "pullRequest", true));
    assertEquals(200, pr.code(), pr::text);
    assertEquals(1L, pr.obj().get("num"));
    assertEquals(hub.repo("testuser/d").head("main"), hub.repo("testuser/d").pullRequests().get(1));
    assertEquals("My PR", http.get("/api/models/testuser/d/discussions/1", null).obj().get("title"));
    assertEquals(404, http.get("/api/models/testuser/d/discussions/9", null).code());
  }

  @Test
  void validateYamlReportsErrors() {
    TestHttp.Reply ok = http.postJson("/api/validate-yaml", WRITE,
        Map.of("content", "---\nlicense: mit\ntags:\n- a\n---\n# hi\n", "repoType", "model"));
    assertEquals(200, ok.code());
    assertEquals(Map.of("errors", List.of(), "warnings", List.of()), ok.obj());
    TestHttp.Reply bad = http.postJson("/api/validate-yaml", WRITE,
        Map.of("content", "---\nlicense mit\n---\n", "repoType", "model"));
    assertEquals(400, bad.code());
    assertEquals(1, ((List<?>) bad.obj().get("errors")).size());
  }

  @Test
  void unknownRoutesAnswerHubStyle404() {
    TestHttp.Reply r = http.get("/api/nothing/here", null);
    assertEquals(404, r.code());
    assertNotNull(r.obj().get("error"));
    assertNotNull(r.header("RateLimit"));
  }
}
