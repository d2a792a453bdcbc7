package io.hf4j.spaces;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads {@code .env}-style files for bulk loading of Space secrets and variables.
 *
 * <p>Rules: one {@code KEY=VALUE} per line; blank lines and lines starting with {@code #} are skipped; an
 * {@code export } prefix is dropped; whitespace around key and value is trimmed; an unquoted value ends at a
 * {@code #} preceded by whitespace (an inline comment); a value in double quotes keeps everything up to the
 * closing quote (including {@code #} and line breaks) and understands {@code \n}, {@code \t}, {@code \"} and
 * {@code \\}; a value in single quotes is taken literally. Commas are never special: {@code HOSTS=a,b,c} is the
 * one value {@code a,b,c}. A later line with the same key wins.
 *
 * <p>Error messages name the file and line, never a value.
 */
public final class EnvFile {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private EnvFile() {}

  /**
   * Reads a file (UTF-8).
   *
   * @param file the {@code .env}-style file
   * @return the keys and values in the order first seen (a later line with the same key wins), immutable
   * @throws HfIoException if it cannot be read
   * @throws HfValidationException naming the line that is malformed
   */
  public static Map<String, String> read(Path file) {
    Objects.requireNonNull(file, "file == null");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * Parses the text of a {@code .env} file.
   *
   * @param text the file's content
   * @return the keys and values in the order first seen, immutable
   * @throws
 HfValidationException naming the line that is malformed
   */
  public static Map<String, String> parse(String text) {
    return parse(Objects.requireNonNull(text, "text == null"), "the .env text");
  }

  private static Map<String, String> parse(String text, String source) {
    Map<String, String> out = new LinkedHashMap<>();
    String s = text.replace("\r\n", "\n").replace('\r', '\n');
    if (s.startsWith("\uFEFF")) s = s.substring(1);
    int i = 0;
    int line = 1;
    int n = s.length();
    while (i < n) {
      int lineStart = line;
      int eol = s.indexOf('\n', i);
      if (eol < 0) eol = n;
      String raw = s.substring(i, eol);
      String trimmed = raw.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i = eol + 1;
        line++;
        continue;
      }
      if (trimmed.startsWith("export ") || trimmed.startsWith("export\t")) trimmed = trimmed.substring(7).stripLeading();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new HfValidationException(source + " line " + lineStart + ": expected KEY=VALUE");
      }
      String key = trimmed.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw new HfValidationException(source + " line " + lineStart + ": invalid key '" + key
            + "' (letters, digits and _ only, not starting with a digit)");
      }
      // Position of the value within the whole text, so a quoted value may run over several lines.
      int afterEq = i + raw.indexOf(trimmed) + eq + 1;
      int valueStart = afterEq;
      while (valueStart < eol && (s.charAt(valueStart) == ' ' || s.charAt(valueStart) == '\t')) valueStart++;
      String value;
      int next;
      char q = valueStart < n ? s.charAt(valueStart) : '\0';
      if (q == '"' || q == '\'') {
        StringBuilder sb = new StringBuilder();
        int j = valueStart + 1;
        boolean closed = false;
        while (j < n) {
          char c = s.charAt(j);
          if (c == q) {
            closed = true;
            break;
          }
          if (c == '\n') line++;
          if (q == '"' && c == '\\' && j + 1 < n) {
            char e = s.charAt(j + 1);
            switch (e) {
              case 'n': sb.append('\n'); j += 2; continue;
              case 't': sb.append('\t'); j += 2; continue;
              case 'r': sb.append('\r'); j += 2; continue;
              case '"': sb.append('"'); j += 2; continue;
              case '\\': sb.append('\\'); j += 2; continue;
              default: sb.append(c); j++; continue;
            }
          }
          sb.append(c);
          j++;
        }
        if (!closed) {
          throw new HfValidationException(source + " line " + lineStart + ": unterminated " + (q == '"' ? "double" : "single")
              + " quote in the value of " + key);
        }
        value = sb.toString();
        int end = s.indexOf('\n', j + 1);
        if (end < 0) end = n;
        String rest = s.substring(j + 1, end).strip();
        if (!rest.isEmpty() && !rest.startsWith("#")) {
          throw new HfValidationException(source + " line " + line + ": unexpected text after the closing quote of " + key);
        }
        next = end + 1;
      } else {
        String v = s.substring(afterEq, eol);
        int hash = inlineComment(v);
        if (hash >= 0) v = v.substring(0, hash);
        value = v.strip();
        next = eol + 1;
      }
      out.put(key, value);
      i = next;
      line++;
    }
    return Collections.unmodifiableMap(out);
  }

  private static int inlineComment(String v) {
    for (int k = 0; k < v.length(); k++) {
      if (v.charAt(k) == '#' && k > 0 && Character.isWhitespace(v.charAt(k - 1))) return k;
    }
    return -1;
  }
}
