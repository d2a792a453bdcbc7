package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfHttpException;
import io.hf4j.core.RepoId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of several preupload chunks asks preupload about them together (at most
 * {@link Uploader#PREUPLOADS_IN_FLIGHT} calls at once) instead of one round trip after another, and still commits every
 * file once; a failed call of a later chunk fails the upload with its own error and nothing is committed. The
 * preupload route holds each answer until a second call has arrived (or 60 s pass, which fails the test).
 */
class PreuploadPipelineTest {
  private static final String HEAD = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";
  private static final String NEW = "d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2";
  private static final String PREUPLOAD = "POST /api/models/acme/model/preupload/main";
  private static final String COMMIT = "POST /api/models/acme/model/commit/main";
  /** Three chunks of the default 256 files. */
  private static final int FILES = 600;

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  Routes hub;
  MockHub mock;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final CountDownLatch two = new CountDownLatch(2);
  final AtomicBoolean overlapped = new AtomicBoolean(true);

  @BeforeEach
  void setUp() throws Exception {
    mock = MockHub.routed(server, dir);
    hub = mock.routes;
  }

  private Path folder() throws Exception {
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder);
    for (int i = 0; i < FILES; i++) {
      Files.writeString(folder.resolve(String.format("f%04d.txt", i)), "file " + i);
    }
    return folder;
  }

  /** Every preupload call: counted while it is held, answered "regular" for each path it names. */
  private void preuploadRoute(int failingCall) {
    AtomicInteger calls = new AtomicInteger();
    for (int k = 0; k < 3; k++) {
      hub.on(PREUPLOAD, req -> {
        int call = calls.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        two.countDown();
        try {
          if (!two.await(60, TimeUnit.SECONDS)) overlapped.set(false);
          if (call == failingCall) return MockHub.json(400, "{\"error\":\"Invalid preupload request\"}");
          return MockHub.json(answer(req));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } finally {
          inFlight.decrementAndGet();
        }
      });
    }
  }

  @SuppressWarnings("unchecked")
  private static String answer(RecordedRequest req) {
    Map<String, Object> body = (Map<String, Object>) TestJson.parse(req.getBody().utf8());
    List<Object> files = new ArrayList<>();
    for (Object o : (List<Object>) body.get("files")) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", ((Map<String, Object>) o).get("path"));
      f.put("uploadMode", "regular");
      f.put("shouldIgnore", false);
      files.add(f);
    }
    return TestJson.write(Map.of("files", files, "commitOid", HEAD));
  }

  private MockResponse commitAnswer() {
    return MockHub.json("{\"success\":true,\"commitOid\":\"" + NEW + "\",\"commitUrl\":\"" + mock.endpoint()
        + "/acme/model/commit/" + NEW + "\",\"hookOutput\":\"\"}");
  }

  @Test
  void theChunksArePreuploadedTogetherAndEveryFileIsCommittedOnce() throws Exception {
    preuploadRoute(0);
    hub.on(COMMIT, commitAnswer());

    CommitInfo info = mock.hub.uploadFolder(RepoId.of("acme/model"), folder());

    assertEquals(NEW, info.oid());
    assertTrue(overlapped.get(), "a second preupload call arrived while the first was held");
    assertTrue(maxInFlight.get() >= 2 && maxInFlight.get() <= Uploader.PREUPLOADS_IN_FLIGHT, "at most "
        + Uploader.PREUPLOADS_IN_FLIGHT + " at once: " + maxInFlight.get());
    assertEquals(3, hub.matching("POST", "/api/models/acme/model/preupload/main").size());
    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main")
        .getBody().utf8());
    TreeSet<String> paths = new TreeSet<>();
    for (Map<String, Object> line : lines.subList(1, lines.size())) {
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) line.get("value");
      assertTrue(paths.add((String) value.get("path")), "committed twice: " + value.get("path"));
    }
    assertEquals(FILES, paths.size());
    assertEquals("f0000.txt", paths.first());
    assertEquals(String.format("f%04d.txt", FILES - 1), paths.last());
  }

  @Test
  void aLaterChunksFailedPreuploadFailsTheUploadAndNothingIsCommitted() throws Exception {
    preuploadRoute(2);
    hub.on(COMMIT, commitAnswer());

    HfHttpException e = assertThrows(HfHttpException.class,
        () -> mock.hub.uploadFolder(RepoId.of("acme/model"), folder()));

    assertEquals(400, e.statusCode());
    assertTrue(e.getMessage().contains("Invalid preupload request"), e.getMessage());
    assertTrue(hub.matching("POST", "/api/models/acme/model/commit/main").isEmpty(), hub.lines().toString());
  }

  @Test
  void createCommitPreuploadsItsChunksTogetherToo() throws Exception {
    preuploadRoute(0);
    hub.on(COMMIT, commitAnswer());
    List<CommitOperation> ops = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      ops.add(CommitOperation.add("c" + i + ".txt", ("content " + i).getBytes(StandardCharsets.UTF_8)));
    }

    CommitInfo info = mock.hub.createCommit(RepoId.of("acme/model"), ops, "many files");

    assertEquals(NEW, info.oid());
    assertTrue(overlapped.get(), "a second preupload call arrived while the first was held");
    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main")
        .getBody().utf8());
    assertEquals(FILES + 1, lines.size());
  }
}
