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
