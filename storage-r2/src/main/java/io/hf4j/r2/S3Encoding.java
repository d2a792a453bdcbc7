package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Percent-encoding as SigV4 and S3 define it: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - _ .
 * ~}) stay, every other UTF-8 byte becomes {@code %XX} with upper-case hex; {@code /} stays in paths. So
 * {@code +} is always {@code %2B} and a space is always {@code %20}, on the wire and in the signature.
 */
final class S3Encoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private S3Encoding() {}

  /** One query parameter, decoded. */
  record Param(String name, String value) {}

  static String encode(String s, boolean keepSlash) {
    byte[] bytes = utf8(s);
    StringBuilder sb = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /** UTF-8 bytes of {@code s}; refuses unpaired surrogates instead of silently writing {@code ?}. */
  static byte[] utf8(String s) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer buf = encoder.encode(CharBuffer.wrap(s));
      byte[] out = new byte[buf.remaining()];
      buf.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new HfValidationException("text is not valid Unicode (unpaired surrogate): '" + s + "'", e);
    }
  }

  /**
   * Decodes {@code %XX} escapes; every other character stands for itself, {@code +} included (S3 paths
   * and hf4j's own queries never use {@code +} for a space).
   */
  static String decode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  }

  /** Splits an encoded query string into decoded parameters; a name without {@code =} has an empty value. */
  static List<Param> parseQuery(@Nullable String encodedQuery) {
    List<Param> params = new ArrayList<>();
    if (encodedQuery == null || encodedQuery.isEmpty()) return params;
    for (String part : encodedQuery.split("&", -1)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      params.add(new Param(decode(name), decode(value)));
    }
    return params;
  }

  /** The SigV4 canonical query string: encoded names and values, sorted by name, then by value. */
  static String canonicalQuery(List<Param> params) {
    List<String[]> encoded = new ArrayList<>(params.size());
    for (Param p : params) encoded.add(new String[] {encode(p.name(), false), encode(p.value(), false)});
    encoded.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] e : encoded) {
      if (sb.length() > 0) sb.append('&');
      sb.append(e[0]).append('=').append(e[1]);
    }
    return sb.toString();
  }
}
