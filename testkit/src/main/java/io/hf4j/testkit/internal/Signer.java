package io.hf4j.testkit.internal;

import io.hf4j.testkit.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs storage URLs like presigned S3 URLs: an HMAC over the path and expiry, with a per-emulator key. */
public final class Signer {
  private final byte[] key = new byte[32];

  Signer() {
    new SecureRandom().nextBytes(key);
  }

  public String sign(String path, long expiresEpochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Hashes.hex(mac.doFinal((path + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The query string that presigns {@code path} for {@code seconds}. */
  public String presignQuery(String path, EmulatorClock clock, long seconds) {
    long expires = clock.instant().getEpochSecond() + seconds;
    return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=" + seconds + "&X-Amz-Date=" + expires
        + "&X-Amz-Signature=" + sign(path, expires);
  }

  /** Null when the signature is valid and not expired, else the S3 error code. */
  public String check(String path, String date, String signature, EmulatorClock clock) {
    if (date == null || signature == null) {
      return "AccessDenied";
    }
    long expires;
    try {
      expires = Long.parseLong(date);
    } catch (NumberFormatException e) {
      return "AccessDenied";
    }
    if (!MessageDigest.isEqual(sign(path, expires).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return "SignatureDoesNotMatch";
    }
    if (clock.instant().getEpochSecond() > expires) {
      return "AccessDenied";
    }
    return null;
  }
}
