package io.hf4j.hub;
import io.hf4j.core.CancelledException;
import io.hf4j.core.CancellationToken;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.PreconditionFailedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact requests of uploads, against MockWebServer: a Hub and a separate storage host. */
class UploadWireTest {
  private static final String SECRETS = "TestSpaceAPIProduction.test_manage_secrets.yaml";
  private static final String HEAD = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";
  private static final String NEW = "d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2";

  @StartStop final MockWebServer server = new MockWebServer();
  @StartStop final MockWebServer storage = new MockWebServer();
  @TempDir Path dir;
  Routes hub;
  Routes store;
  MockHub mock;
  HubClient client;

  @BeforeEach
  void setUp() throws Exception {
    Files.createDirectories(dir.resolve("home"));
    mock = new MockHub(server, dir.resolve("home"));
    client = mock.hub;
    hub = new Routes();
    store = new Routes();
    server.setDispatcher(hub);
    storage.setDispatcher(store);
  }

  private static String preuploadAnswer(Object... pathModeOid) {
    List<Object> files = new ArrayList<>();
    for (int i = 0; i < pathModeOid.length; i += 3) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", pathModeOid[i]);
      f.put("uploadMode", pathModeOid[i + 1]);
      f.put("shouldIgnore", false);
      if (pathModeOid[i + 2] != null) f.put("oid", pathModeOid[i + 2]);
      files.add(f);
    }
    return TestJson.write(Map.of("files", files, "commitOid", HEAD));
  }

  private String commitAnswer(String path) {
    return "{\"success\":true,\"commitOid\":\"" + NEW + "\",\"commitUrl\":\"" + mock.endpoint() + path + "/commit/" + NEW
        + "\",\"hookOutput\":\"\"}";
  }

  private Path write(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    return p;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void uploadFileSendsTheRecordedPreuploadAndCommit() throws Exception {
    Cassettes.Interaction pre = Cassettes.find(SECRETS, "POST", "/preupload/main");
    Cassettes.Interaction commit = Cassettes.find(SECRETS, "POST", "/commit/main");
    Map<String, Object> recordedPre = TestJson.object(pre.requestBody());
    @SuppressWarnings("unchecked")
    Map<String, Object> recordedFile = ((List<Map<String, Object>>) recordedPre.get("files")).get(0);
    Path app = write("app.py", Base64.getDecoder().decode((String) recordedFile.get("sample")));
    assertEquals(152, Files.size(app));
    hub.on("POST /api/spaces/user/tmp_test_space/preupload/main", MockHub.json(pre.responseBody()));
    hub.on("POST /api/spaces/user/tmp_test_space/commit/main", MockHub.json(commit.responseBody()));

    CommitInfo info = client.uploadFile(RepoId.space("user/tmp_test_space"), app, "app.py");

    assertEquals(List.of("POST /api/spaces/user/tmp_test_space/preupload/main",
        "POST /api/spaces/user/tmp_test_space/commit/main"), hub.lines());
    RecordedRequest p = hub.requests.get(0);
    assertEquals("application/json", p.getHeaders().get("Content-Type"));
    assertEquals("Bearer " + MockHub.TOKEN, p.getHeaders().get("Authorization"));
    assertEquals(recordedPre, TestJson.object(p.getBody().utf8()));
    RecordedRequest c = hub.requests.get(1);
    assertEquals("application/x-ndjson", c.getHeaders().get("Content-Type"));
    assertEquals(String.valueOf(c.getBodySize()), c.getHeaders().get("Content-Length"));
    assertEquals("Bearer " + MockHub.TOKEN, c.getHeaders().get("Authorization"));
    assertEquals(TestJson.ndjson(commit.requestBody()), TestJson.ndjson(c.getBody().utf8()));
    assertEquals("855efb9561990d02233a49204227f93ba5cfaa81", info.oid());
    assertEquals("Upload app.py with huggingface_hub", info.commitMessage());
    assertEquals("https://huggingface.co/spaces/user/tmp_test_space", info.repoUrl());
  }

  @Test
  void lfsFileGoesThroughBatchStorageAndVerifyWithoutTheTokenOnStorage() throws Exception {
    byte[] content = random(3000, 1);
    Path file = write("w.bin", content);
    String sha = Hashing.sha256(content);
    String putUrl = storage.url("/upload/obj1?X-Amz-Signature=abc%2Fdef").toString();
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("w.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch", MockHub.json("{\"transfer\":\"basic\",\"objects\":[{\"oid\":\""
        + sha + "\",\"size\":3000,\"authenticated\":true,\"actions\":{\"upload\":{\"href\":\"" + putUrl
        + "\",\"header\":{},\"expires_in\":86400},\"verify\":{\"href\":\"" + mock.endpoint()
        + "/acme/model.git/info/lfs/objects/verify\",\"header\":{}}}}]}"));
    store.on("PUT /upload/obj1", new MockResponse.Builder().setHeader("ETag", "\"x\"").build());
    hub.on("POST /acme/model.git/info/lfs/objects/verify", MockHub.json("{}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));

    CommitInfo info = client.uploadFile(RepoId.of("acme/model"), file, "w.bin",
        UploadFileParams.builder().verifyLfs(true).build());

    RecordedRequest batch = hub.only("POST", "/acme/model.git/info/lfs/objects/batch");
    assertEquals("application/vnd.git-lfs+json", batch.getHeaders().get("Accept"));
    assertEquals("application/vnd.git-lfs+json", batch.getHeaders().get("Content-Type"));
    assertEquals("Bearer " + MockHub.TOKEN, batch.getHeaders().get("Authorization"));
    assertEquals("{\"operation\":\"upload\",\"transfers\":[\"basic\",\"multipart\"],\"objects\":[{\"oid\":\"" + sha
        + "\",\"size\":3000}],\"hash_algo\":\"sha256\",\"ref\":{\"name\":\"main\"}}", batch.getBody().utf8());

    RecordedRequest put = store.only("PUT", "/upload/obj1");
    assertNull(put.getHeaders().get("Authorization"), "the token must never reach storage");
    assertNull(put.getHeaders().get("Content-Type"));
    assertEquals("3000", put.getHeaders().get("Content-Length"));
    assertEquals("X-Amz-Signature=abc%2Fdef", put.getUrl().encodedQuery());
    assertArrayEquals(content, put.getBody().toByteArray());

    RecordedRequest verify = hub.only("POST", "/acme/model.git/info/lfs/objects/verify");
    assertEquals("Bearer " + MockHub.TOKEN, verify.getHeaders().get("Authorization"));
    assertEquals(Map.of("oid", sha, "size", 3000.0), TestJson.object(verify.getBody().utf8()));

    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8());
    assertEquals(Map.of("key", "header", "value", Map.of("summary", "Upload w.bin with huggingface_hub", "description", "")),
        lines.get(0));
    assertEquals(Map.of("key", "lfsFile", "value", Map.of("path", "w.bin", "algo", "sha256", "oid", sha, "size", 3000.0)),
        lines.get(1));
    assertEquals(2, lines.size());
    assertEquals(NEW, info.oid());
  }

  @Test
  void multipartPartsRunInParallelAreRetriedFromDiskAndCompletedWithTheirEtags() throws Exception {
    byte[] content = random(10_000, 2);
    Path file = write("big.bin", content);
    String sha = Hashing.sha256(content);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("chunk_size", "4096");
    header.put("00003", storage.url("/part/3?sig=3").toString());
    header.put("00001", storage.url("/part/1?sig=1").toString());
    header.put("00002", storage.url("/part/2?sig=2").toString());
    Map<String, Object> object = Map.of("oid", sha, "size", 10_000, "actions",
        Map.of("upload", Map.of("href", mock.endpoint() + "/api/complete_multipart?oid=" + sha, "header", header)));
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("big.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch",
        MockHub.json(TestJson.write(Map.of("transfer", "multipart", "objects", List.of(object)))));
    AtomicInteger part2 = new AtomicInteger();
    for (int n = 1; n <= 3; n++) {
      int number = n;
      store.on("PUT /part/" + n, req -> {
        if (number == 2 && part2.incrementAndGet() == 1) return new MockResponse.Builder().code(500).build();
        return new MockResponse.Builder().setHeader("ETag", "\"etag-" + number + "\"").build();
      });
    }
    hub.on("POST /api/complete_multipart", MockHub.json("{}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));

    client.uploadFile(RepoId.of("acme/model"), file, "big.bin");

    List<RecordedRequest> parts = new ArrayList<>(store.requests);
    assertEquals(4, parts.size(), "3 parts and one retry of part 2");
    parts.sort(Comparator.comparing((RecordedRequest r) -> r.getUrl().encodedPath()));
    byte[] joined = new byte[10_000];
    for (RecordedRequest r : parts) {
      assertNull(r.getHeaders().get("Authorization"));
      int n = Integer.parseInt(r.getUrl().encodedPath().substring("/part/".length()));
      byte[] body = r.getBody().toByteArray();
      assertEquals(n == 3 ? 10_000 - 8192 : 4096, body.length);
      System.arraycopy(body, 0, joined, (n - 1) * 4096, body.length);
    }
    assertArrayEquals(content, joined);
    RecordedRequest complete = hub.only("POST", "/api/complete_multipart");
    assertNull(complete.getHeaders().get("Authorization"), "the completion goes without the token, as in Python");
    assertEquals("application/vnd.git-lfs+json", complete.getHeaders().get("Content-Type"));
    assertEquals("{\"oid\":\"" + sha + "\",\"parts\":[{\"partNumber\":1,\"etag\":\"\\\"etag-1\\\"\"},"
        + "{\"partNumber\":2,\"etag\":\"\\\"etag-2\\\"\"},{\"partNumber\":3,\"etag\":\"\\\"etag-3\\\"\"}]}",
        complete.getBody().utf8());
  }

  @Test
  void unchangedFilesAreNeitherUploadedNorCommitted() throws Exception {
    byte[] regular = "same text\n".getBytes(StandardCharsets.UTF_8);
    byte[] large = random(5000, 3);
    write("folder/a.txt", regular);
    write("folder/w.bin", large);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer(
        "a.txt", "regular", Hashing.gitSha1(regular), "w.bin", "lfs", Hashing.sha256(large))));
    List<UploadEvent> events = new CopyOnWriteArrayList<>();

    CommitInfo info = client.uploadFolder(RepoId.of("acme/model"), dir.resolve("folder"),
        UploadFolderParams.builder().listener(events::add).build());

    assertEquals(List.of("POST /api/models/acme/model/preupload/main"), hub.lines());
    assertEquals(HEAD, info.oid());
    assertEquals(mock.endpoint() + "/acme/model/commit/" + HEAD, info.commitUrl());
    assertEquals(2, events.stream().filter(e -> e instanceof UploadEvent.FileSkipped s
        && s.reason() == UploadEvent.SkipReason.UNCHANGED).count());
    UploadEvent.Finished finished = (UploadEvent.Finished) events.get(events.size() - 1);
    assertEquals(0, finished.commits());
    assertEquals(2, finished.filesSkipped());
  }

  @Test
  void anLfsObjectTheStorageHasIsNotSentAgain() throws Exception {
    byte[] content = random(2000, 4);
    Path file = write("w.bin", content);
    String sha = Hashing.sha256(content);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("w.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch",
        MockHub.json("{\"transfer\":\"basic\",\"objects\":[{\"oid\":\"" + sha + "\",\"size\":2000}]}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));
    List<UploadEvent> events = new CopyOnWriteArrayList<>();

    client.uploadFile(RepoId.of("acme/model"), file, "w.bin", UploadFileParams.builder().listener(events::add).build());

    assertEquals(0, store.requests.size());
    assertTrue(events.contains(new UploadEvent.FileUploaded("w.bin", 2000, true)));
    assertTrue(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8().contains(sha));
  }

  @Test
  void createPrAndParentCommitReachEveryCall() throws Exception {
    byte[] content = random(100, 5);
    hub.on("POST /api/datasets/acme/data/preupload/dev", MockHub.json(preuploadAnswer("x.bin", "lfs", null)));
    hub.on("POST /datasets/acme/data.git/info/lfs/objects/batch", MockHub.json("{\"objects\":[{\"oid\":\""
        + Hashing.sha256(content) + "\",\"size\":100}]}"));
    hub.on("POST /api/datasets/acme/data/commit/dev", MockHub.json("{\"commitOid\":\"" + NEW + "\",\"commitUrl\":\""
        + mock.endpoint() + "/datasets/acme/data/commit/" + NEW + "\",\"pullRequestUrl\":\"" + mock.endpoint()
        + "/datasets/acme/data/discussions/3\"}"));

    CommitInfo info = client.createCommit(RepoId.dataset("acme/data"), List.of(CommitOperation.add("x.bin", content)),
        "Add x", CreateCommitParams.builder().revision("dev").createPr(true)
            .parentCommit(HEAD).commitDescription("why").build());

    assertEquals("create_pr=1", hub.only("POST", "/api/datasets/acme/data/preupload/dev").getUrl().encodedQuery());
    Map<String, Object> batch = TestJson.object(hub.only("POST", "/datasets/acme/data.git/info/lfs/objects/batch").getBody().utf8());
    assertFalse(batch.containsKey("ref"), "no ref when opening a PR");
    RecordedRequest commit = hub.only("POST", "/api/datasets/acme/data/commit/dev");
    assertEquals("create_pr=1", commit.getUrl().encodedQuery());
    assertEquals(Map.of("key", "header", "value", Map.of("summary", "Add x", "description", "why", "parentCommit", HEAD)),
        TestJson.ndjson(commit.getBody().utf8()).get(0));
    assertEquals(3, info.prNum());
    assertEquals("refs/pr/3", info.prRevision());
    assertEquals(mock.endpoint() + "/datasets/acme/data/discussions/3", info.prUrl());
  }

  @Test
  void revisionIsEncodedAsOneSegment() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/refs%2Fpr%2F7", MockHub.json(preuploadAnswer("a.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/commit/refs%2Fpr%2F7", MockHub.json(commitAnswer("/acme/model")));
    client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "t",
        CreateCommitParams.builder().revision("refs/pr/7").build());
    assertEquals(2, hub.requests.size());
  }

  @Test
  void gitIgnoreGoesToPreuploadAndIgnoredFilesAreNotCommitted() throws Exception {
    byte[] ignore = "*.log\n".getBytes(StandardCharsets.UTF_8);
    String answer = "{\"files\":[{\"path\":\".gitignore\",\"uploadMode\":\"regular\",\"shouldIgnore\":false},"
        + "{\"path\":\"run.log\",\"uploadMode\":\"regular\",\"shouldIgnore\":true},"
        + "{\"path\":\"b.txt\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}],\"commitOid\":\"" + HEAD + "\"}";
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(answer));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));

    client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add(".gitignore", ignore),
        CommitOperation.add("run.log", new byte[] {1, 2}), CommitOperation.add("b.txt", new byte[] {3})), "t");

    Map<String, Object> pre = TestJson.object(hub.only("POST", "/api/models/acme/model/preupload/main").getBody().utf8());
    assertEquals("*.log\n", pre.get("gitIgnore"));
    assertEquals(List.of("files", "gitIgnore"), List.copyOf(pre.keySet()));
    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8());
    assertEquals(3, lines.size());
    assertEquals(".gitignore", ((Map<?, ?>) lines.get(1).get("value")).get("path"));
    assertEquals("b.txt", ((Map<?, ?>) lines.get(2).get("value")).get("path"));
    assertEquals("Aw==", ((Map<?, ?>) lines.get(2).get("value")).get("content"));
  }

  @Test
  void deleteAndCopyOperationsAreCommittedInOrder() throws Exception {
    byte[] config = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("new.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/paths-info/main",
        MockHub.json("[]"),
        MockHub.json("[{\"type\":\"file\",\"path\":\"w.bin\",\"oid\":\"p1\",\"size\":9,\"lfs\":{\"oid\":\"cafe\",\"size\":9,"
            + "\"pointerSize\":120}},{\"type\":\"file\",\"path\":\"c.json\",\"oid\":\"" + Hashing.gitSha1(config)
            + "\",\"size\":7}]"));
    hub.on("GET /acme/model/resolve/main/c.json", new MockResponse.Builder().body(new okio.Buffer().write(config)).build());
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));

    client.createCommit(RepoId.of("acme/model"), List.of(
        CommitOperation.delete("old.txt"), CommitOperation.deleteFolder("logs"),
        CommitOperation.copy("w.bin", "backup/w.bin"), CommitOperation.copy("c.json", "backup/c.json"),
        CommitOperation.add("new.txt", new byte[] {'n'})), "Reorganise");

    List<RecordedRequest> infos = hub.matching("POST", "/api/models/acme/model/paths-info/main");
    assertEquals(2, infos.size());
    assertEquals("application/x-www-form-urlencoded", infos.get(0).getHeaders().get("Content-Type"));
    assertEquals("paths=backup%2Fw.bin&paths=backup%2Fc.json&expand=false", infos.get(0).getBody().utf8());
    assertEquals("paths=w.bin&paths=c.json&expand=false", infos.get(1).getBody().utf8());
    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8());
    assertEquals(List.of("header", "deletedFile", "deletedFolder", "lfsFile", "file", "file"),
        lines.stream().map(l -> l.get("key")).toList());
    assertEquals(Map.of("path", "old.txt"), lines.get(1).get("value"));
    assertEquals(Map.of("path", "logs/"), lines.get(2).get("value"));
    assertEquals(Map.of("path", "backup/w.bin", "algo", "sha256", "oid", "cafe"), lines.get(3).get("value"));
    assertEquals(Map.of("path", "backup/c.json", "content", Base64.getEncoder().encodeToString(config), "encoding", "base64"),
        lines.get(4).get("value"));
  }

  @Test
  void aLostCommitResponseIsNotPostedAgainWhenTheCommitLanded() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("a.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/commit/main",
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    hub.on("GET /api/models/acme/model/commits/main", MockHub.json("[{\"id\":\"" + NEW + "\",\"title\":\"Add a\"},"
        + "{\"id\":\"" + HEAD + "\",\"title\":\"Add a\"}]"));
    // The evidence that the commit is ours: at NEW, a.txt holds our bytes; at its parent it did not.
    hub.on("POST /api/models/acme/model/paths-info/" + NEW, MockHub.json("[{\"type\":\"file\",\"oid\":\""
        + Hashing.gitSha1(new byte[] {1}) + "\",\"size\":1,\"path\":\"a.txt\"}]"));
    hub.on("POST /api/models/acme/model/paths-info/" + HEAD, MockHub.json("[]"));

    CommitInfo info = client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "Add a");

    assertEquals(1, hub.matching("POST", "/api/models/acme/model/commit/main").size(), "never posted twice");
    assertEquals(1, hub.matching("POST", "/api/models/acme/model/paths-info/" + NEW).size());
    assertEquals(NEW, info.oid());
    assertEquals(mock.endpoint() + "/acme/model/commit/" + NEW, info.commitUrl());
  }

  @Test
  void aFailedCommitAbsentFromTheBranchIsPostedAgainWithTheSameBody() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("a.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/commit/main",
        new MockResponse.Builder().code(502).body("Bad gateway").build(),
        MockHub.json(commitAnswer("/acme/model")));
    hub.on("GET /api/models/acme/model/commits/main", MockHub.json("[{\"id\":\"" + HEAD + "\",\"title\":\"Add a\"}]"));

    CommitInfo info = client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "Add a");

    List<RecordedRequest> posts = hub.matching("POST", "/api/models/acme/model/commit/main");
    assertEquals(2, posts.size());
    assertEquals(posts.get(0).getBody(), posts.get(1).getBody());
    assertEquals(NEW, info.oid());
    assertEquals(1, hub.matching("GET", "/api/models/acme/model/commits/main").size());
  }

  @Test
  void aStaleParentCommitIsPreconditionFailedAndPostedOnce() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("a.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(412,
        "{\"error\":\"The branch was updated since you opened this page. Please refresh and try again.\"}"));
    PreconditionFailedException e = assertThrows(PreconditionFailedException.class, () -> client.createCommit(
        RepoId.of("acme/model"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "t",
        CreateCommitParams.builder().parentCommit("abcdef1").build()));
    assertTrue(e.getMessage().contains("branch was updated"), e.getMessage());
    assertEquals(1, hub.matching("POST", "/api/models/acme/model/commit/main").size());
  }

  @Test
  void aReadOnlyTokenIsPermissionDeniedWithTheScopeHint() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(403,
        "{\"error\":\"You don't have the rights to write to this repo\"}"));
    PermissionDeniedException e = assertThrows(PermissionDeniedException.class,
        () -> client.uploadFile(RepoId.of("acme/model"), write("a.txt", new byte[] {1}), "a.txt"));
    assertTrue(e.getMessage().contains("read token cannot write"), e.getMessage());
    assertEquals(1, hub.requests.size());
  }

  @Test
  void aMissingRepoIsRepositoryNotFoundWithAHintToCreateIt() throws Exception {
    hub.on("POST /api/models/acme/none/preupload/main",
        new MockResponse.Builder().code(404).setHeader("X-Error-Code", "RepoNotFound").build(),
        new MockResponse.Builder().code(404).body("Not Found").build());
    Path f = write("a.txt", new byte[] {1});
    RepositoryNotFoundException e = assertThrows(RepositoryNotFoundException.class,
        () -> client.uploadFile(RepoId.of("acme/none"), f, "a.txt"));
    assertTrue(e.getMessage().contains("Create the repo first"), e.getMessage());
    assertThrows(RepositoryNotFoundException.class, () -> client.uploadFile(RepoId.of("acme/none"), f, "a.txt"));
  }

  @Test
  void aRateLimitedCommitIsPostedAgainAfterTheAnnouncedWait() throws Exception {
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("a.txt", "regular", null)));
    hub.on("POST /api/models/acme/model/commit/main",
        new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body("{\"error\":\"quota\"}").build(),
        MockHub.json(commitAnswer("/acme/model")));
    CommitInfo info = client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("a.txt", new byte[] {1})), "t");
    assertEquals(NEW, info.oid());
    assertEquals(2, hub.matching("POST", "/api/models/acme/model/commit/main").size());
    // Retry-After plus the one-second margin the Python client adds.
    assertTrue(mock.sleeps.contains(Duration.ofSeconds(8)), mock.sleeps.toString());
    assertEquals(0, hub.matching("GET", "/api/models/acme/model/commits/main").size(), "a 429 needs no history check");
  }

  @Test
  void lfsBatchErrorsFailTheUploadBeforeAnyCommit() throws Exception {
    byte[] content = random(10, 6);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("w.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch", MockHub.json("{\"objects\":[{\"oid\":\""
        + Hashing.sha256(content) + "\",\"size\":10,\"error\":{\"code\":422,\"message\":\"size mismatch\"}}]}"));
    HfException e = assertThrows(HfException.class, () -> client.createCommit(RepoId.of("acme/model"),
        List.of(CommitOperation.add("w.bin", content)), "t"));
    assertTrue(e.getMessage().contains("size mismatch"), e.getMessage());
    assertEquals(0, hub.matching("POST", "/api/models/acme/model/commit/main").size());
  }

  @Test
  void aThrowingListenerNeverFailsTheUpload() throws Exception {
    byte[] content = random(3000, 7);
    String sha = Hashing.sha256(content);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("w.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch", MockHub.json("{\"objects\":[{\"oid\":\"" + sha
        + "\",\"size\":3000,\"actions\":{\"upload\":{\"href\":\"" + storage.url("/o") + "\"}}}]}"));
    store.on("PUT /o", new MockResponse.Builder().build());
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));
    List<UploadEvent> seen = new CopyOnWriteArrayList<>();
    CommitInfo info = client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("w.bin", content)), "t",
        CreateCommitParams.builder().listener(e -> {
          seen.add(e);
          throw new IllegalStateException("listener bug");
        }).build());
    assertEquals(NEW, info.oid());
    assertEquals(new UploadEvent.Planned(1, 3000, 0), seen.get(0));
    assertTrue(seen.contains(new UploadEvent.HashProgress("w.bin", 3000, 3000)));
    assertTrue(seen.contains(new UploadEvent.UploadProgress("w.bin", 3000, 3000)));
    assertTrue(seen.contains(new UploadEvent.FileUploaded("w.bin", 3000, false)));
    assertTrue(seen.stream().anyMatch(e -> e instanceof UploadEvent.Committed c && c.files() == 1 && c.part() == 1));
    UploadEvent.Finished f = (UploadEvent.Finished) seen.get(seen.size() - 1);
    assertEquals(1, f.commits());
    assertEquals(3000, f.bytesUploaded());
    assertEquals(3000, f.bytesHashed());
  }

  @Test
  void aCancelledTokenStopsBeforeAnyRequest() {
    CancellationToken token = CancellationToken.create();
    token.cancel();
    assertThrows(CancelledException.class, () -> client.createCommit(RepoId.of("acme/model"),
        List.of(CommitOperation.add("a.txt", new byte[] {1})), "t",
        CreateCommitParams.builder().cancellationToken(token).build()));
    assertEquals(0, hub.requests.size());
  }

  @Test
  void theVerifyActionIsOnlyCalledWhenAskedFor() throws Exception {
    byte[] content = random(1500, 8);
    String sha = Hashing.sha256(content);
    hub.on("POST /api/models/acme/model/preupload/main", MockHub.json(preuploadAnswer("w.bin", "lfs", null)));
    hub.on("POST /acme/model.git/info/lfs/objects/batch", MockHub.json("{\"objects\":[{\"oid\":\"" + sha
        + "\",\"size\":1500,\"actions\":{\"upload\":{\"href\":\"" + storage.url("/o") + "\"},\"verify\":{\"href\":\""
        + mock.endpoint() + "/acme/model.git/info/lfs/objects/verify\"}}}]}"));
    store.on("PUT /o", new MockResponse.Builder().build());
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer("/acme/model")));
    client.createCommit(RepoId.of("acme/model"), List.of(CommitOperation.add("w.bin", content)), "t");
    assertEquals(List.of("POST /api/models/acme/model/preupload/main", "POST /acme/model.git/info/lfs/objects/batch",
        "POST /api/models/acme/model/commit/main"), hub.lines());
    assertEquals(1, store.requests.size());
  }
}
