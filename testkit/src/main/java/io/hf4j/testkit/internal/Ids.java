package io.hf4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifier helpers. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A stable 24-hex id (like a Mongo ObjectId) derived from a seed string. */
  public static String objectId(String seed) {
    return Hashes.sha1(seed.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  public static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
