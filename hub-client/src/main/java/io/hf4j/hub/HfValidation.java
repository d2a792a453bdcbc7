package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import java.util.Objects;

/** Small argument checks shared by the params builders. */
final class HfValidation {
  private HfValidation() {}

  static String revision(String revision) {
    Objects.requireNonNull(revision, "revision == null");
    if (revision.isBlank()) throw new HfValidationException("revision must not be blank");
    if (revision.indexOf('\n') >= 0 || revision.indexOf('\r') >= 0 || revision.indexOf('\0') >= 0) {
      throw new HfValidationException("revision must not contain line breaks or NUL");
    }
    // git's rules for ref names (git check-ref-format); a commit id passes them too.
    String bad = null;
    if (revision.contains("..")) bad = "'..'";
    else if (revision.contains("@{")) bad = "'@{'";
    else if (revision.contains("//")) bad = "'//'";
    else if (revision.startsWith("/") || revision.endsWith("/") || revision.endsWith(".")) bad = "a leading or trailing '/' or a trailing '.'";
    else if (revision.equals("@")) bad = "the name '@'";
    else {
      for (int i = 0; i < revision.length() && bad == null; i++) {
        char c = revision.charAt(i);
        if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) bad = "the character " + io.hf4j.core.internal.Sanitize.forMessage(String.valueOf(c));
      }
      for (String part : revision.split("/", -1)) {
        if (bad == null && (part.startsWith(".") || part.endsWith(".lock"))) bad = "a part starting with '.' or ending in '.lock'";
      }
    }
    if (bad != null) {
      throw new HfValidationException("revision '" + io.hf4j.core.internal.Sanitize.forMessage(revision) + "' is not a valid"
          + " branch, tag or commit name: it has " + bad);
    }
    return revision;
  }

  static int positive(int value, String name) {
    if (value < 1) throw new HfValidationException(name + " must be >= 1 but was " + value);
    return value;
  }

  static String nonBlank(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) throw new HfValidationException(name + " must not be blank");
    return value;
  }
}
