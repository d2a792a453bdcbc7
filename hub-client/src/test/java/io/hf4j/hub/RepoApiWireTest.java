package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.ConflictException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RevisionNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact requests of issue 16's calls and how the Hub's answers (shapes from {@code hf_api.py}) are read. */
class RepoApiWireTest {
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path home;
  MockHub mock;
  HubClient hub;
  final RepoId repo = RepoId.of("acme/model");

  @BeforeEach
  void setUp() {
    mock = new MockHub(server, home);
    hub = mock.hub;
  }

  private static MockResponse page(String body, String nextUrl) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body);
    if (nextUrl != null) b.setHeader("Link", "<" + nextUrl + ">; rel=\"next\"");
    return b.build();
  }

  @Test
  void listModelsSendsTheSearchAndFollowsLinkPagesLazilyUpToTheLimit() throws Exception {
    String next = mock.endpoint() + "/api/models?author=acme&limit=2&cursor=eyIkIjoyfQ";
    server.enqueue(page("[{\"_id\":\"1\",\"id\":\"acme/a\",\"likes\":3,\"private\":false,\"downloads\":10,"
        + "\"tags\":[\"vision\"],\"createdAt\":\"2024-01-01T00:00:00.000Z\",\"modelId\":\"acme/a\"},"
        + "{\"_id\":\"2\",\"id\":\"acme/b\",\"tags\":[]}]", next));
    server.enqueue(page("[{\"_id\":\"3\",\"id\":\"acme/c\"},{\"_id\":\"4\",\"id\":\"acme/d\"}]", mock.endpoint() + "/api/models?p=3"));
    List<ModelInfo> models = hub.listModels(ListReposParams.builder().author("acme").search("bert").filter("vision")
        .filter("license:mit").sort("last_modified").direction(-1).limit(3).expand("likes", "private").build()).toList();
    assertEquals(List.of("acme/a", "acme/b", "acme/c"), models.stream().map(ModelInfo::id).toList());
    assertEquals(3L, models.get(0).likes());
    assertEquals(List.of("vision"), models.get(0).tags());
    assertEquals(10.0, models.get(0).raw().get("downloads"));
    RecordedRequest first = mock.take();
    assertEquals("GET", first.getMethod());
    assertEquals("/api/models", first.getUrl().encodedPath());
    assertEquals("filter=vision&filter=license%3Amit&author=acme&search=bert&sort=lastModified&direction=-1&limit=3"
        + "&expand=likes&expand=private", first.getUrl().encodedQuery());
    assertEquals("/api/models?author=acme&limit=2&cursor=eyIkIjoyfQ", mock.take().getTarget());
    assertEquals(2, server.getRequestCount(), "the third page is never fetched");
  }

  @Test
  void listDatasetsAndSpacesUseTheirEndpointsAndTypes() throws Exception {
    server.enqueue(MockHub.json("[{\"_id\":\"1\",\"id\":\"acme/ds\",\"author\":\"acme\",\"gated\":\"auto\",\"private\":true}]"));
    server.enqueue(MockHub.json("[{\"_id\":\"2\",\"id\":\"acme/sp\",\"sdk\":\"gradio\"}]"));
    DatasetInfo ds = hub.listDatasets(ListReposParams.builder().full(true).gated(true).build()).findFirst().orElseThrow();
    assertEquals("acme/ds", ds.id());
    assertEquals("auto", ds.gated());
    assertEquals("/api/datasets?gated=true&full=true", mock.take().getTarget());
    SpaceInfo sp = hub.listSpaces().findFirst().orElseThrow();
    assertEquals("gradio", sp.sdk());
    assertEquals("/api/spaces", mock.take().getTarget());
  }

  @Test
  void anUnknownSortKeyIsATypedErrorNamingItAndNothingIsSent() {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> hub.listModels(ListReposParams.builder().sort("stars").build()));
    assertTrue(e.getMessage().contains("'stars'"), e.getMessage());
    assertTrue(e.getMessage().contains("last_modified"), e.getMessage());
    HfValidationException spaces = assertThrows(HfValidationException.class,
        () -> hub.listSpaces(ListReposParams.builder().sort("downloads").build()));
    assertTrue(spaces.getMessage().contains("'downloads'"), spaces.getMessage());
    assertThrows(HfValidationException.class, () -> ListReposParams.builder().direction(0));
    assertThrows(HfValidationException.class, () -> ListReposParams.builder().full(true).expand("likes").build());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void listRepoCommitsEncodesTheRevisionAsksForFormattedAndPages() throws Exception {
    String next = mock.endpoint() + "/api/datasets/acme/data/commits/refs%2Fpr%2F1?expand%5B%5D=formatted&p=1";
    server.enqueue(page("[{\"id\":\"" + "a".repeat(40) + "\",\"title\":\"Upload\",\"message\":\"Upload\\n\\nbody\","
        + "\"authors\":[{\"user\":\"alice\",\"avatar\":\"/a.png\"}],\"date\":\"2024-05-01T10:00:00.000Z\","
        + "\"formatted\":{\"title\":\"<p>Upload</p>\",\"message\":\"<p>body</p>\"}}]", next));
    server.enqueue(page("[{\"id\":\"" + "b".repeat(40) + "\",\"title\":\"initial commit\",\"message\":\"\","
        + "\"authors\":[],\"date\":\"2024-04-01T10:00:00.000Z\"}]", null));
    List<GitCommitInfo> commits = hub.listRepoCommits(RepoId.dataset("acme/data"), ListRepoCommitsParams.builder()
        .revision("refs/pr/1").formatted(true).build()).toList();
    assertEquals(2, commits.size());
    GitCommitInfo c = commits.get(0);
    assertEquals("a".repeat(40), c.commitId());
    assertEquals(List.of("alice"), c.authors());
    assertEquals("Upload\n\nbody", c.message());
    assertEquals("<p>Upload</p>", c.formattedTitle());
    assertEquals(java.time.Instant.parse("2024-05-01T10:00:00Z"), c.createdAt());
    assertNull(commits.get(1).formattedTitle());
    assertEquals("/api/datasets/acme/data/commits/refs%2Fpr%2F1?expand%5B%5D=formatted", mock.take().getTarget());
    assertEquals("/api/datasets/acme/data/commits/refs%2Fpr%2F1?expand%5B%5D=formatted&p=1", mock.take().getTarget());
  }

  @Test
  void listRepoRefsReadsEveryKindAndPullRequestsOnlyWhenAsked() throws Exception {
    String c = "c".repeat(40);
    server.enqueue(MockHub.json("{\"branches\":[{\"name\":\"main\",\"ref\":\"refs/heads/main\",\"targetCommit\":\"" + c + "\"}],"
        + "\"converts\":[{\"name\":\"parquet\",\"ref\":\"refs/convert/parquet\",\"targetCommit\":\"" + c + "\"}],"
        + "\"tags\":[{\"name\":\"v1\",\"ref\":\"refs/tags/v1\",\"targetCommit\":\"" + c + "\"}],"
        + "\"pullRequests\":[{\"name\":\"refs/pr/1\",\"ref\":\"refs/pr/1\",\"targetCommit\":\"" + c + "\"}]}"));
    server.enqueue(MockHub.json("{\"branches\":[],\"converts\":[],\"tags\":[]}"));
    GitRefs refs = hub.listRepoRefs(repo, ListRepoRefsParams.builder().includePullRequests(true).build());
    assertEquals(new GitRefInfo("main", "refs/heads/main", c), refs.branches().get(0));
    assertEquals("refs/convert/parquet", refs.converts().get(0).ref());
    assertEquals("v1", refs.tags().get(0).name());
    assertEquals("refs/pr/1", refs.pullRequests().get(0).name());
    assertEquals("/api/models/acme/model/refs?include_prs=1", mock.take().getTarget());
    assertNull(hub.listRepoRefs(repo).pullRequests());
    assertEquals("/api/models/acme/model/refs", mock.take().getTarget());
  }

  @Test
  void getPathsInfoPostsAFormAndReadsFilesAndFolders() throws Exception {
    server.enqueue(MockHub.json("[{\"type\":\"file\",\"oid\":\"" + "1".repeat(40) + "\",\"size\":2048,\"lfs\":{\"oid\":\""
        + "2".repeat(64) + "\",\"size\":2048,\"pointerSize\":134},\"xetHash\":\"" + "3".repeat(64) + "\",\"path\":\"w.bin\"},"
        + "{\"type\":\"directory\",\"oid\":\"" + "4".repeat(40) + "\",\"size\":0,\"path\":\"dir\"}]"));
    List<RepoTreeEntry> entries = hub.getPathsInfo(repo, List.of("w.bin", "dir", "missing"),
        GetPathsInfoParams.builder().revision("v1.0").build());
    RepoFile f = assertInstanceOf(RepoFile.class, entries.get(0));
    assertEquals(2048, f.size());
    assertEquals("2".repeat(64), f.lfs().sha256());
    assertEquals("3".repeat(64), f.xetHash());
    assertEquals("dir", assertInstanceOf(RepoFolder.class, entries.get(1)).path());
    RecordedRequest r = mock.take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/models/acme/model/paths-info/v1.0", r.getTarget());
    assertTrue(r.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    assertEquals("paths=w.bin&paths=dir&paths=missing&expand=false", r.getBody().utf8());
  }

  @Test
  void getHfFileMetadataReadsTheHeadersIncludingTheXetHash() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302)
        .setHeader("Location", "https://cas-bridge.xethub.hf.co/xet-bridge-us/abc?X-Amz-Signature=secret")
        .setHeader("X-Repo-Commit", "d".repeat(40)).setHeader("X-Linked-Etag", "\"" + "e".repeat(64) + "\"")
        .setHeader("X-Linked-Size", "123456").setHeader("X-Xet-Hash", "f".repeat(64))
        .setHeader("ETag", "\"weak\"").build());
    FileMetadata m = hub.getHfFileMetadata(repo, "model.safetensors", RepoRefParams.builder().revision("main").build());
    assertEquals("d".repeat(40), m.commitHash());
    assertEquals("e".repeat(64), m.etag());
    assertEquals(123456, m.size());
    assertEquals("f".repeat(64), m.xetHash());
    assertTrue(m.location().startsWith("https://cas-bridge.xethub.hf.co/"));
    assertTrue(!m.toString().contains("secret"), m.toString());
    RecordedRequest r = mock.take();
    assertEquals("HEAD", r.getMethod());
    assertEquals("/acme/model/resolve/main/model.safetensors", r.getTarget());
    assertEquals("identity", r.getHeaders().get("Accept-Encoding"));
  }

  @Test
  void branchesAndTagsSendThePythonClientsRequests() throws Exception {
    server.enqueue(MockHub.json("{}"));
    hub.createBranch(repo, "release/v1", CreateBranchParams.builder().revision("v0").build());
    RecordedRequest r = mock.take();
    assertEquals("POST", r.getMethod());
    assertEquals("/api/models/acme/model/branch/release%2Fv1", r.getTarget());
    assertEquals(Map.of("startingPoint", "v0"), TestJson.object(r.getBody().utf8()));

    server.enqueue(MockHub.json(409, "{\"error\":\"Reference already exists: refs/heads/dev\"}"));
    ConflictException e = assertThrows(ConflictException.class, () -> hub.createBranch(repo, "dev"));
    assertTrue(e.getMessage().contains("refs/heads/dev"), e.getMessage());
    assertEquals("{}", mock.take().getBody().utf8());
    server.enqueue(MockHub.json(409, "{\"error\":\"Reference already exists: refs/heads/dev\"}"));
    hub.createBranch(repo, "dev", CreateBranchParams.builder().existOk(true).build());
    mock.take();

    server.enqueue(MockHub.json("{}"));
    hub.createTag(repo, "v1", CreateTagParams.builder().tagMessage("first").revision("refs/pr/2").build());
    r = mock.take();
    assertEquals("/api/models/acme/model/tag/refs%2Fpr%2F2", r.getTarget());
    assertEquals(Map.of("tag", "v1", "message", "first"), TestJson.object(r.getBody().utf8()));

    server.enqueue(new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RevisionNotFound")
        .setHeader("Content-Type", "application/json").body("{\"error\":\"Invalid rev id: nope\"}").build());
    assertThrows(RevisionNotFoundException.class, () -> hub.createTag(repo, "v2", CreateTagParams.builder().revision("nope").build()));
    mock.take();

    server.enqueue(MockHub.json("{}"));
    server.enqueue(MockHub.json("{}"));
    hub.deleteBranch(repo.withType(RepoType.SPACE), "release/v1");
    hub.deleteTag(repo, "v1");
    r = mock.take();
    assertEquals("DELETE /api/spaces/acme/model/branch/release%2Fv1", r.getMethod() + " " + r.getTarget());
    r = mock.take();
    assertEquals("DELETE /api/models/acme/model/tag/v1", r.getMethod() + " " + r.getTarget());

    int before = server.getRequestCount();
    for (String bad : List.of("refs/heads/x", "a..b", "with space", "x.lock", "trailing/")) {
      assertThrows(HfValidationException.class, () -> hub.createBranch(repo, bad), bad);
    }
    assertEquals(before, server.getRequestCount());
  }

  @Test
  void settingsAndMoveSendTheirBodies() throws Exception {
    server.enqueue(MockHub.json("{}"));
    hub.updateRepoSettings(repo, RepoSettingsParams.builder().gated("auto").privateRepo(true).discussionsDisabled(true).build());
    RecordedRequest r = mock.take();
    assertEquals("PUT /api/models/acme/model/settings", r.getMethod() + " " + r.getTarget());
    assertEquals(Map.of("gated", "auto", "visibility", "private", "discussionsDisabled", true), TestJson.object(r.getBody().utf8()));
    server.enqueue(MockHub.json("{}"));
    hub.updateRepoSettings(repo, RepoSettingsParams.builder().notGated().build());
    assertEquals(Map.of("gated", false), TestJson.object(mock.take().getBody().utf8()));
    assertThrows(HfValidationException.class, () -> RepoSettingsParams.builder().build());
    int sent = server.getRequestCount();
    HfValidationException notASpace = assertThrows(HfValidationException.class,
        () -> hub.updateRepoSettings(repo, RepoSettingsParams.builder().visibility("protected").build()));
    assertTrue(notASpace.getMessage().contains("Only Spaces can be 'protected'"), notASpace.getMessage());
    assertEquals(sent, server.getRequestCount(), "refused before sending");
    server.enqueue(MockHub.json("{}"));
    hub.updateRepoSettings(RepoId.space("acme/app"), RepoSettingsParams.builder().visibility("protected").build());
    r = mock.take();
    assertEquals("PUT /api/spaces/acme/app/settings", r.getMethod() + " " + r.getTarget());
    assertEquals(Map.of("visibility", "protected"), TestJson.object(r.getBody().utf8()));
    assertThrows(HfValidationException.class, () -> RepoSettingsParams.builder().gated("yes"));

    server.enqueue(new MockResponse.Builder().code(200).body("").build());
    hub.moveRepo(RepoId.dataset("acme/model"), RepoId.dataset("acme/renamed"));
    r = mock.take();
    assertEquals("POST /api/repos/move", r.getMethod() + " " + r.getTarget());
    assertEquals(Map.of("fromRepo", "acme/model", "toRepo", "acme/renamed", "type", "dataset"), TestJson.object(r.getBody().utf8()));
    server.enqueue(MockHub.json(409, "{\"error\":\"A model repo named acme/taken already exists\"}"));
    ConflictException e = assertThrows(ConflictException.class, () -> hub.moveRepo(repo, RepoId.of("acme/taken")));
    assertTrue(e.getMessage().contains("acme/taken"), e.getMessage());
    mock.take();
    int before = server.getRequestCount();
    assertThrows(HfValidationException.class, () -> hub.moveRepo(RepoId.of("model"), RepoId.of("acme/x")));
    assertEquals(before, server.getRequestCount());
  }

  private static String discussion(int num, String status, boolean pr) {
    return "{\"num\":" + num + ",\"title\":\"T" + num + "\",\"status\":\"" + status + "\",\"isPullRequest\":" + pr
        + ",\"author\":{\"name\":\"alice\",\"type\":\"user\"},\"createdAt\":\"2024-02-01T00:00:00.000Z\","
        + "\"repo\":{\"name\":\"acme/model\",\"type\":\"model\"},\"pinned\":false,\"numComments\":1}";
  }

  @Test
  void discussionsPageByPageAndDetailsEventsAndChanges() throws Exception {
    server.enqueue(MockHub.json("{\"discussions\":[" + discussion(3, "open", true) + "," + discussion(2, "closed", false)
        + "],\"count\":3,\"start\":0,\"numClosedDiscussions\":1}"));
    server.enqueue(MockHub.json("{\"discussions\":[" + discussion(1, "merged", true) + "],\"count\":3,\"start\":2}"));
    List<Discussion> all = hub.getRepoDiscussions(repo, GetRepoDiscussionsParams.builder().author("alice")
        .discussionType("all").discussionStatus("all").build()).toList();
    assertEquals(List.of(3, 2, 1), all.stream().map(Discussion::num).toList());
    assertEquals("refs/pr/3", all.get(0).gitReference());
    assertNull(all.get(1).gitReference());
    assertEquals(mock.endpoint() + "/acme/model/discussions/3", all.get(0).url());
    assertEquals("/api/models/acme/model/discussions?type=all&status=all&author=alice&p=0", mock.take().getTarget());
    assertEquals("/api/models/acme/model/discussions?type=all&status=all&author=alice&p=1", mock.take().getTarget());
    assertThrows(HfValidationException.class, () -> GetRepoDiscussionsParams.builder().discussionStatus("merged"));

    String details = discussion(3, "open", true).replace("}\n", "").substring(0, discussion(3, "open", true).length() - 1)
        + ",\"events\":[{\"id\":\"e1\",\"type\":\"comment\",\"createdAt\":\"2024-02-01T00:00:00.000Z\",\"author\":{\"name\":\"alice\"},"
        + "\"data\":{\"edited\":false,\"hidden\":false,\"latest\":{\"raw\":\"hi\",\"html\":\"<p>hi</p>\"}}},"
        + "{\"id\":\"e2\",\"type\":\"commit\",\"createdAt\":\"2024-02-02T00:00:00.000Z\",\"author\":{\"name\":\"alice\"},"
        + "\"data\":{\"subject\":\"Upload\",\"oid\":\"" + "9".repeat(40) + "\"}}],"
        + "\"changes\":{\"base\":\"refs/heads/main\",\"mergeCommitId\":null},\"filesWithConflicts\":[\"README.md\"],"
        + "\"diff\":\"diff --git a/x b/x\\n\"}";
    server.enqueue(MockHub.json(details));
    DiscussionWithDetails d = hub.getDiscussionDetails(repo, 3);
    assertEquals("/api/models/acme/model/discussions/3?diff=1", mock.take().getTarget());
    assertEquals("refs/heads/main", d.targetBranch());
    assertEquals(List.of("README.md"), d.conflictingFiles());
    assertNull(d.mergeCommitOid());
    assertEquals("hi", d.events().get(0).content());
    assertEquals("9".repeat(40), d.events().get(1).oid());
    assertEquals("Upload", d.events().get(1).summary());
    assertEquals("diff --git a/x b/x\n", d.diff());
    assertThrows(HfValidationException.class, () -> hub.getDiscussionDetails(repo, 0));
  }

  @Test
  void pullRequestCommentStatusAndMergeRequests() throws Exception {
    server.enqueue(MockHub.json("{\"num\":4,\"pullRequest\":true,\"url\":\"x\"}"));
    server.enqueue(MockHub.json(discussion(4, "draft", true).replace("}}", "}") .replace(",\"numComments\":1}",
        ",\"numComments\":1,\"events\":[],\"changes\":{\"base\":\"refs/heads/main\"},\"filesWithConflicts\":[]}")));
    DiscussionWithDetails pr = hub.createPullRequest(repo, "  Add weights ");
    assertEquals(4, pr.discussion().num());
    assertEquals("draft", pr.discussion().status());
    RecordedRequest r = mock.take();
    assertEquals("POST /api/models/acme/model/discussions", r.getMethod() + " " + r.getTarget());
    assertEquals(Map.of("title", "Add weights", "description", Discussions.DEFAULT_DESCRIPTION, "pullRequest", true),
        TestJson.object(r.getBody().utf8()));
    assertEquals("/api/models/acme/model/discussions/4?diff=1", mock.take().getTarget());

    String event = "{\"id\":\"e9\",\"type\":\"comment\",\"createdAt\":\"2024-02-01T00:00:00.000Z\",\"author\":{\"name\":\"bob\"},"
        + "\"data\":{\"edited\":false,\"hidden\":false,\"latest\":{\"raw\":\"Nice\"}}}";
    server.enqueue(MockHub.json("{\"newMessage\":" + event + "}"));
    DiscussionEvent c = hub.commentDiscussion(repo, 4, "Nice");
    assertEquals("Nice", c.content());
    assertEquals("bob", c.author());
    r = mock.take();
    assertEquals("/api/models/acme/model/discussions/4/comment", r.getTarget());
    assertEquals(Map.of("comment", "Nice"), TestJson.object(r.getBody().utf8()));

    server.enqueue(MockHub.json("{\"newStatus\":{\"id\":\"e10\",\"type\":\"status-change\",\"createdAt\":\"2024-02-01T00:00:00.000Z\","
        + "\"data\":{\"status\":\"closed\"}}}"));
    DiscussionEvent s = hub.changeDiscussionStatus(repo, 4, "closed", " done ");
    assertEquals("closed", s.newStatus());
    assertEquals("deleted", s.author());
    r = mock.take();
    assertEquals("/api/models/acme/model/discussions/4/status", r.getTarget());
    assertEquals(Map.of("status", "closed", "comment", "done"), TestJson.object(r.getBody().utf8()));
    assertThrows(HfValidationException.class, () -> hub.changeDiscussionStatus(repo, 4, "merged"));

    server.enqueue(new MockResponse.Builder().code(200).body("").build());
    server.enqueue(MockHub.json(409, "{\"error\":\"Pull request #4 has conflicts with main in README.md\"}"));
    hub.mergePullRequest(repo, 4, "ship it");
    r = mock.take();
    assertEquals("/api/models/acme/model/discussions/4/merge", r.getTarget());
    assertEquals(Map.of("comment", "ship it"), TestJson.object(r.getBody().utf8()));
    ConflictException e = assertThrows(ConflictException.class, () -> hub.mergePullRequest(repo, 4));
    assertTrue(e.getMessage().contains("README.md"), e.getMessage());
    assertEquals("", mock.take().getBody().utf8());
  }
}
