package io.hf4j.hub;

/**
 * JSON string literals written by hand, with exactly the escaping of the shared JSON writer (Moshi's): {@code "} and
 * {@code \} escaped, {@code \t \b \n \r \f} in their short forms, the other control characters below U+0020 and
 * U+2028/U+2029 as {@code \}{@code uXXXX} (lower-case hex), everything else as it is (no HTML escaping). Used on the
 * per-file paths of an upload (a preupload body, a commit line), where Moshi made a buffer, a writer and an adapter
 * look-up for every path: some 30 µs per path in a fresh JVM and ~8 µs until the JIT caught up, against a plain
 * loop over the characters. {@code JsonTextTest} checks the bytes against Moshi's.
 */
final class JsonText {
  private static final String[] REPLACEMENTS = new String[128];

  static {
    char[] hex = "0123456789abcdef".toCharArray();
    for (int c = 0; c < 0x20; c++) {
      REPLACEMENTS[c] = "\\u00" + hex[c >> 4] + hex[c & 0xf];
    }
    REPLACEMENTS['"'] = "\\\"";
    REPLACEMENTS['\\'] = "\\\\";
    REPLACEMENTS['\t'] = "\\t";
    REPLACEMENTS['\b'] = "\\b";
    REPLACEMENTS['\n'] = "\\n";
    REPLACEMENTS['\r'] = "\\r";
    REPLACEMENTS['\f'] = "\\f";
  }

  private JsonText() {}

  /** {@code s} as a JSON string literal, quotes included. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2);
    appendQuoted(b, s);
    return b.toString();
  }

  /** Appends {@code s} as a JSON string literal, quotes included. */
  static void appendQuoted(StringBuilder b, String s) {
    b.append('"');
    int last = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String r;
      if (c < 128) {
        r = REPLACEMENTS[c];
        if (r == null) continue;
      } else if (c == '\u2028') {
        r = "\\u2028";
      } else if (c == '\u2029') {
        r = "\\u2029";
      } else {
        continue;
      }
      if (last < i) b.append(s, last, i);
      b.append(r);
      last = i + 1;
    }
    if (last < n) b.append(s, last, n);
    b.append('"');
  }
}
