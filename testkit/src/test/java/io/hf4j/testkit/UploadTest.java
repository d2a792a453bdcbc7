package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.OTHER;
import static io.hf4j.testkit.Fixtures.READ;
import static io.hf4j.testkit.Fixtures.WRITE;
import static io.hf4j.testkit.Fixtures.b64;
import static io.hf4j.testkit.Fixtures.path;
import static io.hf4j.testkit.Fixtures.randomBytes;
import static io.hf4j.testkit.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import io.hf4j.testkit.internal.Hashes;
import io.hf4j.testkit.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploadTest {
  private static final int CHUNK = 1000;

  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().lfsThreshold(4096).multipartChunkSize(CHUNK).build().start();
    http = new TestHttp(hub.url());
    Fixtures.createRepo(http, "model", "up");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private TestHttp.Reply preupload(String token, Object files, String extra) {
    String body = "{\"files\":" + Json.write(files) + (extra == null ? "" : "," + extra) + "}";
    return http.post("/api/models/testuser/up/preupload/main", token, TestHttp.JSON, body);
  }

  private static Map<String, Object> file(String path, byte[] content) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", path);
    m.put("sample", b64(java.util.Arrays.copyOf(content, Math.min(512, content.length))));
    m.put("size", (long) content.length);
    return m;
  }

  private static Map<String, String> modes(TestHttp.Reply r) {
    Map<String, String> out = new TreeMap<>();
    for (Object f : Json.asList(r.obj().get("files"), "files")) {
      out.put(Fixtures.path(f, "path"), Fixtures.path(f, "uploadMode"));
    }
    return out;
  }

  @Test
  void preuploadDecidesByGitattributesSizeAndBinarySniff() {
    TestHttp.Reply r = preupload(WRITE, List.of(
        file("small.txt", utf8("hello")),
        file("weights.safetensors", utf8("tiny but matched by .gitattributes")),
        file("nested/model.bin", utf8("bin")),
        file("big.txt", utf8("x".repeat(4096))),
        file("binary.dat", new byte[] {1, 0, 2}),
        file("empty.bin", new byte[0])), null);
    assertEquals(200, r.code(), r::text);
    assertEquals(Map.of("big.txt", "lfs", "binary.dat", "lfs", "empty.bin", "regular", "nested/model.bin", "lfs",
        "small.txt", "regular", "weights.safetensors", "lfs"), modes(r));
    assertEquals(hub.repo("testuser/up").head("main"), r.obj().get("commitOid"));
    assertEquals(false, path(r.json(), "files", "0", "shouldIgnore"));
    assertFalse(Json.asObject(path(r.json(), "files", "0"), "f").containsKey("oid"));

    TestHttp.Reply custom = preupload(WRITE, List.of(file("data.csv", utf8("a,b"))),
        "\"gitAttributes\":\"*.csv filter=lfs diff=lfs merge=lfs -text\\n\"");
    assertEquals("lfs", modes(custom).get("data.csv"));
  }

  @Test
  void preuploadReportsIgnoredFilesAndExistingOids() {
    byte[] weights = utf8("weights");
    Fixtures.uploadLfs(http, "/testuser/up", weights);
    Fixtures.commit(http, "models/testuser/up", "main", new Fixtures.Commit("seed")
        .file(".gitignore", utf8("*.log\nbuild/\n")).file("a.txt", utf8("a")).lfsFile("w.bin", weights));
    TestHttp.Reply r = preupload(WRITE, List.of(file("x.log", utf8("l")), file("build/out.txt", utf8("o")),
        file("a.txt", utf8("a")), file("w.bin", weights)), null);
    List<Object> files = Json.asList(r.obj().get("files"), "files");
    assertEquals(true, path(files, "0", "shouldIgnore"));
    assertEquals(true, path(files, "1", "shouldIgnore"));
    assertEquals(false, path(files, "2", "shouldIgnore"));
    assertEquals(Hashes.gitBlobSha1(utf8("a")), path(files, "2", "oid"));
    assertEquals(Hashes.sha256(weights), path(files, "3", "oid"));
    TestHttp.Reply override = preupload(WRITE, List.of(file("x.log", utf8("l"))), "\"gitIgnore\":\"\"");
    assertEquals(false, path(override.json(), "files", "0", "shouldIgnore"));
  }

  @Test
  void preuploadSamplesAreStandardBase64PaddedOrNot() {
    byte[] lateNul = utf8("a".repeat(600));
    lateNul[511] = 0;
    Map<String, Object> unpadded = new LinkedHashMap<>();
    unpadded.put("path", "unpadded.txt");
    unpadded.put("sample", "YQB"); // "a\0" without its padding
    unpadded.put("size", 2L);
    TestHttp.Reply r = preupload(WRITE, List.of(file("late-nul.txt", lateNul), unpadded,
        file("text.txt", utf8("x".repeat(600)))), null);
    assertEquals(200, r.code(), r::text);
    assertEquals(Map.of("late-nul.txt", "lfs", "unpadded.txt", "lfs", "text.txt", "regular"), modes(r));
    for (String bad : new String[] {"%%%%", "QU\nJD", "QQ=A", "QUJD QUJD"}) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", "b.txt");
      f.put("sample", bad);
      f.put("size", 3L);
      TestHttp.Reply refused = preupload(WRITE, List.of(file("ok.txt", utf8("ok")), f), null);
      assertEquals(400, refused.code(), bad);
      assertTrue(refused.text().contains("Invalid base64 sample for b.txt"), refused.text());
    }
  }

  @Test
  void preuploadNeedsWriteAccess() {
    assertEquals(401, preupload(null, List.of(), null).code());
    assertEquals(403, preupload(READ, List.of(), null).code());
    assertEquals(403, preupload(OTHER, List.of(), null).code());
    TestHttp.Reply missing = http.post("/api/models/testuser/nope/preupload/main", WRITE, TestHttp.JSON, "{\"files\":[]}");
    assertEquals(404, missing.code());
    assertEquals("RepoNotFound", missing.header("X-Error-Code"));
  }

  @Test
  void commitAppliesFileLfsAndDeleteLines() {
    byte[] weights = randomBytes(3000, 1);
    Fixtures.uploadLfs(http, "/testuser/up", weights);
    TestHttp.Reply c1 = Fixtures.commit(http, "models/testuser/up", "main", new Fixtures.Commit("first")
        .file("README.md", utf8("# hi")).file("docs/a.txt", utf8("a")).file("docs/b.txt", utf8("b"))
        .lfsFile("model.bin", weights).file("empty.txt", new byte[0]));
    assertEquals(200, c1.code(), c1::text);
    assertEquals(true, c1.obj().get("success"));
    String oid = (String) c1.obj().get("commitOid");
    assertEquals(hub.url() + "/testuser/up/commit/" + oid, c1.obj().get("commitUrl"));
    assertEquals("", c1.obj().get("hookOutput"));

    RepoView repo = hub.repo("testuser/up");
    assertEquals(oid, repo.head("main"));
    assertArrayEquals(weights, repo.fileBytes("main", "model.bin"));
    assertTrue(Objects.requireNonNull(repo.file("main", "model.bin")).lfs());
    assertFalse(Objects.requireNonNull(repo.file("main", "README.md")).lfs());
    assertEquals(0, repo.fileBytes("main", "empty.txt").length);

    TestHttp.Reply c2 = Fixtures.commit(http, "models/testuser/up", "main", new Fixtures.Commit("second")
        .deletedFolder("docs/").deletedFile("README.md"));
    assertEquals(200, c2.code(), c2::text);
    assertEquals(List.of(".gitattributes", "empty.txt", "model.bin"), new ArrayList<>(repo.files("main").keySet()));
    assertEquals(3, repo.files(oid).size() - 3);
    List<CommitView> history = repo.commits("main");
    assertEquals(List.of("second", "first", "initial commit"), history.stream().map(CommitView::title).toList());
    assertEquals(java.util.Set.of("docs/a.txt", "docs/b.txt", "README.md"), history.get(0).changedPaths());
    assertEquals(List.of(oid), history.get(0).parentIds());
  }

  @Test
  void commitLinesAreReadWhateverTheirLengthAndBase64AsTheHubReadsIt() {
    String base = "models/testuser/up";
    // A line longer than the reader's 64 KiB buffer, base64 broken into MIME lines, CRLF line ends, a blank line,
    // and a last line without its newline.
    byte[] longText = new byte[3000];
    java.util.Arrays.fill(longText, (byte) 'x');
    String wrapped = java.util.Base64.getMimeEncoder().encodeToString(utf8("wrapped across lines, ".repeat(20)));
    assertTrue(wrapped.contains("\r\n"));
    String padding = " ".repeat(70 * 1024);
    String body = "{\"key\":\"header\",\"value\":{\"summary\":\"s\"}," + "\"pad\":\"" + padding + "\"}\r\n\n"
        + "{\"key\":\"file\",\"value\":{\"path\":\"long.txt\",\"content\":\""
        + java.util.Base64.getEncoder().encodeToString(longText) + "\",\"encoding\":\"base64\"}}\r\n"
        + "{\"key\":\"file\",\"value\":{\"path\":\"wrapped.txt\",\"content\":\""
        + wrapped.replace("\r\n", "\\r\\n") + "\",\"encoding\":\"base64\"}}";
    TestHttp.Reply r = http.post("/api/" + base + "/commit/main", WRITE, TestHttp.NDJSON, body);
    assertEquals(200, r.code(), r::text);
    assertArrayEquals(longText, hub.repo("testuser/up").fileBytes("main", "long.txt"));
    assertArrayEquals(utf8("wrapped across lines, ".repeat(20)), hub.repo("testuser/up").fileBytes("main", "wrapped.txt"));
    TestHttp.Reply bad = http.post("/api/" + base + "/commit/main", WRITE, TestHttp.NDJSON,
        "{\"key\":\"header\",\"value\":{\"summary\":\"s\"}}\n{\"key\":\"file\",\"value\":{\"path\":\"b.txt\","
            + "\"content\":\"QUJD=x\",\"encoding\":\"base64\"}}\n");
    assertEquals(400, bad.code());
    assertTrue(bad.text().contains("invalid base64 content for b.txt"), bad::text);
  }

  @Test
  void commitRefusals() {
    String base = "models/testuser/up";
    TestHttp.Reply missingFile = Fixtures.commit(http, base, "main", new Fixtures.Commit("d").deletedFile("nope.txt"));
    assertEquals(404, missingFile.code());
    assertEquals("EntryNotFound", missingFile.header("X-Error-Code"));

    TestHttp.Reply missingBranch = Fixtures.commit(http, base, "nope", new Fixtures.Commit("x").file("a", utf8("a")));
    assertEquals(404, missingBranch.code());
    assertEquals("RevisionNotFound", missingBranch.header("X-Error-Code"));

    TestHttp.Reply notUploaded = Fixtures.commit(http, base, "main", new Fixtures.Commit("x").lfsFile("w.bin", utf8("never")));
    assertEquals(400, notUploaded.code());

    byte[] content = utf8("uploaded");
    Fixtures.uploadLfs(http, "/testuser/up", content);
    String wrongSize = "{\"key\":\"header\",\"value\":{\"summary\":\"s\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\","
        + "\"algo\":\"sha256\",\"oid\":\"" + Hashes.sha256(content) + "\",\"size\":999}}";
    assertEquals(400, http.post("/api/" + base + "/commit/main", WRITE, TestHttp.NDJSON, wrongSize).code());

    assertEquals(422, Fixtures.commit(http, base, "main", new Fixtures.Commit("x").file("../evil", utf8("a"))).code());
    assertEquals(422, Fixtures.commit(http, base, "main", new Fixtures.Commit("x").file(".git/config", utf8("a"))).code());
    assertEquals(400, Fixtures.commit(http, base, "main", new Fixtures.Commit("x").file("big.txt", new byte[5000])).code());
    assertEquals(400, Fixtures.commit(http, base, "main", new Fixtures.Commit("x").file("bin.dat", new byte[] {0, 1})).code());
    assertEquals(400, http.post("/api/" + base + "/commit/main", WRITE, TestHttp.NDJSON,
        "{\"key\":\"file\",\"value\":{\"path\":\"a\",\"content\":\"\"}}").code());
    assertEquals(400, http.post("/api/" + base + "/commit/main", WRITE, TestHttp.NDJSON, "not json").code());
    assertEquals(403, http.post("/api/" + base + "/commit/main", READ, TestHttp.NDJSON,
        new Fixtures.Commit("x").file("a", utf8("a")).body()).code());
    assertEquals(1, hub.repo("testuser/up").commits("main").size(), "no refused commit may land");
  }

  @Test
  void staleParentCommitGets412() {
    String initial = hub.repo("testuser/up").head("main");
    assertEquals(200, Fixtures.commit(http, "models/testuser/up", "main",
        new Fixtures.Commit("ok", initial).file("a", utf8("1"))).code());
    TestHttp.Reply stale = Fixtures.commit(http, "models/testuser/up", "main",
        new Fixtures.Commit("stale", initial).file("a", utf8("2")));
    assertEquals(412, stale.code());
    assertEquals("The branch was updated since you opened this page. Please refresh and try again.", stale.obj().get("error"));
    assertArrayEquals(utf8("1"), hub.repo("testuser/up").fileBytes("main", "a"));
  }

  @Test
  void createPrOpensRefsPrN() {
    TestHttp.Reply pr = http.post("/api/models/testuser/up/commit/main?create_pr=1", OTHER, TestHttp.NDJSON,
        new Fixtures.Commit("proposal").file("p.txt", utf8("p")).body());
    assertEquals(200, pr.code(), pr::text);
    assertEquals(hub.url() + "/testuser/up/discussions/1", pr.obj().get("pullRequestUrl"));
    RepoView repo = hub.repo("testuser/up");
    assertEquals(pr.obj().get("commitOid"), repo.pullRequests().get(1));
    assertNull(repo.file("main", "p.txt"));
    assertArrayEquals(utf8("p"), repo.fileBytes("refs/pr/1", "p.txt"));

    TestHttp.Reply onPr = http.post("/api/models/testuser/up/commit/refs%2Fpr%2F1", WRITE, TestHttp.NDJSON,
        new Fixtures.Commit("more").file("q.txt", utf8("q")).body());
    assertEquals(200, onPr.code(), onPr::text);
    assertNull(onPr.obj().get("pullRequestUrl"));
    assertEquals(3, repo.commits("refs/pr/1").size());
    assertEquals(1, repo.commits("main").size());

    TestHttp.Reply second = http.post("/api/models/testuser/up/commit/main?create_pr=true", WRITE, TestHttp.NDJSON,
        new Fixtures.Commit("again").file("r.txt", utf8("r")).body());
    assertEquals(hub.url() + "/testuser/up/discussions/2", second.obj().get("pullRequestUrl"));
    assertEquals(403, http.post("/api/models/testuser/up/commit/main?create_pr=1", READ, TestHttp.NDJSON,
        new Fixtures.Commit("ro").file("r.txt", utf8("r")).body()).code());
  }

  @Test
  void commitIdsAreStableForTheSameHistoryAndClock() {
    List<String> ids = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (EmulatorClock clock = EmulatorClock.manual(Instant.parse("2025-01-01T00:00:00Z"));
          HubEmulator h = HubEmulator.builder().clock(clock).build().start()) {
        TestHttp t = new TestHttp(h.url());
        Fixtures.createRepo(t, "model", "stable");
        clock.advance(Duration.ofMinutes(1));
        Fixtures.commit(t, "models/testuser/stable", "main", new Fixtures.Commit("c").file("a.txt", utf8("a")));
        ids.add(h.repo("testuser/stable").head("main"));
      }
    }
    assertEquals(ids.get(0), ids.get(1));
    assertTrue(ids.get(0).matches("[0-9a-f]{40}"));
  }

  @Test
  void lfsBatchAcceptsBothHashSpellingsAndSkipsKnownObjects() {
    byte[] content = randomBytes(500, 2);
    for (String algo : List.of("sha256", "sha_256")) {
      TestHttp.Reply r = Fixtures.batch(http, "/testuser/up", WRITE, content, algo, List.of("basic", "multipart"));
      assertEquals(200, r.code(), r::text);
      assertTrue(r.header("Content-Type").startsWith("application/vnd.git-lfs+json"));
      assertEquals("basic", r.obj().get("transfer"));
      String href = path(r.json(), "objects", "0", "actions", "upload", "href");
      assertTrue(href.startsWith(hub.storageUrl() + "/"), href);
      assertTrue(hub.storageUrl().startsWith("http://localhost:"));
      assertTrue(hub.url().startsWith("http://127.0.0.1:"));
    }
    assertEquals(409, Fixtures.batch(http, "/testuser/up", WRITE, content, "md5", List.of("basic")).code());
    Fixtures.uploadLfs(http, "/testuser/up", content);
    TestHttp.Reply known = Fixtures.batch(http, "/testuser/up", WRITE, content, "sha256", List.of("basic"));
    assertFalse(Json.asObject(path(known.json(), "objects", "0"), "o").containsKey("actions"));
    assertEquals(java.util.Set.of(Hashes.sha256(content)), hub.repo("testuser/up").lfsObjects());

    assertEquals(401, Fixtures.batch(http, "/testuser/up", null, content, "sha256", List.of("basic")).code());
    assertEquals(403, Fixtures.batch(http, "/testuser/up", READ, content, "sha256", List.of("basic")).code());
    Fixtures.createRepo(http, "dataset", "ds");
    TestHttp.Reply ds = Fixtures.batch(http, "/datasets/testuser/ds", WRITE, content, "sha256", List.of("basic"));
    assertTrue(Json.asObject(path(ds.json(), "objects", "0"), "o").containsKey("actions"), "LFS objects are per repo");

    String badOid = "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"xyz\",\"size\":1}]}";
    TestHttp.Reply bad = http.post("/testuser/up.git/info/lfs/objects/batch", WRITE, TestHttp.LFS, badOid);
    assertEquals(422L, (long) (Long) path(bad.json(), "objects", "0", "error", "code"));
  }

  @Test
  void basicPutVerifiesContentAndVerifyActionAnswers() {
    byte[] content = randomBytes(700, 3);
    TestHttp.Reply r = Fixtures.batch(http, "/testuser/up", WRITE, content, "sha256", List.of("basic"));
    String href = path(r.json(), "objects", "0", "actions", "upload", "href");
    String verify = path(r.json(), "objects", "0", "actions", "verify", "href");

    byte[] wrong = content.clone();
    wrong[0] ^= 1;
    TestHttp.Reply badDigest = http.put(href, wrong);
    assertEquals(400, badDigest.code());
    assertTrue(badDigest.text().contains("<Code>BadDigest</Code>"), badDigest::text);
    TestHttp.Reply shortBody = http.put(href, java.util.Arrays.copyOf(content, 10));
    assertEquals(400, shortBody.code());
    assertTrue(shortBody.text().contains("IncompleteBody"));
    TestHttp.Reply unsigned = http.put(HttpUrl.get(href).newBuilder().query(null).build().toString(), content);
    assertEquals(403, unsigned.code());

    String verifyBody = Json.write(Map.of("oid", Hashes.sha256(content), "size", (long) content.length));
    assertEquals(404, http.post(verify, WRITE, TestHttp.JSON, verifyBody).code());
    TestHttp.Reply put = http.put(href, content);
    assertEquals(200, put.code());
    assertEquals("\"" + Hashes.sha256(content).substring(0, 32) + "\"", put.header("ETag"),
        "a single PUT's ETag comes from the SHA-256 the emulator checks anyway (no MD5 pass)");
    assertEquals(200, http.post(verify, WRITE, TestHttp.JSON, verifyBody).code());
    assertEquals(422, http.post(verify, WRITE, TestHttp.JSON,
        Json.write(Map.of("oid", Hashes.sha256(content), "size", 1L))).code());
    assertTrue(hub.tokenLeaks().isEmpty());
  }

  private Map<String, Object> startMultipart(byte[] content) {
    return startMultipart("up", content);
  }

  private Map<String, Object> startMultipart(String repo, byte[] content) {
    TestHttp.Reply r = Fixtures.batch(http, "/testuser/" + repo, WRITE, content, "sha_256", List.of("basic", "multipart", "xet"));
    assertEquals(200, r.code(), r::text);
    assertEquals("multipart", r.obj().get("transfer"));
    return path(r.json(), "objects", "0", "actions", "upload");
  }

  private static List<String> partUrls(Map<String, Object> upload) {
    Map<String, Object> header = Json.asObject(upload.get("header"), "header");
    List<String> urls = new ArrayList<>();
    for (int n = 1; header.containsKey(String.format("%05d", n)); n++) {
      urls.add((String) header.get(String.format("%05d", n)));
    }
    return urls;
  }

  private static String completion(String oid, List<String> etags) {
    List<Object> parts = new ArrayList<>();
    for (int i = 0; i < etags.size(); i++) {
      parts.add(Map.of("partNumber", (long) (i + 1), "etag", etags.get(i)));
    }
    return Json.write(Map.of("oid", oid, "parts", parts));
  }

  @Test
  void multipartUploadChecksPartsAndEtagsThenCommits() {
    byte[] content = randomBytes(2500, 4);
    Map<String, Object> upload = startMultipart(content);
    assertEquals(String.valueOf(CHUNK), Json.asObject(upload.get("header"), "h").get("chunk_size"));
    List<String> urls = partUrls(upload);
    assertEquals(3, urls.size());
    String completeUrl = (String) upload.get("href");
    assertTrue(completeUrl.startsWith(hub.url() + "/api/complete_multipart?"), completeUrl);

    List<String> etags = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      byte[] part = java.util.Arrays.copyOfRange(content, i * CHUNK, Math.min(content.length, (i + 1) * CHUNK));
      TestHttp.Reply put = http.put(urls.get(i), part);
      assertEquals(200, put.code(), put::text);
      etags.add(put.header("ETag"));
    }
    String oid = Hashes.sha256(content);
    TestHttp.Reply missing = http.post(completeUrl, null, TestHttp.LFS, completion(oid, etags.subList(0, 2)));
    assertEquals(400, missing.code());
    assertTrue(missing.obj().get("error").toString().contains("Missing part 3"));
    List<String> wrongTag = new ArrayList<>(etags);
    wrongTag.set(1, "\"00000000000000000000000000000000\"");
    assertEquals(400, http.post(completeUrl, null, TestHttp.LFS, completion(oid, wrongTag)).code());
    assertFalse(hub.repo("testuser/up").lfsObjects().contains(oid));

    completeAndCommit(completeUrl, content, etags, "big.bin");
  }

  @Test
  void aPartSentAgainGetsANewEtagAndOnlyTheLatestCompletes() {
    byte[] content = randomBytes(2500, 7);
    Map<String, Object> upload = startMultipart(content);
    List<String> urls = partUrls(upload);
    List<String> etags = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      byte[] part = java.util.Arrays.copyOfRange(content, i * CHUNK, Math.min(content.length, (i + 1) * CHUNK));
      etags.add(http.put(urls.get(i), part).header("ETag"));
    }
    // A retried part (same bytes): S3 would answer the same MD5; the emulator names each received part anew, so a
    // completion must carry the ETag of the part it actually stored, as clients do.
    byte[] second = java.util.Arrays.copyOfRange(content, CHUNK, 2 * CHUNK);
    String again = http.put(urls.get(1), second).header("ETag");
    assertNotEquals(etags.get(1), again);
    assertTrue(again.matches("\"[0-9a-f]{32}\""), again);
    String oid = Hashes.sha256(content);
    TestHttp.Reply stale = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(400, stale.code());
    assertTrue(stale.obj().get("error").toString().contains("InvalidPart"), stale::text);
    etags.set(1, again);
    TestHttp.Reply done = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(200, done.code(), done::text);
    assertTrue(hub.repo("testuser/up").lfsObjects().contains(oid));
  }

  @Test
  void multipartRefusesWrongPartSizesAndContent() {
    byte[] content = randomBytes(2100, 5);
    Map<String, Object> upload = startMultipart(content);
    List<String> urls = partUrls(upload);
    assertEquals(400, http.put(urls.get(0), new byte[10]).code(), "a short part is refused");
    List<String> etags = new ArrayList<>();
    byte[] tampered = content.clone();
    tampered[CHUNK + 5] ^= 1;
    for (int i = 0; i < urls.size(); i++) {
      byte[] part = java.util.Arrays.copyOfRange(tampered, i * CHUNK, Math.min(tampered.length, (i + 1) * CHUNK));
      etags.add(http.put(urls.get(i), part).header("ETag"));
    }
    TestHttp.Reply r = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(Hashes.sha256(content), etags));
    assertEquals(400, r.code());
    assertTrue(r.obj().get("error").toString().contains("do not match"), r::text);

    TestHttp.Reply neverUploaded = http.post((String) startMultipart(randomBytes(1500, 6)).get("href"), null, TestHttp.LFS,
        completion(Hashes.sha256(randomBytes(1500, 6)), List.of("\"a\"", "\"b\"")));
    assertEquals(400, neverUploaded.code());
    assertTrue(neverUploaded.obj().get("error").toString().contains("never uploaded"));
  }

  private static byte[] part(byte[] content, int n) {
    return java.util.Arrays.copyOfRange(content, (n - 1) * CHUNK, Math.min(content.length, n * CHUNK));
  }

  @Test
  void partsArrivingOutOfOrderAssembleAndCheckTheWholeObject() {
    byte[] content = randomBytes(3500, 11);
    Map<String, Object> upload = startMultipart(content);
    List<String> urls = partUrls(upload);
    String[] etags = new String[urls.size()];
    for (int n : new int[] {3, 1, 4, 2}) {
      TestHttp.Reply put = http.put(urls.get(n - 1), part(content, n));
      assertEquals(200, put.code(), put::text);
      etags[n - 1] = put.header("ETag");
    }
    completeAndCommit((String) upload.get("href"), content, List.of(etags), "o.bin");
  }

  /** Completes the multipart upload of {@code content}, commits it as {@code path} and reads it back. */
  private void completeAndCommit(String completeUrl, byte[] content, List<String> etags, String path) {
    String oid = Hashes.sha256(content);
    TestHttp.Reply done = http.post(completeUrl, null, TestHttp.LFS, completion(oid, etags));
    assertEquals(200, done.code(), done::text);
    assertTrue(hub.repo("testuser/up").lfsObjects().contains(oid));
    TestHttp.Reply commit = Fixtures.commit(http, "models/testuser/up", "main",
        new Fixtures.Commit("commit " + path).lfsFile(path, content));
    assertEquals(200, commit.code(), commit::text);
    assertArrayEquals(content, hub.repo("testuser/up").fileBytes("main", path));
  }

  @Test
  void aPartTooLongOrCutShortSpoilsNeitherItsNeighbourNorTheEarlierCopy() {
    byte[] content = randomBytes(2500, 12);
    Map<String, Object> upload = startMultipart(content);
    List<String> urls = partUrls(upload);
    String second = http.put(urls.get(1), part(content, 2)).header("ETag");
    // Part 1 one byte too long: refused, and its extra byte must not land on part 2's first byte.
    byte[] tooLong = java.util.Arrays.copyOf(part(content, 1), CHUNK + 1);
    tooLong[CHUNK] = (byte) ~content[CHUNK];
    TestHttp.Reply refused = http.put(urls.get(0), tooLong);
    assertEquals(400, refused.code());
    assertTrue(refused.text().contains("EntityTooLarge"), refused::text);
    String first = http.put(urls.get(0), part(content, 1)).header("ETag");
    String third = http.put(urls.get(2), part(content, 3)).header("ETag");
    // Part 2 again, cut short: refused; the copy received before stays the part.
    TestHttp.Reply shortRetry = http.put(urls.get(1), java.util.Arrays.copyOf(part(content, 2), 10));
    assertEquals(400, shortRetry.code());
    assertTrue(shortRetry.text().contains("IncompleteBody"), shortRetry::text);
    completeAndCommit((String) upload.get("href"), content, List.of(first, second, third), "x.bin");
  }

  @Test
  void aFailedCompletionCanBeRepairedByResendingThePart() {
    byte[] content = randomBytes(2500, 13);
    Map<String, Object> upload = startMultipart(content);
    List<String> urls = partUrls(upload);
    byte[] bad = part(content, 2);
    bad[7] ^= 1;
    List<String> etags = new ArrayList<>(List.of(http.put(urls.get(0), part(content, 1)).header("ETag"),
        http.put(urls.get(1), bad).header("ETag"), http.put(urls.get(2), part(content, 3)).header("ETag")));
    String oid = Hashes.sha256(content);
    TestHttp.Reply refused = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(400, refused.code());
    assertTrue(refused.obj().get("error").toString().contains("do not match"), refused::text);
    etags.set(1, http.put(urls.get(1), part(content, 2)).header("ETag"));
    TestHttp.Reply done = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(200, done.code(), done::text);
    assertTrue(hub.repo("testuser/up").lfsObjects().contains(oid));
  }

  @Test
  void bodiesOfAnObjectAlreadyStoredAreCheckedByteForByte() {
    byte[] content = randomBytes(3 * (1 << 20) + 77, 14);
    Fixtures.uploadLfs(http, "/testuser/up", content);
    Fixtures.createRepo(http, "model", "other");
    String oid = Hashes.sha256(content);
    TestHttp.Reply r = Fixtures.batch(http, "/testuser/other", WRITE, content, "sha256", List.of("basic"));
    String href = path(r.json(), "objects", "0", "actions", "upload", "href");
    byte[] late = content.clone();
    late[content.length - 1] ^= 1;
    byte[] early = content.clone();
    early[3] ^= 1;
    for (byte[] wrong : List.of(late, early)) {
      TestHttp.Reply bad = http.put(href, wrong);
      assertEquals(400, bad.code());
      assertTrue(bad.text().contains("<Code>BadDigest</Code>"), bad::text);
    }
    TestHttp.Reply tooLong = http.put(href, java.util.Arrays.copyOf(content, content.length + 1));
    assertEquals(400, tooLong.code());
    assertTrue(tooLong.text().contains("received more"), tooLong::text);
    TestHttp.Reply tooShort = http.put(href, java.util.Arrays.copyOf(content, 5000));
    assertEquals(400, tooShort.code());
    assertTrue(tooShort.text().contains("IncompleteBody") && tooShort.text().contains("received 5000"), tooShort::text);
    assertFalse(hub.repo("testuser/other").lfsObjects().contains(oid));
    TestHttp.Reply ok = http.put(href, content);
    assertEquals(200, ok.code(), ok::text);
    assertEquals("\"" + oid.substring(0, 32) + "\"", ok.header("ETag"));
    assertTrue(hub.repo("testuser/other").lfsObjects().contains(oid));
    assertEquals(200, Fixtures.commit(http, "models/testuser/other", "main", new Fixtures.Commit("c").lfsFile("c.bin", content)).code());
    assertArrayEquals(content, hub.repo("testuser/other").fileBytes("main", "c.bin"));
  }

  @Test
  void partsOfAnObjectAlreadyStoredAreComparedAndAWrongOneFailsTheCompletion() {
    byte[] content = randomBytes(2500, 15);
    String oid = Hashes.sha256(content);
    Fixtures.uploadLfs(http, "/testuser/up", content);
    Fixtures.createRepo(http, "model", "other");
    Map<String, Object> upload = startMultipart("other", content);
    List<String> urls = partUrls(upload);
    byte[] bad = part(content, 3);
    bad[bad.length - 1] ^= 1;
    List<String> etags = new ArrayList<>(List.of(http.put(urls.get(0), part(content, 1)).header("ETag"),
        http.put(urls.get(1), part(content, 2)).header("ETag"), http.put(urls.get(2), bad).header("ETag")));
    TestHttp.Reply refused = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(400, refused.code());
    assertTrue(refused.obj().get("error").toString().contains("do not match"), refused::text);
    assertFalse(hub.repo("testuser/other").lfsObjects().contains(oid));
    assertEquals(400, http.put(urls.get(1), java.util.Arrays.copyOf(part(content, 2), CHUNK + 1)).code());
    etags.set(2, http.put(urls.get(2), part(content, 3)).header("ETag"));
    TestHttp.Reply done = http.post((String) upload.get("href"), null, TestHttp.LFS, completion(oid, etags));
    assertEquals(200, done.code(), done::text);
    assertTrue(hub.repo("testuser/other").lfsObjects().contains(oid));
    assertEquals(200, Fixtures.commit(http, "models/testuser/other", "main", new Fixtures.Commit("m").lfsFile("m.bin", content)).code());
    assertArrayEquals(content, hub.repo("testuser/other").fileBytes("main", "m.bin"));
  }

  @Test
  void basicPutHashesBodiesLargerThanOneCopyBufferWhole() {
    byte[] content = randomBytes(2 * (1 << 20) + 12345, 8);
    TestHttp.Reply r = Fixtures.batch(http, "/testuser/up", WRITE, content, "sha256", List.of("basic"));
    String href = path(r.json(), "objects", "0", "actions", "upload", "href");
    byte[] lastByteWrong = content.clone();
    lastByteWrong[content.length - 1] ^= 1;
    TestHttp.Reply bad = http.put(href, lastByteWrong);
    assertEquals(400, bad.code());
    assertTrue(bad.text().contains("<Code>BadDigest</Code>"), bad::text);
    assertFalse(hub.repo("testuser/up").lfsObjects().contains(Hashes.sha256(content)));
    TestHttp.Reply tooLong = http.put(href, java.util.Arrays.copyOf(content, content.length + 1));
    assertEquals(400, tooLong.code());
    TestHttp.Reply ok = http.put(href, content);
    assertEquals(200, ok.code(), ok::text);
    assertTrue(hub.repo("testuser/up").lfsObjects().contains(Hashes.sha256(content)));
  }

  @Test
  void storageRefusesAuthorizationAndCountsTheLeak() {
    byte[] content = randomBytes(100, 7);
    TestHttp.Reply r = Fixtures.batch(http, "/testuser/up", WRITE, content, "sha256", List.of("basic"));
    String href = path(r.json(), "objects", "0", "actions", "upload", "href");
    TestHttp.Reply leaked = http.send("PUT", href, WRITE, TestHttp.OCTETS, content);
    assertEquals(400, leaked.code());
    assertTrue(leaked.text().contains("Only one auth mechanism allowed"));
    assertEquals(1, hub.tokenLeaks().size());
    TokenLeak leak = hub.tokenLeaks().get(0);
    assertEquals("PUT", leak.method());
    assertFalse(leak.toString().contains(WRITE), "a leak record never holds the token");
    RecordedRequest logged = hub.requests().stream().filter(q -> q.seq() == leak.requestSeq()).findFirst().orElseThrow();
    assertEquals(Host.STORAGE, logged.host());
    assertEquals("<redacted>", logged.header("Authorization"));
    assertFalse(hub.repo("testuser/up").lfsObjects().contains(Hashes.sha256(content)));
  }

  @Test
  void presignedUrlsExpireOnTheEmulatorClock() {
    try (EmulatorClock clock = EmulatorClock.manual(Instant.parse("2025-01-01T00:00:00Z"));
        HubEmulator h = HubEmulator.builder().clock(clock).build().start()) {
      TestHttp t = new TestHttp(h.url());
      Fixtures.createRepo(t, "model", "exp");
      byte[] content = randomBytes(10, 8);
      String href = path(Fixtures.batch(t, "/testuser/exp", WRITE, content, "sha256", List.of("basic")).json(),
          "objects", "0", "actions", "upload", "href");
      clock.advance(Duration.ofDays(2));
      TestHttp.Reply expired = t.put(href, content);
      assertEquals(403, expired.code());
      assertNotEquals(-1, expired.text().indexOf("AccessDenied"));
    }
  }

  @Test
  void programmaticCommitsSeedRepos() {
    String id = hub.repos().commit(io.hf4j.core.RepoType.MODEL, "testuser/up", "main", "seed",
        Map.of("a.txt", utf8("a"), "w.safetensors", utf8("w"), "dir/b.dat", new byte[] {0, 1}), java.util.Set.of());
    RepoView repo = hub.repo("testuser/up");
    assertEquals(id, repo.head("main"));
    assertTrue(Objects.requireNonNull(repo.file("main", "w.safetensors")).lfs());
    assertTrue(Objects.requireNonNull(repo.file("main", "dir/b.dat")).lfs());
    assertFalse(Objects.requireNonNull(repo.file("main", "a.txt")).lfs());
    TestHttp.Reply dl = http.get("/testuser/up/resolve/main/a.txt", null);
    assertArrayEquals(utf8("a"), dl.body());
  }
}
