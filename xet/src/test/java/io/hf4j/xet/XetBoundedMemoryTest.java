package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file several times larger than the heap goes up through a session and comes back through the
 * downloader in a forked JVM with {@code -Xmx128m}: memory is bounded, not proportional to the file.
 */
class XetBoundedMemoryTest {
  private static final long SIZE = 384L * 1024 * 1024;
  @StartStop final MockWebServer server = new MockWebServer();

  @Test
  void largeStreamUpAndDownInASmallHeap(@TempDir Path tmp) throws Exception {
    FakeCas cas = new FakeCas("bounded-token", Files.createDirectories(tmp.resolve("cas")));
    server.setDispatcher(cas);
    cas.baseUrl = server.url("/").toString();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = tmp.resolve("child.log");
    Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"), BoundedMemoryMain.class.getName(),
        server.url("/").toString(), "bounded-token", Long.toString(SIZE), "42"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "child finished");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(() -> new AssertionError(out));
    String[] f = line.split(" ");
    String expectedSha = sha256OfGenerated();
    assertEquals(expectedSha, f[2], "sha256 computed during upload");
    assertEquals(expectedSha, f[3], "sha256 of the downloaded bytes");
    assertEquals(Long.toString(SIZE), f[4]);
    assertTrue(cas.files.containsKey(XetHash.parse(f[1])), "file registered by the shard");
    long maxHeap = Long.parseLong(f[5].substring("maxHeap=".length()));
    assertTrue(maxHeap * 3 <= SIZE, "the file is at least three times the heap: " + maxHeap);
    // every 7th MiB repeats the previous one: mostly deduplicated (boundary chunks aside), never sent twice
    assertTrue(cas.xorbBytesReceived.get() < SIZE - (32L << 20), "sent " + cas.xorbBytesReceived.get());
  }

  private static String sha256OfGenerated() throws IOException, java.security.NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (var in = new BoundedMemoryMain.Generated(SIZE, 42)) {
      byte[] b = new byte[1 << 20];
      int n;
      while ((n = in.read(b, 0, b.length)) > 0) {
        md.update(b, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
