package io.hf4j.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Allow and ignore patterns with the Python client's semantics ({@code filter_repo_objects}):
 * {@code fnmatch} globs where {@code *} also crosses {@code /}, {@code ?} is one character, {@code
 * [seq]} a class; a pattern ending with {@code /} matches everything below that folder. A path is kept
 * when it matches at least one allow pattern (or none is given) and no ignore pattern.
 */
public final class FilePatterns {
  private final List<Glob> allow;
  private final List<Glob> ignore;

  private FilePatterns(List<Glob> allow, List<Glob> ignore) {
    this.allow = allow;
    this.ignore = ignore;
  }

  /**
   * Patterns that keep everything.
   *
   * @return patterns that keep everything
   */
  public static FilePatterns all() {
    return new FilePatterns(List.of(), List.of());
  }

  /**
   * Allow and ignore globs; either may be empty.
   *
   * @param allowPatterns the globs
   * @param ignorePatterns the globs
   * @return allow and ignore globs; either may be empty
   */
  public static FilePatterns of(Collection<String> allowPatterns, Collection<String> ignorePatterns) {
    return new FilePatterns(compile(allowPatterns), compile(ignorePatterns));
  }

  /**
   * Whether {@code path} (relative, {@code /}-separated) is kept.
   *
   * @param path the path in the repo
   * @return whether {
   */
  public boolean matches(String path) {
    Objects.requireNonNull(path, "path == null");
    // Plain loops: this runs once per file of a folder, in a fresh JVM interpreted.
    if (!allow.isEmpty() && !any(allow, path)) return false;
    return !any(ignore, path);
  }

  private static boolean any(List<Glob> globs, String path) {
    for (int i = 0, n = globs.size(); i < n; i++) {
      if (globs.get(i).matches(path)) return true;
    }
    return false;
  }

  /**
   * Whether {@code path} matches any of {@code patterns} (for delete patterns).
   *
   * @param patterns the globs
   * @param path the path in the repo
   * @return whether {
   */
  public static boolean matchesAny(Collection<String> patterns, String path) {
    return any(compile(patterns), path);
  }

  private static List<Glob> compile(Collection<String> globs) {
    List<Glob> out = new ArrayList<>();
    for (String g : globs) {
      Objects.requireNonNull(g, "pattern == null");
      out.add(Glob.of(g.endsWith("/") ? g + "*" : g));
    }
    return out;
  }

  /**
   * One glob, matched like the regex {@link #translate} makes of it. A glob of literal characters and {@code *}
   * only (the default ignore patterns of an upload, {@code *.bin}, {@code logs/*}...) is matched without a regex:
   * its pieces between the stars in order, the first at the start, the last at the end, each other one at its
   * leftmost place after the previous (for such a glob the leftmost place is never worse). A glob with {@code ?},
   * a {@code [...]} class or a surrogate character (the regex's {@code .} counts code points, not chars) goes to
   * the regex. Both give the same answer for every path (FilePatternsTest compares them).
   */
  static final class Glob {
    /** The glob split at its stars (runs of stars count as one), or null when it needs the regex. */
    private final String @Nullable [] pieces;
    private final @Nullable Pattern regex;

    private Glob(String @Nullable [] pieces, @Nullable Pattern regex) {
      this.pieces = pieces;
      this.regex = regex;
    }

    static Glob of(String glob) {
      for (int i = 0; i < glob.length(); i++) {
        char c = glob.charAt(i);
        if (c == '?' || c == '[' || Character.isSurrogate(c)) return regex(glob);
      }
      List<String> parts = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < glob.length(); i++) {
        if (glob.charAt(i) != '*') continue;
        parts.add(glob.substring(start, i));
        while (i + 1 < glob.length() && glob.charAt(i + 1) == '*') i++;
        start = i + 1;
      }
      parts.add(glob.substring(start));
      return new Glob(parts.toArray(new String[0]), null);
    }

    /** The general path only (tests compare the two). */
    static Glob regex(String glob) {
      return new Glob(null, Pattern.compile(translate(glob), Pattern.DOTALL));
    }

    boolean matches(String path) {
      String[] p = pieces;
      if (p == null) return regex.matcher(path).matches();
      if (p.length == 1) return path.equals(p[0]);
      String first = p[0];
      String last = p[p.length - 1];
      int end = path.length() - last.length();
      if (end < first.length() || !path.startsWith(first) || !path.startsWith(last, end)) return false;
      int from = first.length();
      for (int i = 1; i < p.length - 1; i++) {
        String piece = p[i];
        int at = path.indexOf(piece, from);
        if (at < 0 || at + piece.length() > end) return false;
        from = at + piece.length();
      }
      return true;
    }
  }

  /** Python's {@code fnmatch.translate}: {@code *} matches any run (slashes included), {@code ?} one char. */
  static String translate(String glob) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i++);
      if (c == '*') {
        while (i < n && glob.charAt(i) == '*') i++;
        sb.append(".*");
      } else if (c == '?') {
        sb.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && glob.charAt(j) == '!') j++;
        if (j < n && glob.charAt(j) == ']') j++;
        while (j < n && glob.charAt(j) != ']') j++;
        if (j >= n) {
          sb.append("\\[");
        } else {
          String stuff = glob.substring(i, j).replace("\\", "\\\\");
          i = j + 1;
          if (stuff.startsWith("!")) stuff = "^" + stuff.substring(1);
          else if (stuff.startsWith("^")) stuff = "\\" + stuff;
          sb.append('[').append(stuff).append(']');
        }
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
