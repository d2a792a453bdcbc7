package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file larger than the uploading JVM's heap goes up in equal parts and comes back whole: the client
 * runs in a JVM started with {@code -Xmx64m}, the server (S3Proxy) in this one.
 */
class LargeFileMultipartTest {
  private static final long MIB = 1024 * 1024;
  private static final long SIZE = 200 * MIB + 12_345;

  @Test
  void aFileLargerThanTheHeapGoesUpInEqualParts(@TempDir Path dir) throws Exception {
    S3ProxyFixture s3 = S3ProxyFixture.get();
    String bucket = s3.newBucket();
    Path file = dir.resolve("checkpoint.bin");
    String written = writeRandomFile(file, SIZE);

    Path log = dir.resolve("child.log");
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), LargeUploadMain.class.getName(),
        s3.endpoint().toString(), bucket, s3.keyStore().toString(), file.toString(), "checkpoints/step-1000.bin"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    boolean finished = child.waitFor(5, TimeUnit.MINUTES);
    if (!finished) child.destroyForcibly();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "the upload did not finish:\n" + output);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("parts=13 "), "200 MiB in 16 MiB parts:\n" + output);
    assertTrue(output.contains("etag=") && output.contains("-13"), output);

    R2Client r2 = R2Client.create(s3.config(bucket).build(), s3.hfConfig());
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long read = 0;
    try (ObjectContent content = r2.getObject("checkpoints/step-1000.bin")) {
      assertEquals(SIZE, content.metadata().contentLength());
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = content.read(buffer)) >= 0) {
        sha.update(buffer, 0, n);
        read += n;
      }
    }
    assertEquals(SIZE, read);
    assertEquals(written, HexFormat.of().formatHex(sha.digest()), "the object is the file");
    try (Stream<MultipartUpload> open = r2.listMultipartUploads("")) {
      assertEquals(0, open.count());
    }
  }

  private static String writeRandomFile(Path file, long size) throws IOException {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] block = new byte[(int) MIB];
      new Random(42).nextBytes(block);
      long left = size;
      long index = 0;
      try (OutputStream out = Files.newOutputStream(file)) {
        while (left > 0) {
          // Every MiB differs from the others, so a part sent twice or out of order would show.
          long stamp = index++;
          for (int i = 0; i < 8; i++) block[i] = (byte) (stamp >>> (8 * i));
          int n = (int) Math.min(block.length, left);
          out.write(block, 0, n);
          sha.update(block, 0, n);
          left -= n;
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
