package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small file's content read with its preupload sample and kept for its commit line and hashes: the same bytes on
 * the wire as reading the file again, within a budget, and nothing kept for a file that is not its listed size.
 */
class KeptContentTest {
  private static final String HEAD = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";
  private static final String NEW = "d37235f0b5c1d6e1a0a5c2d7e7d95d0b3ad1f3b2";

  @TempDir Path dir;
  @StartStop final MockWebServer server = new MockWebServer();

  private static byte[] written(CommitBody body) throws IOException {
    Buffer out = new Buffer();
    body.writeTo(out);
    return out.readByteArray();
  }

  @Test
  void aKeptFileGivesTheSameSampleCommitLineAndHashesAsTheFile() throws Exception {
    Random r = new Random(3);
    int[] sizes = {1, 2, 3, 4, 511, 512, 513, 4096, 48 * 1024 - 1, 48 * 1024, 48 * 1024 + 1, UploadItem.KEEP_MAX};
    AtomicLong budget = new AtomicLong(Long.MAX_VALUE / 2);
    for (int size : sizes) {
      byte[] content = new byte[size];
      r.nextBytes(content);
      Path f = dir.resolve("f" + size);
      Files.write(f, content);
      UploadItem kept = UploadItem.ofFile("d/f " + size + ".bin", f, size);
      UploadItem read = UploadItem.ofFile("d/f " + size + ".bin", f, size);
      long before = budget.get();

      byte[] sample = kept.sample(budget);
      byte[] expectedSample = Arrays.copyOf(content, Math.min(512, size));
      assertArrayEquals(expectedSample, Arrays.copyOf(sample, Math.min(sample.length, UploadItem.SAMPLE)), "size " + size);
      assertArrayEquals(expectedSample, read.sample(), "size " + size);
      assertArrayEquals(content, kept.memory(), "size " + size);
      assertNull(read.memory());
      assertEquals(before - size, budget.get());
      // A second sample of a kept file reads nothing and takes nothing more.
      assertArrayEquals(content, kept.sample(budget));
      assertEquals(before - size, budget.get());

      assertArrayEquals(written(new CommitBody.Builder("t", "", null).file(read).build()),
          written(new CommitBody.Builder("t", "", null).file(kept).build()), "size " + size);
      CallTracker tracker = new CallTracker();
      assertEquals(Hashing.gitSha1(content), Hashing.gitSha1(kept, d -> { }, tracker));
      assertEquals(Hashing.sha256(content), Hashing.sha256(kept, d -> { }, tracker));
      assertArrayEquals(content, kept.open(0).readAllBytes());
      assertArrayEquals(Arrays.copyOfRange(content, 1, size), kept.open(1).readAllBytes());

      // The file changes after it was kept: what was read is what goes out (one read per file).
      Files.write(f, new byte[size]);
      assertArrayEquals(content, kept.open(0).readAllBytes());
      kept.drop(budget);
      assertEquals(before, budget.get());
      assertNull(kept.memory());
      assertArrayEquals(new byte[size], kept.open(0).readAllBytes(), "dropped: the file is read again");
    }
  }

  @Test
  void aFileThatIsNotItsListedSizeIsNotKeptAndFailsItsCommitLineAsBefore() throws Exception {
    byte[] content = new byte[700];
    Arrays.fill(content, (byte) 'a');
    Path f = dir.resolve("grown");
    Files.write(f, content);
    AtomicLong budget = new AtomicLong(1 << 20);
    for (int listed : new int[] {600, 699, 701, 100}) {
      UploadItem item = UploadItem.ofFile("grown", f, listed);
      byte[] sample = item.sample(budget);
      assertArrayEquals(UploadItem.ofFile("grown", f, listed).sample(), sample, "listed " + listed);
      assertEquals(1 << 20, budget.get());
      assertNull(item.memory());
      CommitBody body = new CommitBody.Builder("t", "", null).file(item).build();
      IOException e = assertThrows(IOException.class, () -> written(body));
      assertTrue(e.getMessage().contains("changed while uploading"), e.getMessage());
    }
  }

  @Test
  void beyondTheBudgetAndAboveTheSizeLimitFilesAreNotKept() throws Exception {
    byte[] content = new byte[4096];
    new Random(4).nextBytes(content);
    Path f = dir.resolve("f");
    Files.write(f, content);
    AtomicLong budget = new AtomicLong(5000);
    UploadItem first = UploadItem.ofFile("a", f, 4096);
    UploadItem second = UploadItem.ofFile("b", f, 4096);
    first.sample(budget);
    assertNotNull(first.memory());
    assertArrayEquals(Arrays.copyOf(content, 512), second.sample(budget));
    assertNull(second.memory());
    assertEquals(5000 - 4096, budget.get());
    first.drop(budget);
    first.drop(budget);
    assertEquals(5000, budget.get(), "released once");

    byte[] big = new byte[UploadItem.KEEP_MAX + 1];
    Path g = dir.resolve("g");
    Files.write(g, big);
    UploadItem large = UploadItem.ofFile("g", g, big.length);
    assertEquals(512, large.sample(budget).length);
    assertNull(large.memory());
    assertEquals(5000, budget.get());
    UploadItem empty = UploadItem.ofFile("e", Files.write(dir.resolve("e"), new byte[0]), 0);
    assertEquals(0, empty.sample(budget).length);
    assertNull(empty.memory());
  }

  @Test
  void theCommitCarriesTheBytesReadWithTheSampleForSmallFilesOnly() throws Exception {
    MockHub mock = MockHub.routed(server, dir);
    Path folder = Files.createDirectories(dir.resolve("folder"));
    String small = "s".repeat(4096);
    String large = "l".repeat(UploadItem.KEEP_MAX + 1);
    Files.writeString(folder.resolve("small.txt"), small);
    Files.writeString(folder.resolve("large.txt"), large);
    String base = "/api/models/user/repo";
    mock.routes.on("POST " + base + "/preupload/main", req -> {
      try {
        // Same sizes, new bytes, after the samples were read.
        Files.writeString(folder.resolve("small.txt"), "S".repeat(4096));
        Files.writeString(folder.resolve("large.txt"), "L".repeat(UploadItem.KEEP_MAX + 1));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      List<Object> files = new ArrayList<>();
      for (Object o : (List<?>) TestJson.object(req.getBody().utf8()).get("files")) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("path", ((Map<?, ?>) o).get("path"));
        e.put("uploadMode", "regular");
        e.put("shouldIgnore", false);
        files.add(e);
      }
      return MockHub.json(TestJson.write(Map.of("files", files, "commitOid", HEAD)));
    });
    mock.routes.on("POST " + base + "/commit/main", MockHub.json("{\"success\":true,\"commitOid\":\"" + NEW
        + "\",\"commitUrl\":\"" + mock.endpoint() + "/user/repo/commit/" + NEW + "\",\"hookOutput\":\"\"}"));

    mock.hub.uploadFolder(RepoId.of("user/repo"), folder);

    Map<String, String> sent = new LinkedHashMap<>();
    for (Map<String, Object> line : TestJson.ndjson(mock.routes.only("POST", base + "/commit/main").getBody().utf8())) {
      if (!"file".equals(line.get("key"))) continue;
      Map<?, ?> v = (Map<?, ?>) line.get("value");
      sent.put((String) v.get("path"), new String(Base64.getDecoder().decode((String) v.get("content")), StandardCharsets.UTF_8));
    }
    assertEquals(small, sent.get("small.txt"), "read once, with its sample");
    assertEquals("L".repeat(UploadItem.KEEP_MAX + 1), sent.get("large.txt"), "above the limit: read for the commit");
  }
}
