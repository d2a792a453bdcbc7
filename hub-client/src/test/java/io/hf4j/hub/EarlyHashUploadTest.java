package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.RepoId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the Git LFS path, files of 10 MB and more are hashed while their preupload is still pending (Uploader's
 * early sha256), and the upload still makes exactly the requests it made before: preupload, LFS batch, one
 * commit. The preupload route holds its answer until the listener has seen the large file fully hashed (or a
 * deadline passes, which fails the test).
 */
class EarlyHashUploadTest {
  private static final String HEAD = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";
  private static final String NEW = "d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2";
  private static final int BIG = (int) Uploader.EARLY_SHA256_MIN + 1;

  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  Routes hub;
  MockHub mock;

  @BeforeEach
  void setUp() throws Exception {
    mock = MockHub.routed(server, dir);
    hub = mock.routes;
  }

  private static String preuploadAnswer(Object... pathModeIgnored) {
    List<Object> files = new ArrayList<>();
    for (int i = 0; i < pathModeIgnored.length; i += 3) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("path", pathModeIgnored[i]);
      f.put("uploadMode", pathModeIgnored[i + 1]);
      f.put("shouldIgnore", pathModeIgnored[i + 2]);
      files.add(f);
    }
    return TestJson.write(Map.of("files", files, "commitOid", HEAD));
  }

  /** Preupload answers {@code answer} once {@code hashed} fires (or 60 s pass), recording whether it fired first. */
  private void answerPreuploadOnceHashed(CountDownLatch hashed, AtomicBoolean hashedBeforeAnswer, String answer) {
    hub.on("POST /api/models/acme/model/preupload/main", req -> {
      try {
        hashedBeforeAnswer.set(hashed.await(60, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return MockHub.json(answer);
    });
  }

  private String commitAnswer() {
    return "{\"success\":true,\"commitOid\":\"" + NEW + "\",\"commitUrl\":\"" + mock.endpoint() + "/acme/model/commit/"
        + NEW + "\",\"hookOutput\":\"\"}";
  }

  private Path folder(byte[] big) throws Exception {
    Path folder = dir.resolve("folder");
    Files.createDirectories(folder);
    Files.write(folder.resolve("big.bin"), big);
    Files.write(folder.resolve("small.txt"), "small".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return folder;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void aLargeFileIsHashedBeforePreuploadAnswersAndCommittedOnce() throws Exception {
    byte[] big = random(BIG, 1);
    String sha = Hashing.sha256(big);
    Path folder = folder(big);
    CountDownLatch hashed = new CountDownLatch(1);
    AtomicBoolean hashedBeforeAnswer = new AtomicBoolean();
    answerPreuploadOnceHashed(hashed, hashedBeforeAnswer,
        preuploadAnswer("big.bin", "lfs", false, "small.txt", "regular", false));
    // The object is already in storage: no transfer, the batch answer alone says so.
    hub.on("POST /acme/model.git/info/lfs/objects/batch",
        MockHub.json("{\"transfer\":\"basic\",\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + BIG + "}]}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer()));
    List<UploadEvent> events = new CopyOnWriteArrayList<>();
    UploadListener listener = e -> {
      events.add(e);
      if (e instanceof UploadEvent.HashProgress h && h.path().equals("big.bin") && h.bytesHashed() == BIG) {
        hashed.countDown();
      }
    };

    CommitInfo info = mock.hub.uploadFolder(RepoId.of("acme/model"), folder,
        UploadFolderParams.builder().listener(listener).build());

    assertEquals(NEW, info.oid());
    assertTrue(hashedBeforeAnswer.get(), "big.bin was hashed while its preupload was pending");
    assertEquals(List.of("POST /api/models/acme/model/preupload/main", "POST /acme/model.git/info/lfs/objects/batch",
        "POST /api/models/acme/model/commit/main"), hub.lines());
    String batch = hub.only("POST", "/acme/model.git/info/lfs/objects/batch").getBody().utf8();
    assertTrue(batch.contains(sha), batch);
    List<Map<String, Object>> lines = TestJson.ndjson(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8());
    assertEquals(3, lines.size(), "header, the LFS file, the regular file: " + lines);
    assertTrue(lines.toString().contains(sha), lines.toString());
    long hashes = events.stream().filter(e -> e instanceof UploadEvent.HashProgress h && h.path().equals("big.bin")
        && h.bytesHashed() == BIG).count();
    assertEquals(1, hashes, "hashed once");
  }

  @Test
  void aLargeFilePreuploadIgnoresIsNeitherSentNorCommitted() throws Exception {
    Path folder = folder(random(BIG, 2));
    hub.on("POST /api/models/acme/model/preupload/main",
        MockHub.json(preuploadAnswer("big.bin", "lfs", true, "small.txt", "regular", false)));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer()));
    List<UploadEvent> events = new CopyOnWriteArrayList<>();

    mock.hub.uploadFolder(RepoId.of("acme/model"), folder, UploadFolderParams.builder().listener(events::add).build());

    assertEquals(List.of("POST /api/models/acme/model/preupload/main", "POST /api/models/acme/model/commit/main"),
        hub.lines());
    String commit = hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8();
    assertFalse(commit.contains("big.bin"), commit);
    assertTrue(events.contains(new UploadEvent.FileSkipped("big.bin", UploadEvent.SkipReason.IGNORED)));
  }

  @Test
  void aLargeFileThatChangesAfterItsEarlyHashFailsTheUploadBeforeAnyCommit() throws Exception {
    byte[] content = random(BIG, 3);
    String sha = Hashing.sha256(content);
    Path folder = folder(content);
    Path big = folder.resolve("big.bin");
    CountDownLatch hashed = new CountDownLatch(1);
    hub.on("POST /api/models/acme/model/preupload/main", req -> {
      try {
        // Once its early hash is done, the file shrinks: the transfer must notice, whatever the hash said.
        if (!hashed.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("big.bin was never hashed");
        Files.write(big, new byte[10]);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return MockHub.json(preuploadAnswer("big.bin", "lfs", false, "small.txt", "regular", false));
    });
    hub.on("POST /acme/model.git/info/lfs/objects/batch", MockHub.json("{\"transfer\":\"basic\",\"objects\":[{\"oid\":\""
        + sha + "\",\"size\":" + BIG + ",\"actions\":{\"upload\":{\"href\":\"" + mock.endpoint() + "/storage/big\"}}}]}"));
    hub.on("PUT /storage/big", MockHub.json("{}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer()));
    UploadListener listener = e -> {
      if (e instanceof UploadEvent.HashProgress h && h.path().equals("big.bin") && h.bytesHashed() == BIG) {
        hashed.countDown();
      }
    };

    HfIoException e = assertThrows(HfIoException.class,
        () -> mock.hub.uploadFolder(RepoId.of("acme/model"), folder, UploadFolderParams.builder().listener(listener).build()));

    assertTrue(e.getMessage().contains("big.bin"), e.getMessage());
    assertTrue(hub.matching("POST", "/api/models/acme/model/commit/main").isEmpty(), hub.lines().toString());
  }

  @Test
  void cancellingWhilePreuploadIsPendingStopsTheEarlyHashAndCommitsNothing() throws Exception {
    Path folder = folder(random(BIG, 4));
    CancellationToken token = CancellationToken.create();
    CountDownLatch release = new CountDownLatch(1);
    hub.on("POST /api/models/acme/model/preupload/main", req -> {
      token.cancel();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return MockHub.json(preuploadAnswer("big.bin", "lfs", false, "small.txt", "regular", false));
    });
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer()));

    try {
      assertThrows(CancelledException.class, () -> mock.hub.uploadFolder(RepoId.of("acme/model"), folder,
          UploadFolderParams.builder().cancellationToken(token).build()));
    } finally {
      release.countDown();
    }

    assertTrue(hub.matching("POST", "/api/models/acme/model/commit/main").isEmpty(), hub.lines().toString());
    assertTrue(hub.matching("POST", "/acme/model.git/info/lfs/objects/batch").isEmpty(), hub.lines().toString());
  }

  @Test
  void uploadFileHashesALargeFileWhilePreuploadIsPendingToo() throws Exception {
    byte[] big = random(BIG, 5);
    String sha = Hashing.sha256(big);
    Path file = folder(big).resolve("big.bin");
    CountDownLatch hashed = new CountDownLatch(1);
    AtomicBoolean hashedBeforeAnswer = new AtomicBoolean();
    answerPreuploadOnceHashed(hashed, hashedBeforeAnswer, preuploadAnswer("weights/big.bin", "lfs", false));
    hub.on("POST /acme/model.git/info/lfs/objects/batch",
        MockHub.json("{\"transfer\":\"basic\",\"objects\":[{\"oid\":\"" + sha + "\",\"size\":" + BIG + "}]}"));
    hub.on("POST /api/models/acme/model/commit/main", MockHub.json(commitAnswer()));
    UploadListener listener = e -> {
      if (e instanceof UploadEvent.HashProgress h && h.bytesHashed() == BIG) hashed.countDown();
    };

    mock.hub.uploadFile(RepoId.of("acme/model"), file, "weights/big.bin", UploadFileParams.builder().listener(listener).build());

    assertTrue(hashedBeforeAnswer.get(), "hashed while its preupload was pending");
    assertEquals(List.of("POST /api/models/acme/model/preupload/main", "POST /acme/model.git/info/lfs/objects/batch",
        "POST /api/models/acme/model/commit/main"), hub.lines());
    assertTrue(hub.only("POST", "/api/models/acme/model/commit/main").getBody().utf8().contains(sha));
  }
}
