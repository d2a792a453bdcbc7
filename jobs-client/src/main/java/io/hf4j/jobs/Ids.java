package io.hf4j.jobs;

import io.hf4j.core.HfValidationException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validation of the identifiers put into Jobs URLs. */
final class Ids {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private Ids() {}

  static String namespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace == null");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new HfValidationException("namespace must be a user or organisation name but was '" + namespace + "'");
    }
    return namespace;
  }

  static String jobId(String id, String what) {
    Objects.requireNonNull(id, what + " == null");
    if (!ID.matcher(id).matches()) {
      throw new HfValidationException(what + " must be letters, digits, '.', '-' or '_' but was '" + id + "'");
    }
    return id;
  }
}
