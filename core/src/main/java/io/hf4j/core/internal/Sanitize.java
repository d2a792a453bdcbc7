package io.hf4j.core.internal;

import org.jspecify.annotations.Nullable;

/** Text from a server or a user made safe for a terminal and an exception message. Not API. */
public final class Sanitize {
  /** At most this many characters of a foreign value are shown. */
  static final int MAX_SHOWN = 200;

  private Sanitize() {}

  /**
   * {@code text} with control characters (C0, DEL, C1, and the bidi overrides that reorder what a
   * terminal shows) escaped as {@code \\uXXXX}, except newlines and tabs; null stays null.
   */
  public static @Nullable String controls(@Nullable String text) {
    if (text == null) return null;
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean bad = c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e
          || c >= 0x2066 && c <= 0x2069);
      if (bad && sb == null) sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      if (sb != null) {
        if (bad) sb.append(String.format("\\u%04x", (int) c));
        else sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * An exception message: control characters escaped, and Moshi's advice to parse leniently (meant for
   * the developer of a JSON parser, not for the user of a client) dropped.
   */
  public static @Nullable String message(@Nullable String message) {
    if (message == null) return null;
    String m = message;
    int at = m.indexOf(LENIENT_HINT);
    while (at >= 0) {
      m = m.substring(0, at) + "malformed JSON" + m.substring(at + LENIENT_HINT.length());
      at = m.indexOf(LENIENT_HINT);
    }
    return controls(m);
  }

  private static final String LENIENT_HINT = "Use JsonReader.setLenient(true) to accept malformed JSON";

  /** A user- or server-supplied value to quote in a message: controls escaped, cut to 200 characters. */
  public static String forMessage(@Nullable String value) {
    if (value == null) return "null";
    String v = value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    return controls(v).replace("\n", "\\n");
  }
}
