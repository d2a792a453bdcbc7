package io.hf4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Git-style glob matching for fault paths, {@code .gitattributes} and {@code .gitignore}. */
public final class Glob {
  private Glob() {}

  /** A whole-path pattern: {@code *} and {@code ?} stay within a segment, {@code **} crosses segments. */
  public static Pattern pathPattern(String glob) {
    return Pattern.compile(toRegex(glob));
  }

  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      if (c == '*') {
        boolean dbl = i + 1 < n && glob.charAt(i + 1) == '*';
        if (dbl) {
          boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
          boolean followedBySlash = i + 2 < n && glob.charAt(i + 2) == '/';
          if (atSegmentStart && followedBySlash) {
            re.append("(?:.*/)?");
            i += 3;
          } else {
            re.append(".*");
            i += 2;
          }
        } else {
          re.append("[^/]*");
          i++;
        }
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
          i++;
        } else {
          String body = glob.substring(i + 1, close);
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("\\", "\\\\")).append(']');
          i = close + 1;
        }
      } else {
        if ("\\.^$+{}()|".indexOf(c) >= 0) {
          re.append('\\');
        }
        re.append(c);
        i++;
      }
    }
    return re.toString();
  }

  /** One line of a {@code .gitattributes} or {@code .gitignore} file, matched the way git does. */
  public static final class GitPattern {
    final Pattern pattern;
    final boolean dirOnly;
    final boolean negated;
    /**
     * For a pattern {@code *<literal>} without a slash (most {@code .gitattributes} lines: {@code *.bin}): the
     * literal, matched as the end of the path's last segment without running the regex; else null.
     */
    final String suffix;

    GitPattern(String raw) {
      String p = raw;
      boolean neg = false;
      if (p.startsWith("!")) {
        neg = true;
        p = p.substring(1);
      } else if (p.startsWith("\\!") || p.startsWith("\\#")) {
        p = p.substring(1);
      }
      boolean dir = p.endsWith("/");
      if (dir) {
        p = p.substring(0, p.length() - 1);
      }
      // No slash (other than a trailing one): matches the name at any depth.
      this.suffix = !p.contains("/") && p.startsWith("*") && isLiteral(p.substring(1)) ? p.substring(1) : null;
      if (!p.contains("/")) {
        p = "**/" + p;
      } else if (p.startsWith("/")) {
        p = p.substring(1);
      }
      this.pattern = pathPattern(p);
      this.dirOnly = dir;
      this.negated = neg;
    }

    /** Whether the pattern matches {@code path} itself (a file, or a directory when {@code isDir}). */
    boolean matchesExactly(String path, boolean isDir) {
      if (dirOnly && !isDir) {
        return false;
      }
      if (suffix != null) {
        // "[^/]*<suffix>" against the last segment: no slash after the start of the suffix.
        return path.endsWith(suffix) && path.indexOf('/', path.length() - suffix.length()) < 0;
      }
      return pattern.matcher(path).matches();
    }

    private static boolean isLiteral(String s) {
      for (int i = 0; i < s.length(); i++) {
        if ("*?[]\\/".indexOf(s.charAt(i)) >= 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** One {@code .gitattributes} line that names the {@code filter} attribute: its pattern and whether it sets LFS. */
  private record FilterRule(GitPattern pattern, boolean lfs) {}

  /**
   * Parsed {@code .gitattributes} and {@code .gitignore} texts: a preupload asks about every file against the same
   * text, and compiling its patterns once per text instead of once per file is most of that call's cost. Bounded:
   * cleared when it grows past {@link #CACHE_LIMIT} texts.
   */
  private static final int CACHE_LIMIT = 64;
  private static final Map<String, List<FilterRule>> ATTRIBUTES = new ConcurrentHashMap<>();
  private static final Map<String, List<GitPattern>> IGNORES = new ConcurrentHashMap<>();

  private static <T> T cached(Map<String, T> cache, String text, Function<String, T> parse) {
    T found = cache.get(text);
    if (found == null) {
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      found = parse.apply(text);
      cache.put(text, found);
    }
    return found;
  }

  private static List<FilterRule> parseAttributes(String gitattributes) {
    List<FilterRule> rules = new ArrayList<>();
    for (String line : gitattributes.split("\r?\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length < 2 || parts[0].startsWith("!")) {
        continue;
      }
      // The last filter attribute of a line decides; a line without one leaves the state as it was.
      Boolean lfs = null;
      for (int i = 1; i < parts.length; i++) {
        String attr = parts[i];
        if (attr.equals("filter=lfs")) {
          lfs = true;
        } else if (attr.startsWith("filter=") || attr.equals("-filter") || attr.equals("!filter")) {
          lfs = false;
        }
      }
      if (lfs != null) {
        rules.add(new FilterRule(new GitPattern(parts[0]), lfs));
      }
    }
    return List.copyOf(rules);
  }

  /** Whether a file at {@code path} has {@code filter=lfs} according to {@code .gitattributes} text. */
  public static boolean isLfsByAttributes(String gitattributes, String path) {
    if (gitattributes == null) {
      return false;
    }
    boolean lfs = false;
    for (FilterRule rule : cached(ATTRIBUTES, gitattributes, Glob::parseAttributes)) {
      if (rule.pattern().matchesExactly(path, false)) {
        lfs = rule.lfs();
      }
    }
    return lfs;
  }

  private static List<GitPattern> parseIgnore(String gitignore) {
    List<GitPattern> patterns = new ArrayList<>();
    for (String line : gitignore.split("\r?\n")) {
      String t = line.stripTrailing();
      if (t.isBlank() || t.startsWith("#")) {
        continue;
      }
      patterns.add(new GitPattern(t.strip()));
    }
    return List.copyOf(patterns);
  }

  /** Whether {@code .gitignore} text ignores the file at {@code path} (last matching line wins; parents count). */
  public static boolean isIgnored(String gitignore, String path) {
    if (gitignore == null || gitignore.isBlank()) {
      return false;
    }
    List<GitPattern> patterns = cached(IGNORES, gitignore, Glob::parseIgnore);
    // A directory that is ignored hides everything below it; check each ancestor, then the file.
    String[] segments = path.split("/");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(segments[i]);
      boolean isDir = i < segments.length - 1;
      boolean ignored = false;
      for (GitPattern p : patterns) {
        if (p.matchesExactly(prefix.toString(), isDir)) {
          ignored = !p.negated;
        }
      }
      if (ignored && isDir) {
        return true;
      }
      if (!isDir) {
        return ignored;
      }
    }
    return false;
  }
}
