package io.hf4j.core;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of repository: model, dataset, space or kernel. Open: an unknown type is kept as a value.
 *
 * @param value the singular name the API uses in {@code "type"} fields, e.g. {@code dataset}
 */
public record RepoType(String value) implements OpenValue {
  public static final RepoType MODEL = new RepoType("model");
  public static final RepoType DATASET = new RepoType("dataset");
  public static final RepoType SPACE = new RepoType("space");
  public static final RepoType KERNEL = new RepoType("kernel");
  private static final Set<RepoType> KNOWN = Set.of(MODEL, DATASET, SPACE, KERNEL);

  public RepoType {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Parses a repo type, accepting the plural ({@code datasets}) and any case.
   *
   * @throws HfValidationException if the value is blank
   */
  public static RepoType of(String value) {
    Objects.requireNonNull(value, "value == null");
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) throw new HfValidationException("repo type is blank; use model, dataset or space");
    if (v.endsWith("s") && KNOWN.contains(new RepoType(v.substring(0, v.length() - 1)))) {
      v = v.substring(0, v.length() - 1);
    }
    return new RepoType(v);
  }

  /** Whether this is one of the types hf4j knows. */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /** The plural path segment of API URLs: {@code /api/models/...}, {@code /api/datasets/...}. */
  public String apiSegment() {
    return value + "s";
  }

  /** The prefix of web, resolve and git URLs: empty for models, else {@code datasets/}, {@code spaces/}... */
  public String urlPrefix() {
    return equals(MODEL) ? "" : value + "s/";
  }

  /** The prefix of cache folders: {@code models}, {@code datasets}... as in {@code models--org--name}. */
  public String cacheFolderPrefix() {
    return value + "s";
  }

  @Override
  public String toString() {
    return value;
  }
}
