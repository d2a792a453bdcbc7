package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.randomBytes;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.Hashes;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DownloadTest {
  private static final byte[] TEXT = utf8("hello resolve\n");
  private static final byte[] WEIGHTS = randomBytes(5000, 42);

  private static HubEmulator hub;
  private static TestHttp http;
  private static String commit;

  @BeforeAll
  static void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url());
    Fixtures.createRepo(http, "model", "dl");
    Fixtures.uploadLfs(http, "/testuser/dl", WEIGHTS);
    Fixtures.commit(http, "models/testuser/dl", "main", new Fixtures.Commit("files")
        .file("dir/my file.txt", TEXT).lfsFile("model.safetensors", WEIGHTS));
    commit = hub.repo("testuser/dl").head("main");
    http.post("/api/models/testuser/dl/commit/main?create_pr=1", WRITE, TestHttp.NDJSON,
        new Fixtures.Commit("pr").file("pr.txt", utf8("from a PR")).body());
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void regularFileCarriesCommitEtagAndLength() {
    TestHttp.Reply r = http.get("/testuser/dl/resolve/main/dir/my%20file.txt", null);
    assertEquals(200, r.code());
    assertArrayEquals(TEXT, r.body());
    assertEquals(commit, r.header("X-Repo-Commit"));
    assertEquals("\"" + Hashes.gitBlobSha1(TEXT) + "\"", r.header("ETag"));
    assertEquals("bytes", r.header("Accept-Ranges"));
    assertNull(r.header("X-Linked-Size"));

    TestHttp.Reply head = http.head("/testuser/dl/resolve/" + commit + "/dir/my%20file.txt", null);
    assertEquals(200, head.code());
    assertEquals(String.valueOf(TEXT.length), head.header("Content-Length"));
    assertEquals(0, head.body().length);
  }

  @Test
  void rangeRequestsGet206Or416() {
    TestHttp.Reply part = http.execute(http.request("/testuser/dl/resolve/main/dir/my%20file.txt", null)
        .header("Range", "bytes=6-12").build());
    assertEquals(206, part.code());
    assertArrayEquals(Arrays.copyOfRange(TEXT, 6, 13), part.body());
    assertEquals("bytes 6-12/" + TEXT.length, part.header("Content-Range"));
    TestHttp.Reply first = http.execute(http.request("/testuser/dl/resolve/main/dir/my%20file.txt", null)
        .header("Range", "bytes=0-0").build());
    assertEquals("bytes 0-0/" + TEXT.length, first.header("Content-Range"));
    TestHttp.Reply suffix = http.execute(http.request("/testuser/dl/resolve/main/dir/my%20file.txt", null)
        .header("Range", "bytes=-3").build());
    assertArrayEquals(Arrays.copyOfRange(TEXT, TEXT.length - 3, TEXT.length), suffix.body());
    TestHttp.Reply tooFar = http.execute(http.request("/testuser/dl/resolve/main/dir/my%20file.txt", null)
        .header("Range", "bytes=999-").build());
    assertEquals(416, tooFar.code());
    assertEquals("bytes */" + TEXT.length, tooFar.header("Content-Range"));
  }

  @Test
  void lfsFileRedirectsToTheStorageHost() {
    TestHttp.Reply r = http.head("/testuser/dl/resolve/main/model.safetensors", WRITE);
    assertEquals(302, r.code());
    assertEquals(commit, r.header("X-Repo-Commit"));
    assertEquals(String.valueOf(WEIGHTS.length), r.header("X-Linked-Size"));
    assertEquals("\"" + Hashes.sha256(WEIGHTS) + "\"", r.header("X-Linked-Etag"));
    String location = r.header("Location");
    assertTrue(location.startsWith(hub.storageUrl() + "/"), location);

    TestHttp.Reply content = http.get(location, null);
    assertEquals(200, content.code());
    assertArrayEquals(WEIGHTS, content.body());
    TestHttp.Reply range = http.execute(http.request(location, null).header("Range", "bytes=100-199").build());
    assertEquals(206, range.code());
    assertArrayEquals(Arrays.copyOfRange(WEIGHTS, 100, 200), range.body());
    assertTrue(hub.tokenLeaks().isEmpty());
  }

  @Test
  void rawServesTheLfsPointer() {
    TestHttp.Reply r = http.get("/testuser/dl/raw/main/model.safetensors", null);
    assertEquals(200, r.code());
    assertEquals(Hashes.lfsPointer(Hashes.sha256(WEIGHTS), WEIGHTS.length), r.text());
  }

  @Test
  void pullRequestRevisionsResolveEncodedOrNot() {
    assertArrayEquals(utf8("from a PR"), http.get("/testuser/dl/resolve/refs%2Fpr%2F1/pr.txt", null).body());
    assertArrayEquals(utf8("from a PR"), http.get("/testuser/dl/resolve/refs/pr/1/pr.txt", null).body());
    assertEquals(404, http.get("/testuser/dl/resolve/main/pr.txt", null).code());
  }

  @Test
  void missingEntriesRevisionsAndReposCarryErrorCodes() {
    TestHttp.Reply entry = http.get("/testuser/dl/resolve/main/nope.txt", null);
    assertEquals(404, entry.code());
    assertEquals("EntryNotFound", entry.header("X-Error-Code"));
    assertEquals(commit, entry.header("X-Repo-Commit"));
    assertNotNull(entry.obj().get("error"));
    TestHttp.Reply rev = http.head("/testuser/dl/resolve/nobranch/dir/my%20file.txt", null);
    assertEquals(404, rev.code());
    assertEquals("RevisionNotFound", rev.header("X-Error-Code"));
    TestHttp.Reply repo = http.get("/testuser/nothing/resolve/main/a.txt", WRITE);
    assertEquals(404, repo.code());
    assertEquals("RepoNotFound", repo.header("X-Error-Code"));
  }

  @Test
  void otherRepoTypesUseTheirPrefix() {
    hub.repos().create(RepoType.DATASET, "testuser/data", false, java.util.Map.of());
    hub.repos().commit(RepoType.DATASET, "testuser/data", "main", "add", java.util.Map.of("t.csv", utf8("a,b")), java.util.Set.of());
    assertArrayEquals(utf8("a,b"), http.get("/datasets/testuser/data/resolve/main/t.csv", null).body());
    assertEquals(401, http.get("/testuser/data/resolve/main/t.csv", null).code(), "anonymous: no such model");
    assertEquals(404, http.get("/testuser/data/resolve/main/t.csv", WRITE).code());
  }

  @Test
  void storageRefusesUnsignedAndUnknownObjects() {
    String oid = Hashes.sha256(WEIGHTS);
    assertEquals(403, http.get(hub.storageUrl() + "/objects/" + oid, null).code());
    assertEquals(404, http.get(hub.storageUrl() + "/nothing", null).code());
  }

  @Test
  void textFilesAreGzipEncodedForClientsThatAcceptIt() throws Exception {
    hub.repos().create(io.hf4j.core.RepoType.MODEL, "testuser/gz", false, java.util.Map.of());
    String text = "line of text\n".repeat(5000);
    hub.repos().commit(io.hf4j.core.RepoType.MODEL, "testuser/gz", "main", "add",
        java.util.Map.of("notes.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), java.util.Set.of());
    TestHttp.Reply gz = http.execute(http.request("/testuser/gz/resolve/main/notes.txt", null)
        .header("Accept-Encoding", "gzip").get().build());
    assertEquals(200, gz.code());
    assertEquals("gzip", gz.header("Content-Encoding"));
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
      assertEquals(text, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    org.junit.jupiter.api.Assertions.assertTrue(gz.body().length < text.length() / 10);
    // No gzip without Accept-Encoding, for a Range, or on HEAD (whose Content-Length is the real size).
    TestHttp.Reply plain = http.execute(http.request("/testuser/gz/resolve/main/notes.txt", null)
        .header("Accept-Encoding", "identity").get().build());
    org.junit.jupiter.api.Assertions.assertNull(plain.header("Content-Encoding"));
    assertEquals(text.length(), plain.body().length);
    TestHttp.Reply range = http.execute(http.request("/testuser/gz/resolve/main/notes.txt", null)
        .header("Accept-Encoding", "gzip").header("Range", "bytes=10-").get().build());
    assertEquals(206, range.code());
    org.junit.jupiter.api.Assertions.assertNull(range.header("Content-Encoding"));
    TestHttp.Reply head = http.execute(http.request("/testuser/gz/resolve/main/notes.txt", null)
        .header("Accept-Encoding", "gzip").head().build());
    assertEquals(String.valueOf(text.length()), head.header("Content-Length"));
  }
}
