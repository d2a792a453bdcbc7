package io.hf4j.xet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.PythonPeer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proof 1: hf4j's Xet file hash (and sha256) equals {@code hf_xet.hash_files} of the official client. */
class XetFileHashPythonPeerTest {

  private static final String SCRIPT = """
      import sys, hf_xet
      paths = sys.argv[1:]
      for p, info in zip(paths, hf_xet.hash_files(paths)):
          print(p.rsplit('/', 1)[-1], info.hash, info.file_size)
      """;

  @Test
  void fileHashesMatchHfXet(@TempDir Path dir) throws IOException {
    Map<String, Path> files = new LinkedHashMap<>();
    Random rnd = new Random(20260101L);
    put(files, dir, "empty", new byte[0]);
    put(files, dir, "one-byte", new byte[] {42});
    for (int n : new int[] {8191, 8192, 8193, 65536, 131072, 131073, 131072 * 3 + 17}) {
      put(files, dir, "random-" + n, random(rnd, n));
    }
    put(files, dir, "zeros-1mib", new byte[1 << 20]);
    put(files, dir, "zeros-max-plus-1", new byte[GearChunker.MAX + 1]);
    put(files, dir, "zeros-3-max", new byte[3 * GearChunker.MAX]);
    StringBuilder text = new StringBuilder();
    while (text.length() < 3_000_000) {
      text.append("The quick brown fox jumps over the lazy dog. ").append(text.length() % 97).append('\n');
    }
    put(files, dir, "repetitive-text", text.toString().getBytes(StandardCharsets.UTF_8));
    // random then a long zero run: the zero run is cut at exactly the maximum chunk size
    byte[] mixed = new byte[5_000_000];
    byte[] head = random(rnd, 1_000_000);
    System.arraycopy(head, 0, mixed, 0, head.length);
    byte[] tail = random(rnd, 1_000_000);
    System.arraycopy(tail, 0, mixed, 4_000_000, tail.length);
    put(files, dir, "random-zeros-random", mixed);
    put(files, dir, "random-10mb", random(rnd, 10_000_000));
    // one large seeded random file, streamed to disk
    Path big = dir.resolve("random-210mb");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] block = new byte[1 << 20];
      for (int i = 0; i < 210; i++) {
        rnd.nextBytes(block);
        out.write(block);
      }
    }
    files.put("random-210mb", big);

    List<String> args = new ArrayList<>();
    for (Path p : files.values()) {
      args.add(p.toString());
    }
    PythonPeer.Result r = PythonPeer.run(dir.resolve("peer"), Duration.ofMinutes(5), Map.of(), SCRIPT,
        args.toArray(String[]::new)).assertSuccess();
    Map<String, String[]> expected = new HashMap<>();
    for (String line : r.stdout().strip().split("\n")) {
      String[] f = line.trim().split(" ");
      expected.put(f[0], f);
    }
    assertEquals(files.size(), expected.size(), r.stdout());
    for (Map.Entry<String, Path> e : files.entrySet()) {
      Xet.FileHash h = Xet.hashFile(e.getValue());
      String[] py = expected.get(e.getKey());
      assertEquals(py[1], h.hash().toHex(), "Xet hash of " + e.getKey());
      assertEquals(Long.parseLong(py[2]), h.size(), "size of " + e.getKey());
      assertEquals(sha256(e.getValue()), h.sha256Hex(), "sha256 of " + e.getKey());
    }
    // the corpus really exercises maximum-size cuts
    List<Xet.ChunkInfo> zeros;
    try (var in = Files.newInputStream(files.get("random-zeros-random"))) {
      zeros = Xet.chunks(in);
    }
    assertTrue(zeros.stream().filter(c -> c.length() == GearChunker.MAX).count() >= 20, "max-size cuts");
  }

  private static String sha256(Path p) throws IOException {
    var md = ChunkStream.sha();
    try (var in = Files.newInputStream(p)) {
      byte[] b = new byte[1 << 16];
      int n;
      while ((n = in.read(b)) > 0) {
        md.update(b, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(md.digest());
  }

  private static byte[] random(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  private static void put(Map<String, Path> files, Path dir, String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    files.put(name, p);
  }
}
