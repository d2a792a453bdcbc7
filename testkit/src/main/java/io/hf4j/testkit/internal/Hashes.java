package io.hf4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hash helpers: SHA-256 (LFS oids, ETags) and git blob SHA-1. */
public final class Hashes {
  private Hashes() {}

  public static MessageDigest digest(String algorithm) {
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
    return hex(digest("SHA-256").digest(bytes));
  }

  public static String sha1(byte[] bytes) {
    return hex(digest("SHA-1").digest(bytes));
  }

  /** {@code sha1("blob <len>\0" + bytes)}: git's object id for file content. */
  public static String gitBlobSha1(byte[] bytes) {
    MessageDigest d = digest("SHA-1");
    d.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
    d.update(bytes);
    return hex(d.digest());
  }

  public static boolean isSha256Hex(String s) {
    return s != null && s.matches("[0-9a-f]{64}");
  }

  /** The git-lfs pointer file for an object. */
  public static String lfsPointer(String sha256, long size) {
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n";
  }
}
