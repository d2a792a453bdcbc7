package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation of paths inside a repo, before anything is sent. */
final class RepoPaths {
  private static final Pattern COMMIT_OID = Pattern.compile("[A-Fa-f0-9]{5,40}");

  private RepoPaths() {}

  /**
   * A file path in the repo, normalised as the Python client does (one leading {@code /} and {@code ./} prefixes
   * dropped) and
   * checked against the Hub's rules: relative, {@code /}-separated, no {@code .} or {@code ..}
   * segment, nothing under {@code .git/} or {@code .cache/}.
   *
   * @param what the argument's name, for the message (its {@code toString()}, only made for a message)
   */
  static String file(String path, Object what) {
    String p = common(path, what);
    if (p.endsWith("/")) {
      throw new HfValidationException(what + " must name a file, not a folder: '" + path + "'");
    }
    return p;
  }

  /** A path that may end with {@code /} (a folder to delete). */
  static String fileOrFolder(String path, String what) {
    return common(path, what);
  }

  /** A folder prefix in the repo ({@code pathInRepo} of uploadFolder): empty for the root. */
  static String folderPrefix(String pathInRepo) {
    Objects.requireNonNull(pathInRepo, "pathInRepo == null");
    String p = pathInRepo.startsWith("/") && !pathInRepo.startsWith("//") ? pathInRepo.substring(1) : pathInRepo;
    while (p.startsWith("./")) p = p.substring(2);
    if (p.isEmpty() || p.equals(".")) return "";
    String trimmed = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    return common(trimmed, "pathInRepo") + "/";
  }

  /**
   * What the regex {@code ^[A-Za-z]:.*} (no flags) matches: an ASCII letter, a colon, then no line terminator
   * ({@code .} matches none of {@code \n}, {@code \r}, U+0085, U+2028, U+2029).
   */
  static boolean isDrive(String path) {
    if (path.length() < 2 || path.charAt(1) != ':') return false;
    char c = path.charAt(0);
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) return false;
    for (int i = 2; i < path.length(); i++) {
      char x = path.charAt(i);
      if (x == '\n' || x == '\r' || x == '\u0085' || x == '\u2028' || x == '\u2029') return false;
    }
    return true;
  }

  /** Checks a parent commit sha as the Python client does. */
  static String parentCommit(String parentCommit) {
    if (!COMMIT_OID.matcher(parentCommit).matches()) {
      throw new HfValidationException(
          "parentCommit must be a commit sha (5 to 40 hexadecimal characters) but was '" + parentCommit + "'");
    }
    return parentCommit;
  }

  private static String common(String given, Object what) {
    if (given == null) throw new NullPointerException(what + " == null");
    // Python's _validate_path_in_repo drops one leading '/': "/a.txt" is the repo's "a.txt".
    String path = given.startsWith("/") && !given.startsWith("//") ? given.substring(1) : given;
    if (path.isEmpty() && !given.isEmpty()) {
      throw new HfValidationException(what + " must not be empty: '" + given + "'");
    }
    if (path.startsWith("/") || isDrive(path)) {
      throw new HfValidationException(what + " must be relative to the repo root, not absolute: '" + path + "'");
    }
    if (path.indexOf('\\') >= 0) {
      throw new HfValidationException(what + " must use '/' as separator, not '\\': '" + path + "'");
    }
    if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      throw new HfValidationException(what + " must not contain NUL or line breaks: '" + path.replace("\0", "\\0") + "'");
    }
    String p = path;
    while (p.startsWith("./")) p = p.substring(2);
    if (p.isEmpty() || p.equals("/")) {
      throw new HfValidationException(what + " must not be empty: '" + path + "'");
    }
    int bodyEnd = p.endsWith("/") ? p.length() - 1 : p.length();
    // Segment by segment without splitting (once per file of a folder); a segment is only cut out when it is
    // '.', '..', '.git' or '.cache' (at most 6 chars starting with '.').
    for (int start = 0; start <= bodyEnd; ) {
      int slash = p.indexOf('/', start);
      int end = slash < 0 || slash > bodyEnd ? bodyEnd : slash;
      int len = end - start;
      String segment = len == 0 ? "" : len <= 6 && p.charAt(start) == '.' ? p.substring(start, end) : null;
      start = end + 1;
      if (segment == null) continue;
      if (segment.isEmpty()) {
        throw new HfValidationException(what + " must not contain an empty segment ('//'): '" + path + "'");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new HfValidationException(what + " must not contain '.' or '..' segments: '" + path + "'");
      }
      if (segment.equals(".git") || segment.equals(".cache")) {
        throw new HfValidationException(
            what + " cannot be under a '" + segment + "/' folder: '" + path + "' (the Hub refuses such paths)");
      }
    }
    return p;
  }
}
