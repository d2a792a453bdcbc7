package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage PUT bodies: the exact bytes of a file's range (read through a direct buffer) or of bytes in memory. */
class ContentBodyTest {
  @TempDir Path dir;

  @Test
  void rangesOfAFileAndOfBytesAreSentExactlyAndReportedOnce() throws Exception {
    byte[] content = new byte[3 * 1024 * 1024 + 123];
    new Random(8).nextBytes(content);
    Path f = dir.resolve("f.bin");
    Files.write(f, content);
    UploadItem fromFile = UploadItem.ofFile("f.bin", f, content.length);
    UploadItem fromBytes = UploadItem.ofBytes("f.bin", content);
    long[][] ranges = {{0, content.length}, {0, 1}, {65535, 65537}, {1_048_576, 1_048_576}, {content.length - 5, 5},
        {17, 0}};
    for (UploadItem item : new UploadItem[] {fromFile, fromBytes}) {
      for (long[] r : ranges) {
        AtomicLong reported = new AtomicLong();
        ContentBody body = new ContentBody(item, r[0], r[1], reported::addAndGet);
        assertEquals(r[1], body.contentLength());
        assertNull(body.contentType());
        for (int attempt = 0; attempt < 2; attempt++) {
          Buffer out = new Buffer();
          body.writeTo(out);
          assertArrayEquals(Arrays.copyOfRange(content, (int) r[0], (int) (r[0] + r[1])), out.readByteArray(),
              item.source() + " from " + r[0]);
        }
        assertEquals(2 * r[1], reported.get(), "each write reports its bytes once");
      }
    }
  }

  @Test
  void aFileShorterThanListedFailsAndTakesBackWhatItReported() throws Exception {
    Path f = dir.resolve("short.bin");
    Files.write(f, new byte[3 * 1024 * 1024]);
    UploadItem item = UploadItem.ofFile("short.bin", f, 4L * 1024 * 1024);
    AtomicLong reported = new AtomicLong();
    IOException e = assertThrows(IOException.class,
        () -> new ContentBody(item, 1024, 4L * 1024 * 1024 - 1024, reported::addAndGet).writeTo(new Buffer()));
    assertTrue(e.getMessage().contains("changed while uploading"), e.getMessage());
    assertEquals(0, reported.get());
  }
}
