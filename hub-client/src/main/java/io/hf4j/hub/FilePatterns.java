package io.hf4j.hub;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Allow and ignore patterns with the Python client's semantics ({@code filter_repo_objects}):
 * {@code fnmatch} globs where {@code *} also crosses {@code /}, {@code ?} is one character, {@code
 * [seq]} a class; a pattern ending with {@code /} matches everything below that folder. A path is kept
 * when it matches at least one allow pattern (or none is given) and no ignore pattern.
 */
public final class FilePatterns {
  private final List<Pattern> allow;
  private final List<Pattern> ignore;

  private FilePatterns(List<Pattern> allow, List<Pattern> ignore) {
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
    if (!allow.isEmpty() && allow.stream().noneMatch(p -> p.matcher(path).matches())) return false;
    return ignore.stream().noneMatch(p -> p.matcher(path).matches());
  }

  /**
   * Whether {@code path} matches any of {@code patterns} (for delete patterns).
   *
   * @param patterns the globs
   * @param path the path in the repo
   * @return whether {
   */
  public static boolean matchesAny(Collection<String> patterns, String path) {
    return compile(patterns).stream().anyMatch(p -> p.matcher(path).matches());
  }

  private static List<Pattern> compile(Collection<String> globs) {
    List<Pattern> out = new ArrayList<>();
    for (String g : globs) {
      Objects.requireNonNull(g, "pattern == null");
      String glob = g.endsWith("/") ? g + "*" : g;
      out.add(Pattern.compile(translate(glob), Pattern.DOTALL));
    }
    return out;
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
