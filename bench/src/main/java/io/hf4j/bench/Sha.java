package io.hf4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** SHA-256 of local files for the bench's checks (cached by path, size and modification time). */
final class Sha {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private Sha() {}

  static String sha256(Path file) {
    try {
      String key = file.toAbsolutePath() + "|" + Files.size(file) + "|"
          + Files.getLastModifiedTime(file).toMillis();
      String cached = CACHE.get(key);
      if (cached != null) return cached;
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        while (true) {
          buf.clear();
          int n = ch.read(buf);
          if (n < 0) break;
          md.update(buf.array(), 0, n);
        }
      }
      String hex = HexFormat.of().formatHex(md.digest());
      CACHE.put(key, hex);
      return hex;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
