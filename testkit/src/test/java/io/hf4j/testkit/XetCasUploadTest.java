package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.internal.Hashes;
import io.hf4j.xet.Shard;
import io.hf4j.xet.Xet;
import io.hf4j.xet.XetHash;
import io.hf4j.xet.Xorb;
import io.hf4j.xet.XorbBuilder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's CAS server with xorbs and shards built by hf4j-xet: validation (malformed input is a 400 and
 * never stored), registration, the LFS bridge, reconstruction terms and ranges, global dedupe, resolve and tree.
 */
class XetCasUploadTest {
  private HubEmulator hub;
  private TestHttp http;
  private TestHttp cas;
  private TestHttp storage;
  private String token;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url());
    cas = new TestHttp(hub.casUrl());
    storage = new TestHttp(hub.storageUrl());
    Fixtures.createRepo(http, "model", "x");
    token = (String) http.get("/api/models/testuser/x/xet-write-token/main", WRITE).obj().get("accessToken");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  /** A file of three chunks (sizes 1000, 2000, 3000) in one xorb, with its shard. */
  private record Upload(byte[] content, XorbBuilder.Built xorb, Shard shard, String fileHash, String sha256) {}

  private static Upload upload(long seed, String sha256Override) {
    List<byte[]> chunks = List.of(Fixtures.randomBytes(1000, seed), Fixtures.randomBytes(2000, seed + 1),
        Fixtures.randomBytes(3000, seed + 2));
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    chunks.forEach(all::writeBytes);
    byte[] content = all.toByteArray();
    XorbBuilder.Built xorb = XorbBuilder.of(chunks);
    List<Xet.ChunkInfo> infos = new ArrayList<>();
    List<XetHash> hashes = new ArrayList<>();
    List<Shard.ChunkEntry> entries = new ArrayList<>();
    long off = 0;
    for (byte[] c : chunks) {
      XetHash h = Xet.chunkHash(c);
      infos.add(new Xet.ChunkInfo(h, c.length));
      hashes.add(h);
      entries.add(new Shard.ChunkEntry(h, off, c.length, 0));
      off += c.length;
    }
    XetHash fileHash = Xet.fileHash(infos);
    String sha = sha256Override != null ? sha256Override : Hashes.sha256(content);
    Shard.FileEntry file = new Shard.FileEntry(fileHash, List.of(new Shard.Segment(xorb.hash(), 0, content.length, 0, 3)),
        List.of(Xet.verificationHash(hashes)), sha);
    Shard.XorbEntry xe = new Shard.XorbEntry(xorb.hash(), 0, entries, content.length, xorb.length());
    return new Upload(content, xorb, new Shard(List.of(file), List.of(xe)), fileHash.toHex(), sha);
  }

  private TestHttp.Reply postXorb(XorbBuilder.Built x) {
    return cas.send("POST", "/v1/xorbs/default/" + x.hash().toHex(), token, TestHttp.OCTETS, x.body());
  }

  private TestHttp.Reply postShard(Shard s) {
    return cas.send("POST", "/v1/shards", token, TestHttp.OCTETS, s.serialize());
  }

  private void commitLfs(String path, String sha, long size) {
    TestHttp.Reply r = http.post("/api/models/testuser/x/commit/main", WRITE, TestHttp.NDJSON,
        "{\"key\":\"header\",\"value\":{\"summary\":\"xet\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"" + path
            + "\",\"algo\":\"sha256\",\"oid\":\"" + sha + "\",\"size\":" + size + "}}\n");
    assertEquals(200, r.code(), r::text);
  }

  @Test
  void xorbAndShardRegisterAFileThatCommitsResolvesAndReconstructs() {
    Upload u = upload(1, null);
    TestHttp.Reply x = postXorb(u.xorb());
    assertEquals(200, x.code(), x::text);
    assertEquals(Boolean.TRUE, x.obj().get("was_inserted"));
    assertEquals(Boolean.FALSE, postXorb(u.xorb()).obj().get("was_inserted"), "a stored xorb is not inserted twice");
    TestHttp.Reply s = postShard(u.shard());
    assertEquals(200, s.code(), s::text);
    assertEquals(1, hub.xet().files());
    commitLfs("model.bin", u.sha256(), u.content().length);
    assertArrayEquals(u.content(), hub.repo("testuser/x").fileBytes("main", "model.bin"), "the LFS bridge");

    TestHttp.Reply head = http.head("/testuser/x/resolve/main/model.bin", null);
    assertEquals(302, head.code());
    assertEquals(u.fileHash(), head.header("X-Xet-Hash"));
    String link = head.header("Link");
    assertTrue(link.contains("rel=\"xet-auth\""), link);
    assertTrue(link.contains("/api/models/testuser/x/xet-read-token/"), link);
    assertEquals(hub.casUrl(), head.header("X-Xet-Cas-Url"));
    assertNotNull(head.header("X-Xet-Access-Token"));
    assertNotNull(head.header("X-Xet-Refresh-Route"));
    List<Object> tree = http.get("/api/models/testuser/x/tree/main", null).list();
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = (Map<String, Object>) tree.stream()
        .filter(o -> "model.bin".equals(((Map<?, ?>) o).get("path"))).findFirst().orElseThrow();
    assertEquals(u.fileHash(), entry.get("xetHash"));

    // Reconstruction of bytes [1500, 3500): chunks 1..2, 500 bytes into chunk 1.
    TestHttp.Reply rec = cas.execute(cas.request("/v1/reconstructions/" + u.fileHash(), token)
        .header("Range", "bytes=1500-3499").get().build());
    assertEquals(200, rec.code(), rec::text);
    Map<String, Object> body = rec.obj();
    assertEquals(500L, ((Number) body.get("offset_into_first_range")).longValue());
    List<Object> terms = io.hf4j.testkit.internal.Json.asList(body.get("terms"), "terms");
    assertEquals(1, terms.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> term = (Map<String, Object>) terms.get(0);
    assertEquals(Map.of("start", 1L, "end", 3L), term.get("range"));
    assertEquals(5000L, ((Number) term.get("unpacked_length")).longValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) body.get("fetch_info"))
        .get(u.xorb().hash().toHex())).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> urlRange = (Map<String, Object>) fetch.get("url_range");
    long from = ((Number) urlRange.get("start")).longValue();
    long to = ((Number) urlRange.get("end")).longValue();
    String url = (String) fetch.get("url");
    assertTrue(url.startsWith(hub.storageUrl()), url);
    TestHttp.Reply bytes = storage.execute(storage.request(url, null).header("Range", "bytes=" + from + "-" + to)
        .get().build());
    assertEquals(206, bytes.code(), bytes::text);
    List<byte[]> decoded = Xorb.decodeChunks(bytes.body(), 0, bytes.body().length, 2);
    assertArrayEquals(Arrays.copyOfRange(u.content(), 1000, 6000), concat(decoded));
    assertEquals(403, storage.get(url.substring(0, url.indexOf('?')), null).code(), "unsigned xorb read");
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void faultsApplyToTheCasAndStorageRoutes() {
    Upload u = upload(8, null);
    hub.faults().inject(FaultRule.on("POST", "/v1/xorbs/**").host(Host.CAS).nth(1).status(503));
    hub.faults().inject(FaultRule.on("POST", "/v1/shards").host(Host.CAS).nth(1).rateLimited(java.time.Duration.ofSeconds(1)));
    assertEquals(503, postXorb(u.xorb()).code());
    assertTrue(hub.xet().xorbs().isEmpty(), "a faulted upload stores nothing");
    assertEquals(200, postXorb(u.xorb()).code());
    assertEquals(429, postShard(u.shard()).code());
    assertEquals(0, hub.xet().files());
    assertEquals(200, postShard(u.shard()).code());
    assertEquals(1, hub.xet().files());
    hub.faults().inject(FaultRule.on("GET", "/xorbs/**").host(Host.STORAGE).nth(1).resetDuringResponseBody());
    TestHttp.Reply rec = cas.get("/v1/reconstructions/" + u.fileHash(), token);
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) rec.obj().get("fetch_info"))
        .get(u.xorb().hash().toHex())).get(0);
    String url = (String) fetch.get("url");
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> storage.executeOrThrow(storage.request(url, null).get().build()));
    assertEquals(200, storage.get(url, null).code());
  }

  @Test
  void aDataDirectoryKeepsXorbsShardsAndFilesAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
    Upload u = upload(9, null);
    try (HubEmulator first = HubEmulator.builder().dataDir(data).build().start()) {
      TestHttp h = new TestHttp(first.url());
      Fixtures.createRepo(h, "model", "kept");
      String t = (String) h.get("/api/models/testuser/kept/xet-write-token/main", WRITE).obj().get("accessToken");
      TestHttp c = new TestHttp(first.casUrl());
      assertEquals(200, c.send("POST", "/v1/xorbs/default/" + u.xorb().hash().toHex(), t, TestHttp.OCTETS,
          u.xorb().body()).code());
      assertEquals(200, c.send("POST", "/v1/shards", t, TestHttp.OCTETS, u.shard().serialize()).code());
    }
    try (HubEmulator again = HubEmulator.builder().dataDir(data).build().start()) {
      assertEquals(1, again.xet().files());
      assertTrue(again.xet().xorbs().contains(u.xorb().hash().toHex()));
      assertEquals(u.fileHash(), again.xet().xetHashOf(u.sha256()));
    }
  }

  @Test
  void malformedXorbIsRefusedAndNeverStored() {
    Upload u = upload(2, null);
    byte[] body = u.xorb().body();
    byte[] truncated = Arrays.copyOf(body, body.length - 10);
    TestHttp.Reply r = cas.send("POST", "/v1/xorbs/default/" + u.xorb().hash().toHex(), token, TestHttp.OCTETS, truncated);
    assertEquals(400, r.code(), r::text);
    byte[] other = upload(3, null).xorb().body();
    TestHttp.Reply wrongHash = cas.send("POST", "/v1/xorbs/default/" + u.xorb().hash().toHex(), token,
        TestHttp.OCTETS, other);
    assertEquals(400, wrongHash.code(), wrongHash::text);
    assertTrue(hub.xet().xorbs().isEmpty());
  }

  @Test
  void shardReferencingAMissingXorbIsRefusedAndRegistersNothing() {
    Upload u = upload(4, null);
    TestHttp.Reply r = postShard(u.shard());
    assertEquals(400, r.code(), r::text);
    assertTrue(r.text().contains(u.xorb().hash().toHex()), r::text);
    assertEquals(0, hub.xet().files());
    assertEquals(400, cas.send("POST", "/v1/shards", token, TestHttp.OCTETS, new byte[100]).code(), "garbage");
  }

  @Test
  void shardWithAWrongSha256IsRefusedAndTheCommitThenFails() {
    Upload u = upload(5, "0".repeat(64));
    postXorb(u.xorb());
    TestHttp.Reply r = postShard(u.shard());
    assertEquals(400, r.code(), r::text);
    assertEquals(0, hub.xet().files());
    TestHttp.Reply commit = http.post("/api/models/testuser/x/commit/main", WRITE, TestHttp.NDJSON,
        "{\"key\":\"header\",\"value\":{\"summary\":\"xet\"}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"a.bin\","
            + "\"algo\":\"sha256\",\"oid\":\"" + "0".repeat(64) + "\",\"size\":6000}}\n");
    assertEquals(400, commit.code());
  }

  @Test
  void globalDedupeAnswersAShardWithTheXorbsOfAStoredChunk() {
    Upload u = upload(6, null);
    postXorb(u.xorb());
    postShard(u.shard());
    String chunk = u.shard().xorbs().get(0).chunks().get(1).hash().toHex();
    TestHttp.Reply r = cas.get("/v1/chunks/default/" + chunk, token);
    assertEquals(200, r.code(), r::text);
    Shard answer = Shard.parse(r.body());
    assertTrue(answer.files().isEmpty());
    assertEquals(u.xorb().hash(), answer.xorbs().get(0).xorbHash());
    assertEquals(404, cas.get("/v1/chunks/default/" + "1".repeat(64), token).code());
  }

  @Test
  void reconstructionOfAFileWithALostXorbFailsOnTheStorageHost() {
    Upload u = upload(7, null);
    postXorb(u.xorb());
    postShard(u.shard());
    assertTrue(hub.xet().deleteXorb(u.xorb().hash().toHex()));
    TestHttp.Reply rec = cas.get("/v1/reconstructions/" + u.fileHash(), token);
    assertEquals(200, rec.code(), rec::text);
    @SuppressWarnings("unchecked")
    Map<String, Object> fetch = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) rec.obj().get("fetch_info"))
        .get(u.xorb().hash().toHex())).get(0);
    assertEquals(404, storage.get((String) fetch.get("url"), null).code());
    assertFalse(hub.xet().xorbs().contains(u.xorb().hash().toHex()));
  }
}
