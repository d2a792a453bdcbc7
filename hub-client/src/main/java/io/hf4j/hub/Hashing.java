package io.hf4j.hub;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Streaming hashes of upload items: sha256 (LFS oid) and git blob sha1 (regular-file oid). Reads with a
 * 1 MiB buffer per thread; never holds a whole file.
 */
final class Hashing {
  private static final int BUFFER = 1 << 20;
  private static final long REPORT_EVERY = 16L << 20;
  private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(() -> ByteBuffer.allocate(BUFFER));

  private Hashing() {}

  /** Lowercase hex sha256 of the content. */
  static String sha256(UploadItem item, LongConsumer progress, CallTracker tracker) throws IOException {
    return hash(item, digest("SHA-256"), null, progress, tracker);
  }

  /** Lowercase hex git blob sha1: {@code sha1("blob <size>\0" + content)}. */
  static String gitSha1(UploadItem item, LongConsumer progress, CallTracker tracker) throws IOException {
    byte[] header = ("blob " + item.size + "\0").getBytes(StandardCharsets.US_ASCII);
    return hash(item, digest("SHA-1"), header, progress, tracker);
  }

  /** Lowercase hex sha256 of bytes. */
  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
  }

  /** Lowercase hex git blob sha1 of bytes. */
  static String gitSha1(byte[] bytes) {
    MessageDigest md = digest("SHA-1");
    md.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(md.digest(bytes));
  }

  private static String hash(UploadItem item, MessageDigest md, byte[] header, LongConsumer progress,
      CallTracker tracker) throws IOException {
    if (header != null) md.update(header);
    byte[] held = item.memory();
    if (held != null) {
      md.update(held);
      progress.accept(item.size);
      return HexFormat.of().formatHex(md.digest());
    }
    ByteBuffer buf = BUFFERS.get();
    long total = 0;
    long reported = 0;
    try (FileChannel ch = FileChannel.open(item.file, StandardOpenOption.READ)) {
      while (true) {
        buf.clear();
        int n = ch.read(buf);
        if (n < 0) break;
        md.update(buf.array(), 0, n);
        total += n;
        if (total - reported >= REPORT_EVERY) {
          tracker.check();
          progress.accept(total);
          reported = total;
        }
      }
    }
    if (total != item.size) {
      throw new IOException(item.file + " changed while uploading: it has " + total + " bytes, " + item.size + " were listed");
    }
    if (total != reported || total == 0) progress.accept(total);
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }
}
