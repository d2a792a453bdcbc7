package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import io.hf4j.testfixtures.PythonPeer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions against the official {@code hf_xet}: its xorbs and shards pass hf4j's parsers and its
 * uploads download byte-identical through hf4j; hf4j's uploads download byte-identical through hf_xet;
 * hf_xet deduplicates against hf4j's global dedupe answer (complete shard form with footer).
 */
class XetPythonInteropTest {
  private static final String TOKEN = "interop-xet-token";
  @StartStop final MockWebServer server = new MockWebServer();
  @TempDir Path tmp;

  private static final String UPLOAD = """
      import sys
      from hf_xet import XetSession, COMPUTE_SHA256
      url = sys.argv[1]
      paths = sys.argv[2:]
      session = XetSession()
      handles = []
      with session.new_upload_commit(token_refresh_url=url, token_refresh_headers={}, custom_headers={},
                                     progress_callback=None) as commit:
          for p in paths:
              handles.append((p, commit.start_upload_file(p, sha256=COMPUTE_SHA256)))
      for p, h in handles:
          info = h.result().xet_info
          print(p.rsplit('/', 1)[-1], info.hash, info.file_size, info.sha256)
      """;

  private static final String DOWNLOAD = """
      import sys, time
      from hf_xet import XetSession, XetFileInfo
      cas, token, url, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
      items = sys.argv[5:]
      session = XetSession()
      with session.new_file_download_group(endpoint=cas, token=token, token_expiry_unix_secs=int(time.time()) + 3600,
                                           token_refresh_url=url, token_refresh_headers={}, custom_headers={},
                                           progress_callback=None) as group:
          for i in range(0, len(items), 3):
              name, h, size = items[i], items[i + 1], int(items[i + 2])
              group.start_download_file(XetFileInfo(h, size), out + '/' + name)
      print('done')
      """;

  private FakeCas cas() throws Exception {
    FakeCas cas = new FakeCas(TOKEN, Files.createDirectories(tmp.resolve("cas")));
    server.setDispatcher(cas);
    cas.baseUrl = server.url("/").toString();
    return cas;
  }

  private CasClient client() {
    HfConfig config = HfConfig.builder().endpoint("http://hub.invalid").noToken().build();
    String base = server.url("/").toString();
    return new CasClient(config, force -> new XetToken(base, TOKEN, Instant.now().plusSeconds(3600)));
  }

  private Map<String, byte[]> corpus() {
    Random rnd = new Random(99);
    byte[] big = new byte[3_000_000];
    rnd.nextBytes(big);
    byte[] mid = new byte[200_000];
    rnd.nextBytes(mid);
    byte[] text = "interop line\n".repeat(30_000).getBytes(StandardCharsets.UTF_8);
    // float32 weights: compressed with byte grouping (scheme 2) by both implementations
    java.nio.ByteBuffer floats = java.nio.ByteBuffer.allocate(1_000_000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    while (floats.hasRemaining()) {
      floats.putFloat((float) (rnd.nextGaussian() * 0.02));
    }
    return Map.of("big.bin", big, "mid.bin", mid, "text.txt", text, "tiny.txt", "hi".getBytes(StandardCharsets.UTF_8),
        "weights.f32", floats.array());
  }

  @Test
  void hfXetUploadsAreParsedAndDownloadedByHf4jAndDedupedAgainstHf4jShards() throws Exception {
    FakeCas cas = cas();
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<String> args = new ArrayList<>(List.of(server.url("/token").toString()));
    Map<String, byte[]> corpus = corpus();
    for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
      Files.write(src.resolve(e.getKey()), e.getValue());
      args.add(src.resolve(e.getKey()).toString());
    }
    PythonPeer.Result r = PythonPeer.run(tmp.resolve("py1"), Duration.ofMinutes(3), Map.of(), UPLOAD,
        args.toArray(String[]::new)).assertSuccess();
    assertTrue(cas.xorbPosts.get() >= 1, cas.log.toString());
    assertTrue(cas.byteGroupedChunks.get() > 0, "hf_xet byte-grouped the float chunks");
    assertEquals(corpus.size(), cas.files.size(), "hf_xet's shard registered every file: " + cas.log);
    CasClient c = client();
    for (String line : r.stdout().strip().split("\n")) {
      String[] f = line.trim().split(" ");
      byte[] expected = corpus.get(f[0]);
      assertEquals(Xet.fileHash(expected).toHex(), f[1]);
      Shard.FileEntry entry = cas.files.get(XetHash.parse(f[1]));
      assertEquals(Xet.hashFile(src.resolve(f[0])).sha256Hex(), entry.sha256Hex(), "sha256 metadata ext");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new XetDownloader(c).download(XetHash.parse(f[1]), Long.parseLong(f[2]), out);
      assertArrayEquals(expected, out.toByteArray(), f[0]);
    }

    // a second hf_xet upload of the same files: global dedupe finds them through the shard hf4j serves
    int postsBefore = cas.xorbPosts.get();
    PythonPeer.run(tmp.resolve("py2"), Duration.ofMinutes(3), Map.of(), UPLOAD, args.toArray(String[]::new))
        .assertSuccess();
    assertTrue(cas.log.stream().anyMatch(l -> l.startsWith("GET /v1/chunks/default/")), cas.log.toString());
    assertEquals(postsBefore, cas.xorbPosts.get(), "no xorb re-sent: " + cas.log);
  }

  @Test
  void hf4jUploadsDownloadByteIdenticalWithHfXet() throws Exception {
    FakeCas cas = cas();
    Map<String, byte[]> corpus = corpus();
    XetUploadSession s = new XetUploadSession(client(), XetUploadSession.Options.defaults().withMaxXorbBytes(1 << 20));
    List<String> args = new ArrayList<>(List.of(server.url("/").toString().replaceAll("/$", ""), TOKEN, server.url("/token").toString()));
    Path out = Files.createDirectories(tmp.resolve("out"));
    args.add(out.toString());
    for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
      XetUploadSession.XetFileResult fr = s.add(new java.io.ByteArrayInputStream(e.getValue()), e.getValue().length);
      args.add(e.getKey());
      args.add(fr.xetHash().toHex());
      args.add(Long.toString(fr.size()));
    }
    s.flush();
    assertTrue(cas.byteGroupedChunks.get() > 0, "hf4j byte-grouped the float chunks");
    PythonPeer.run(tmp.resolve("py"), Duration.ofMinutes(3), Map.of(), DOWNLOAD, args.toArray(String[]::new))
        .assertSuccess();
    for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey());
    }
  }
}
