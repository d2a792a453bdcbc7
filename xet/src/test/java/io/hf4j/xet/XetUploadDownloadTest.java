package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upload sessions and downloads against a small in-test CAS (validating xorbs and shards). */
class XetUploadDownloadTest {
  private static final String TOKEN = "xet_write_token_secret_123";
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path tmp;

  private FakeCas cas() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("cas"));
    FakeCas cas = new FakeCas(TOKEN, d);
    server.setDispatcher(cas);
    cas.baseUrl = server.url("/").toString();
    return cas;
  }

  private CasClient client(AtomicInteger tokenCalls) {
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().sleeper(d -> { }).jitter(0)
        .hfHome(tmp.resolve("hf-home")).build();
    String base = server.url("/").toString();
    return new CasClient(config, force -> {
      tokenCalls.incrementAndGet();
      return new XetToken(base, TOKEN, Instant.now().plusSeconds(3600));
    });
  }

  private static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] download(CasClient c, XetUploadSession.XetFileResult r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XetDownloader(c).download(r.xetHash(), r.size(), out);
    return out.toByteArray();
  }

  @Test
  void filesRoundTripWithDedupeWithinTheSession() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    // small xorbs so that a file spans several of them
    List<String> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
    XetUploadSession s = new XetUploadSession(c, XetUploadSession.Options.defaults().withMaxXorbBytes(1 << 20)
        .withProgress((name, read, dedup, fresh) -> progress.add(name + " " + read + " " + dedup + " " + fresh)));
    byte[] a = random(1, 3_000_000);
    byte[] b = a.clone(); // same content again: fully deduplicated
    byte[] text = "a line of text\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] small = {1, 2, 3};
    Path fa = tmp.resolve("a.bin");
    Files.write(fa, a);
    XetUploadSession.XetFileResult ra = s.add(fa);
    XetUploadSession.XetFileResult rb = s.add("b.bin", new ByteArrayInputStream(b), b.length);
    XetUploadSession.XetFileResult rt = s.add(new ByteArrayInputStream(text), text.length);
    XetUploadSession.XetFileResult rs = s.add(new ByteArrayInputStream(small), 3);
    XetUploadSession.XetFileResult re = s.add(new ByteArrayInputStream(new byte[0]), 0);
    XetUploadSession.XetUploadSummary sum = s.flush();

    assertEquals(Xet.fileHash(a), ra.xetHash());
    assertEquals(Xet.hashFile(fa).sha256Hex(), ra.sha256Hex());
    assertEquals(ra.xetHash(), rb.xetHash());
    assertEquals(a.length, ra.bytesNew());
    assertEquals(0, rb.bytesNew());
    assertEquals(b.length, rb.bytesDeduplicated());
    assertEquals(XetHash.ZERO, re.xetHash());
    assertEquals("a.bin 3000000 0 3000000", progress.stream().filter(p -> p.startsWith("a.bin")).reduce((x, y) -> y)
        .orElseThrow());
    assertEquals("b.bin 3000000 3000000 0", progress.stream().filter(p -> p.startsWith("b.bin")).reduce((x, y) -> y)
        .orElseThrow());
    assertEquals(5, sum.files().size());
    assertTrue(sum.xorbsUploaded() >= 3, "3 MB in 1 MiB xorbs: " + sum.xorbsUploaded());
    assertTrue(sum.bytesSent() < a.length + text.length, "text compresses: " + sum.bytesSent());
    assertEquals(cas.xorbBytesReceived.get(), sum.bytesSent());

    assertArrayEquals(a, download(c, ra));
    assertArrayEquals(text, download(c, rt));
    assertArrayEquals(small, download(c, rs));
    assertArrayEquals(new byte[0], download(c, re));
    // a range
    ByteArrayOutputStream part = new ByteArrayOutputStream();
    new XetDownloader(c).downloadRange(ra.xetHash(), 10, 99, part);
    assertArrayEquals(Arrays.copyOfRange(a, 10, 100), part.toByteArray());
  }

  @Test
  void editedFileReuploadSendsOnlyTheChangedChunks() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    byte[] original = random(2, 20_000_000);
    XetUploadSession first = new XetUploadSession(c, XetUploadSession.Options.defaults());
    first.add(new ByteArrayInputStream(original), original.length);
    first.flush();
    long before = cas.xorbBytesReceived.get();

    byte[] edited = original.clone();
    byte[] patch = random(3, 1 << 20);
    System.arraycopy(patch, 0, edited, 10_000_000, patch.length);
    XetUploadSession second = new XetUploadSession(c, XetUploadSession.Options.defaults());
    XetUploadSession.XetFileResult r = second.add(new ByteArrayInputStream(edited), edited.length);
    XetUploadSession.XetUploadSummary sum = second.flush();
    long sent = cas.xorbBytesReceived.get() - before;
    assertTrue(sent < (1 << 20) + 5 * GearChunker.MAX, "sent " + sent);
    assertEquals(sent, sum.bytesSent());
    assertTrue(r.bytesDeduplicated() > 18_000_000, "dedup " + r.bytesDeduplicated());
    assertTrue(cas.log.stream().anyMatch(l -> l.startsWith("GET /v1/chunks/default/")));
    assertArrayEquals(edited, download(c, r));
  }

  @Test
  void aRerunAfterAKillResendsNoStoredXorb() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    Path record = tmp.resolve("hf-home/xet/xorbs");
    XetUploadSession.Options opts = XetUploadSession.Options.defaults().withMaxXorbBytes(1 << 20)
        .withUploadedXorbDir(record);
    byte[] data = random(4, 4_000_000);
    // first run: xorbs go out as they fill up (add returns once they are sealed, possibly still in flight); once
    // they are stored the process "dies" before the shard
    XetUploadSession killed = new XetUploadSession(c, opts);
    killed.add(new ByteArrayInputStream(data), data.length);
    killed.awaitUploads();
    int postsBefore = cas.xorbPosts.get();
    assertTrue(postsBefore >= 2, "full xorbs were stored before the kill: " + postsBefore);
    try (java.util.stream.Stream<Path> recorded = Files.walk(record)) {
      assertEquals(postsBefore, recorded.filter(Files::isRegularFile).count(), "one record per stored xorb");
    }
    assertTrue(cas.files.isEmpty());

    XetUploadSession rerun = new XetUploadSession(c, opts);
    XetUploadSession.XetFileResult r = rerun.add(new ByteArrayInputStream(data), data.length);
    XetUploadSession.XetUploadSummary sum = rerun.flush();
    assertEquals(postsBefore, sum.xorbsSkipped());
    assertEquals(1, cas.xorbPosts.get() - postsBefore, "only the last, never-sent xorb is posted");
    assertArrayEquals(data, download(c, r));
  }

  @Test
  void xorbUploadsAreRetriedOn503() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    cas.failNextXorbPosts.set(2);
    XetUploadSession s = new XetUploadSession(c, XetUploadSession.Options.defaults());
    byte[] data = random(5, 500_000);
    XetUploadSession.XetFileResult r = s.add(new ByteArrayInputStream(data), data.length);
    s.flush();
    assertEquals(3, cas.xorbPosts.get());
    cas.failNextRangeReads.set(2);
    assertArrayEquals(data, download(c, r));
  }

  @Test
  void aXorbTheServerKeepsRefusingFailsTheUploadAndRegistersNothing() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    cas.failNextXorbPosts.set(1000);
    XetUploadSession s = new XetUploadSession(c, XetUploadSession.Options.defaults());
    byte[] data = random(7, 300_000);
    s.add(new ByteArrayInputStream(data), data.length);
    HfHttpException e = assertThrows(HfHttpException.class, s::flush);
    assertEquals(503, e.statusCode());
    assertTrue(cas.log.stream().noneMatch(l -> l.contains("/v1/shards")), cas.log.toString());
    assertTrue(cas.files.isEmpty());
    // the session refuses further work: its chunks may point at the xorb the CAS never stored
    cas.failNextXorbPosts.set(0);
    IllegalStateException ise = assertThrows(IllegalStateException.class,
        () -> s.add(new ByteArrayInputStream(data), data.length));
    assertTrue(ise.getMessage().contains("start a new session"), ise.getMessage());
    assertThrows(IllegalStateException.class, s::flush);
  }

  @Test
  void anExpiredTokenIsRefreshedMidUpload() throws IOException {
    FakeCas cas = cas();
    AtomicInteger calls = new AtomicInteger();
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().sleeper(d -> { }).jitter(0).build();
    String base = server.url("/").toString();
    // the first token is already refused by the CAS; the refreshed one works
    CasClient c = new CasClient(config, force -> new XetToken(base, calls.incrementAndGet() == 1 ? "stale" : TOKEN,
        Instant.now().plusSeconds(3600)));
    XetUploadSession s = new XetUploadSession(c, XetUploadSession.Options.defaults());
    byte[] data = random(8, 200_000);
    XetUploadSession.XetFileResult r = s.add(new ByteArrayInputStream(data), data.length);
    s.flush();
    assertEquals(2, calls.get());
    assertArrayEquals(data, download(c, r));
    assertEquals(1, cas.files.size());
  }

  @Test
  void corruptOrTruncatedRangesAreIntegrityErrors() throws IOException {
    FakeCas cas = cas();
    CasClient c = client(new AtomicInteger());
    XetUploadSession s = new XetUploadSession(c, XetUploadSession.Options.defaults());
    byte[] data = random(6, 600_000);
    XetUploadSession.XetFileResult r = s.add(new ByteArrayInputStream(data), data.length);
    s.flush();

    cas.rangeTamper = b -> {
      byte[] x = b.clone();
      x[x.length / 2] ^= 0x40;
      return x;
    };
    XetIntegrityException e = assertThrows(XetIntegrityException.class, () -> download(c, r));
    assertTrue(e.getMessage().contains(r.xetHash().toHex()), e.getMessage());

    cas.rangeTamper = b -> Arrays.copyOf(b, b.length - 10);
    e = assertThrows(XetIntegrityException.class, () -> download(c, r));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains(r.xetHash().toHex()), e.getMessage());

    // the reconstruction names a xorb the storage does not have
    cas.rangeTamper = b -> b;
    for (Path p : Files.list(cas.dir).toList()) {
      Files.delete(p);
    }
    e = assertThrows(XetIntegrityException.class, () -> download(c, r));
    assertTrue(e.getMessage().contains("the storage does not have"), e.getMessage());
    // a file the CAS does not know
    assertThrows(HfHttpException.class,
        () -> new XetDownloader(c).download(Xet.fileHash(new byte[] {9}), 1, new ByteArrayOutputStream()));
  }

  @Test
  void aShardReferencingAnUnknownXorbIsRejectedByTheServer() throws IOException {
    cas();
    CasClient c = client(new AtomicInteger());
    XetHash missing = Xet.chunkHash(new byte[] {1});
    Shard s = new Shard(List.of(new Shard.FileEntry(Xet.chunkHash(new byte[] {2}),
        List.of(new Shard.Segment(missing, 0, 5, 0, 1)), List.of(Xet.verificationHash(List.of(missing))), null)),
        new ArrayList<>());
    HfHttpException e = assertThrows(HfHttpException.class, () -> c.uploadShard(s.serialize()));
    assertEquals(400, e.statusCode());
  }
}
