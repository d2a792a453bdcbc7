package io.hf4j.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as the Hub expects it (never {@code java.net.URLEncoder}, which is form
 * encoding).
 */
public final class UrlEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UrlEncoding() {}

  /** A revision as one path segment: every byte but unreserved ones encoded ({@code refs/pr/1} → {@code refs%2Fpr%2F1}). */
  public static String revision(String revision) {
    return encode(revision, false);
  }

  /** A value as one path segment, {@code /} encoded. */
  public static String segment(String value) {
    return encode(value, false);
  }

  /** A file path inside a repo: UTF-8 percent-encoded, {@code /} kept. */
  public static String path(String path) {
    return encode(path, true);
  }

  private static String encode(String s, boolean keepSlash) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte value : bytes) {
      int c = value & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
          || c == '~' || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }
}
