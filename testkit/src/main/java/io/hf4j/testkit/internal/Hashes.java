package io.hf4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hash helpers: SHA-256 (LFS oids, ETags) and git blob SHA-1. */
public final class Hashes {
  private Hashes() {}

  /**
   * Per thread, a SHA-256 and a SHA-1 instance for the one-shot hashes below (each {@code digest()} resets it): a
   * provider lookup per hash was most of the work of storing a small file, and a large method for the JIT to compile.
   */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> lookUp("SHA-256"));
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> lookUp("SHA-1"));

  /** A new digest instance (callers may keep it across threads). */
  public static MessageDigest digest(String algorithm) {
    return lookUp(algorithm);
  }

  private static MessageDigest lookUp(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static String sha256(byte[] bytes) {
    MessageDigest d = SHA256.get();
    d.reset();
    return hex(d.digest(bytes));
  }

  public static String sha1(byte[] bytes) {
    MessageDigest d = SHA1.get();
    d.reset();
    return hex(d.digest(bytes));
  }

  /** {@code sha1("blob <len>\0" + bytes)}: git's object id for file content. */
  public static String gitBlobSha1(byte[] bytes) {
    MessageDigest d = SHA1.get();
    d.reset();
    d.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    d.update(bytes);
    return hex(d.digest());
  }

  public static boolean isSha256Hex(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /** The git-lfs pointer file for an object. */
  public static String lfsPointer(String sha256, long size) {
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n";
  }
}
