package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.RepoId;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.HubEmulator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof 6 of issue 13: a 4 GiB file goes up through Xet and comes back through a reconstruction, with the client
 * in a JVM limited to {@code -Xmx256m} (so no step may hold the file, or a fraction of it proportional to its size,
 * in memory). The emulator runs in this JVM and keeps xorbs and blobs on disk.
 */
class XetHugeFileTest {
  private static final long SIZE = 4L << 30;

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES) // minutes on a loaded machine; see the README's test timings
  void fourGibUpAndDownThroughXetIn256MibOfHeap() throws Exception {
    Path source = dir.resolve("huge.bin");
    long t0 = System.nanoTime();
    String sha256 = generate(source, SIZE, 0x5EED_4C1BL);
    long generated = t0;
    try (HubEmulator emulator = HubEmulator.builder().build().start()) {
      RepoId repo = RepoId.of("testuser/huge");
      HubClient.create(emulator.hfConfig()).createRepo(repo);
      Path log = dir.resolve("child.log");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      long start = System.nanoTime();
      Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          XetHugeFileMain.class.getName(), emulator.url(), emulator.writeToken(), dir.resolve("hf-home").toString(),
          repo.toString(), source.toString(), dir.resolve("fresh-cache").toString()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean finished = p.waitFor(20, TimeUnit.MINUTES);
      if (!finished) p.destroyForcibly().waitFor();
      String out = Files.readString(log, StandardCharsets.UTF_8);
      System.out.printf("generated in %.1f s%n%s%n", (start - generated) / 1e9, tail(out));
      assertTrue(finished, () -> "the child did not finish:\n" + tail(out));
      assertEquals(0, p.exitValue(), () -> tail(out));
      String[] f = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst()
          .orElseThrow(() -> new AssertionError(tail(out))).split(" ");
      assertEquals(sha256, f[1], "sha256 of the downloaded copy");
      assertEquals(SIZE, Long.parseLong(f[2]));
      long peak = Long.parseLong(f[3]);
      long max = Long.parseLong(f[4]);
      assertTrue(max <= 256L << 20, "the child ran with -Xmx256m: " + max);
      assertTrue(peak <= max, "peak heap " + peak);
      System.out.printf("4 GiB through Xet with -Xmx256m: peak heap used %d MiB of %d MiB; upload %.1f s, download"
          + " %.1f s, child %.1f s%n", peak >> 20, max >> 20, Long.parseLong(f[5]) / 1000.0,
          Long.parseLong(f[6]) / 1000.0, (System.nanoTime() - start) / 1e9);

      // it went through Xet both ways, nothing was deduplicated away, no LFS transfer
      assertEquals(1, emulator.xet().files());
      assertTrue(emulator.xet().xorbBytesReceived() >= SIZE, "xorb bytes sent: " + emulator.xet().xorbBytesReceived());
      assertTrue(emulator.xet().xorbs().size() >= SIZE / (64L << 20), "xorbs: " + emulator.xet().xorbs().size());
      assertFalse(emulator.requests().stream().anyMatch(r -> r.path().contains("/info/lfs/objects/batch")));
      assertTrue(emulator.requests().stream().anyMatch(r -> r.host() == Host.CAS
          && r.path().startsWith("/v1/reconstructions/")));
    }
  }

  private static String tail(String s) {
    return s.length() <= 20_000 ? s : "..." + s.substring(s.length() - 20_000);
  }

  /** Writes {@code size} bytes of a seeded xorshift stream (no repeats, nothing to dedupe); returns its sha256. */
  static String generate(Path file, long size, long seed) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    long x = seed;
    try (OutputStream out = Files.newOutputStream(file)) {
      long left = size;
      while (left > 0) {
        buf.clear();
        while (buf.hasRemaining()) {
          x ^= x << 13;
          x ^= x >>> 7;
          x ^= x << 17;
          buf.putLong(x);
        }
        int n = (int) Math.min(left, buf.capacity());
        md.update(buf.array(), 0, n);
        out.write(buf.array(), 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
