package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's request-body readers: the NDJSON line reader over bodies handed out in small reads, and the
 * comparison of a body with a stored blob.
 */
class ReceivePathTest {
  @TempDir Path dir;

  /** Hands out at most {@code step} bytes per read, as the JDK server hands out at most 8 KiB. */
  private static InputStream trickle(byte[] bytes, int step) {
    ByteArrayInputStream all = new ByteArrayInputStream(bytes);
    // Not a ByteArrayInputStream itself: its readNBytes does not loop over read.
    return new InputStream() {
      @Override
      public int read() {
        return all.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return all.read(b, off, Math.min(len, step));
      }
    };
  }

  /**
   * {@code len} bytes from {@code off}, at most {@code step} per read; when {@code direct}, also readable into a buffer
   * ({@link DirectBody}, as the storage host's bodies are), and then only that way until a difference is found.
   */
  private static InputStream body(byte[] bytes, int off, int len, int step, boolean direct) {
    ByteArrayInputStream all = new ByteArrayInputStream(bytes, off, len);
    if (!direct) {
      return trickle(Arrays.copyOfRange(bytes, off, off + len), step);
    }
    final class Direct extends InputStream implements DirectBody {
      @Override
      public int read() {
        return all.read();
      }

      @Override
      public int read(byte[] b, int o, int l) {
        return all.read(b, o, Math.min(l, step));
      }

      @Override
      public boolean readsDirect() {
        return true;
      }

      @Override
      public int read(java.nio.ByteBuffer dst) {
        byte[] b = new byte[Math.min(dst.remaining(), step)];
        int n = all.read(b, 0, b.length);
        if (n > 0) {
          dst.put(b, 0, n);
        }
        return n;
      }
    }
    return new Direct();
  }

  private static List<String> lines(byte[] body, int step) throws IOException {
    UploadRoutes.LineReader r = new UploadRoutes.LineReader(trickle(body, step));
    List<String> out = new ArrayList<>();
    byte[] line;
    while ((line = r.next()) != null) {
      out.add(new String(line, StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  @Test
  void linesComeOutWholeWhateverTheReadSizes() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    List<String> expected = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    // Lengths around the buffer (64 KiB) and the JDK server's 8 KiB reads, empty lines, and one of 300 KiB.
    int[] lengths = {0, 1, 5000, 8191, 8192, 65535, 65536, 65537, 0, 300_000, 12, 131072};
    for (int len : lengths) {
      char[] c = new char[len];
      for (int i = 0; i < len; i++) {
        c[i] = (char) ('a' + random.nextInt(26));
      }
      expected.add(new String(c));
      body.append(c).append('\n');
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
    for (int step : new int[] {1, 3, 8192, 65536, bytes.length}) {
      if (step == 1 && bytes.length > 100_000) {
        // one byte per read over the whole body is slow; the 3-byte trickle covers the same boundaries
        continue;
      }
      assertEquals(expected, lines(bytes, step), "read size " + step);
    }
  }

  @Test
  void theLastLineNeedsNoNewlineAndAnEmptyBodyHasNone() throws IOException {
    assertEquals(List.of("a", "bc"), lines("a\nbc".getBytes(StandardCharsets.US_ASCII), 1));
    assertEquals(List.of("a", "bc"), lines("a\nbc\n".getBytes(StandardCharsets.US_ASCII), 8192));
    assertEquals(List.of(), lines(new byte[0], 8192));
    assertEquals(List.of(""), lines("\n".getBytes(StandardCharsets.US_ASCII), 8192));
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  @Test
  void aBodyEqualToTheBlobIsNeitherWrittenNorHashed() throws IOException {
    BlobStore store = new BlobStore(dir.resolve("store"));
    byte[] blob = random(3 * 1024 * 1024 + 17, 1);
    String sha = store.put(blob);
    for (boolean direct : new boolean[] {false, true}) {
      for (int step : new int[] {4096, 8192, 1_000_003}) {
        BlobStore.Compared c = store.receiveAgainst(body(blob, 0, blob.length, step, direct), sha, 0, blob.length, true);
        assertNull(c.written(), "read size " + step + ", direct " + direct);
        assertEquals(blob.length, c.total());
        // A region from an offset (a multipart part).
        int offset = 1_500_000;
        int len = 700_001;
        BlobStore.Compared part = store.receiveAgainst(body(blob, offset, len, step, direct), sha, offset, len, false);
        assertNull(part.written());
        assertEquals(len, part.total());
      }
    }
  }

  @Test
  void aDifferingByteAnywhereGivesTheWholeBodyInAFileHashedAsReceived() throws IOException {
    BlobStore store = new BlobStore(dir.resolve("store"));
    byte[] blob = random(2 * 1024 * 1024 + 5, 2);
    String sha = store.put(blob);
    for (boolean direct : new boolean[] {false, true}) {
      for (int at : new int[] {0, 4095, 4096, 524_287, 524_288, 1_048_577, blob.length - 1}) {
        byte[] body = blob.clone();
        body[at] ^= 0x5a;
        BlobStore.Compared c = store.receiveAgainst(body(body, 0, body.length, 8192, direct), sha, 0, blob.length, true);
        BlobStore.Written w = c.written();
        assertNotNull(w, "byte " + at + ", direct " + direct);
        assertEquals(blob.length, w.size());
        assertArrayEquals(body, Files.readAllBytes(w.file()), "byte " + at);
        assertEquals(Hashes.sha256(body), w.sha256());
        store.discard(w);
      }
    }
  }

  @Test
  void shortAndLongBodiesAreToldApart() throws IOException {
    BlobStore store = new BlobStore(dir.resolve("store"));
    byte[] blob = random(1_000_000, 3);
    String sha = store.put(blob);
    for (boolean direct : new boolean[] {false, true}) {
      BlobStore.Compared shortBody = store.receiveAgainst(body(blob, 0, 999_000, 65536, direct), sha, 0, blob.length,
          true);
      assertNull(shortBody.written());
      assertEquals(999_000, shortBody.total());
      byte[] longer = Arrays.copyOf(blob, blob.length + 10);
      InputStream longIn = body(longer, 0, longer.length, 65536, direct);
      BlobStore.Compared longBody = store.receiveAgainst(longIn, sha, 0, blob.length, true);
      assertNull(longBody.written());
      assertEquals(blob.length + 1, longBody.total(), "reads one byte past the limit, never more");
      assertEquals(9, longIn.readAllBytes().length, "the rest is left unread");
      // A region the blob does not cover to its end compares as different where the blob ends.
      byte[] overhang = Arrays.copyOfRange(blob, blob.length - 50, blob.length + 50);
      BlobStore.Compared past = store.receiveAgainst(body(overhang, 0, overhang.length, 65536, direct), sha,
          blob.length - 50, 100, false);
      assertNotNull(past.written());
      assertEquals(100, past.written().size());
      assertArrayEquals(overhang, Files.readAllBytes(past.written().file()));
      store.discard(past.written());
    }
  }
}
