package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The emulator's pooled gzip writes what the JDK's GZIPOutputStream writes, call for call. */
class PooledGzipTest {
  /** Records every write and flush on the stream below (chunked transfer encoding follows them). */
  private static final class Calls extends OutputStream {
    final List<String> calls = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
      calls.add("write1");
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      calls.add("write " + len);
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      calls.add("flush");
    }
  }

  private interface Gzip {
    OutputStream open(OutputStream out) throws IOException;
  }

  private static Calls run(Gzip gzip, byte[] content, int chunk) throws IOException {
    Calls calls = new Calls();
    OutputStream zip = gzip.open(calls);
    for (int at = 0; at < content.length; at += chunk) {
      zip.write(content, at, Math.min(chunk, content.length - at));
    }
    ((java.util.zip.DeflaterOutputStream) zip).finish();
    zip.flush();
    return calls;
  }

  private static byte[] text(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i % 61 == 60 ? '\n' : 'a' + random.nextInt(random.nextBoolean() ? 4 : 26));
    }
    return b;
  }

  @Test
  void sameBytesAndSameCallsAsGzipOutputStreamWhateverTheSizeAndReuse() throws IOException {
    int[] sizes = {1, 100, 4096, 8183, 8184, 8192, 20_000, 65_536, 300_000};
    for (int round = 0; round < 2; round++) {
      for (int size : sizes) {
        for (boolean random : new boolean[] {false, true}) {
          byte[] content = random ? new byte[size] : text(size, size);
          if (random) {
            new SplittableRandom(size).nextBytes(content);
          }
          for (int chunk : new int[] {size, 4096, 65_536}) {
            Calls jdk = run(out -> new GZIPOutputStream(out, 8192), content, chunk);
            Calls pooled = run(PooledGzip::open, content, chunk);
            String what = size + " bytes, random " + random + ", writes of " + chunk + ", round " + round;
            assertArrayEquals(jdk.bytes.toByteArray(), pooled.bytes.toByteArray(), what);
            assertEquals(jdk.calls, pooled.calls, what);
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(pooled.bytes.toByteArray()))) {
              assertArrayEquals(content, in.readAllBytes(), what);
            }
          }
        }
      }
    }
  }

  @Test
  void aBodyCutShortLeavesNothingForTheNextOne() throws IOException {
    byte[] content = text(50_000, 3);
    Calls abandoned = new Calls();
    PooledGzip cut = PooledGzip.open(abandoned);
    cut.write(content, 0, 30_000);
    // never finished: the next body on this thread starts from a reset deflater
    Calls jdk = run(out -> new GZIPOutputStream(out, 8192), content, 4096);
    Calls pooled = run(PooledGzip::open, content, 4096);
    assertArrayEquals(jdk.bytes.toByteArray(), pooled.bytes.toByteArray());
    assertEquals(jdk.calls, pooled.calls);
  }
}
