package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files prepared ahead ({@link XetUploadSession#prepare}, several at once, in any order) and then added in
 * order give exactly what adding them one by one gives: the same file hashes, counters and xorbs; and a prepared
 * file's global dedupe answer is used, not asked for twice.
 */
class XetPreparedFilesTest {
  private static final String TOKEN = "xet_prepared_token";
  @StartStop final MockWebServer first = new MockWebServer();
  @StartStop final MockWebServer second = new MockWebServer();
  @TempDir Path tmp;

  private FakeCas cas(MockWebServer server, String name) throws IOException {
    FakeCas cas = new FakeCas(TOKEN, Files.createDirectories(tmp.resolve(name)));
    server.setDispatcher(cas);
    cas.baseUrl = server.url("/").toString();
    return cas;
  }

  private CasClient client(MockWebServer server) {
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().sleeper(d -> { }).jitter(0)
        .hfHome(tmp.resolve("hf-home")).build();
    String base = server.url("/").toString();
    return new CasClient(config, force -> new XetToken(base, TOKEN, Instant.now().plusSeconds(3600)));
  }

  private static List<byte[]> files() {
    List<byte[]> out = new ArrayList<>();
    Random r = new Random(5);
    for (int i = 0; i < 12; i++) {
      byte[] b = new byte[i == 5 ? 0 : 1000 + r.nextInt(300_000)];
      r.nextBytes(b);
      out.add(b);
    }
    out.add(out.get(3).clone()); // a duplicate: deduplicated within the session
    byte[] large = new byte[1_500_000]; // above the size prepared in one go: chunked through the read pipeline
    r.nextBytes(large);
    out.add(large);
    return out;
  }

  @Test
  void preparedFilesAddedInOrderMatchFilesAddedOneByOne() throws Exception {
    FakeCas casA = cas(first, "a");
    FakeCas casB = cas(second, "b");
    List<byte[]> files = files();
    XetUploadSession.Options opts = XetUploadSession.Options.defaults().withMaxXorbBytes(1 << 20);

    XetUploadSession one = new XetUploadSession(client(first), opts);
    List<XetUploadSession.XetFileResult> expected = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      expected.add(one.add("f" + i, new ByteArrayInputStream(files.get(i)), files.get(i).length));
    }
    one.flush();

    XetUploadSession ahead = new XetUploadSession(client(second), opts);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<XetUploadSession.Prepared>> prepared = new ArrayList<>();
      for (int i = files.size() - 1; i >= 0; i--) {
        byte[] content = files.get(i);
        String name = "f" + i;
        prepared.add(0, CompletableFuture.supplyAsync(() -> ahead.prepare(name, content), pool));
      }
      List<XetUploadSession.XetFileResult> got = new ArrayList<>();
      for (CompletableFuture<XetUploadSession.Prepared> p : prepared) {
        got.add(ahead.add(p.join()));
      }
      ahead.flush();
      assertEquals(expected, got);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(casA.xorbOffsets.keySet(), casB.xorbOffsets.keySet(), "the same xorbs, packed the same way");
    assertEquals(casA.files.keySet(), casB.files.keySet());
    assertTrue(expected.get(12).bytesDeduplicated() == files.get(12).length && expected.get(12).bytesNew() == 0);
  }

  @Test
  void aPreparedFilesDedupeAnswerIsUsedAndNotAskedTwice() throws Exception {
    FakeCas cas = cas(first, "a");
    byte[] content = new byte[200_000];
    new Random(9).nextBytes(content);
    XetUploadSession s1 = new XetUploadSession(client(first), XetUploadSession.Options.defaults());
    s1.add("one", new ByteArrayInputStream(content), content.length);
    s1.flush();
    cas.log.clear();

    XetUploadSession s2 = new XetUploadSession(client(first), XetUploadSession.Options.defaults());
    XetUploadSession.Prepared p = s2.prepare("again", content);
    assertEquals(1, cas.log.stream().filter(l -> l.startsWith("GET /v1/chunks/")).count(), cas.log::toString);
    XetUploadSession.XetFileResult r = s2.add(p);
    assertEquals(content.length, r.bytesDeduplicated(), "the CAS's shard named every chunk");
    assertEquals(0, r.bytesNew());
    assertEquals(1, cas.log.stream().filter(l -> l.startsWith("GET /v1/chunks/")).count(), cas.log::toString);
    XetUploadSession.XetUploadSummary sum = s2.flush();
    assertEquals(0, sum.xorbsUploaded());
  }
}
