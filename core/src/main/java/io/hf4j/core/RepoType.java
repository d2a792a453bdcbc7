package io.hf4j.core;

import io.hf4j.core.internal.Sanitize;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A kind of repository: model, dataset, space or kernel. Open: an unknown type is kept as a value.
 *
 * @param value the singular name the API uses in {@code "type"} fields, e.g. {@code dataset}
 */
public record RepoType(String value) implements OpenValue {
  /** The {@code model} repo type. */
  public static final RepoType MODEL = new RepoType("model");
  /** The {@code dataset} repo type. */
  public static final RepoType DATASET = new RepoType("dataset");
  /** The {@code space} repo type. */
  public static final RepoType SPACE = new RepoType("space");
  /** The {@code kernel} repo type. */
  public static final RepoType KERNEL = new RepoType("kernel");
  private static final Set<RepoType> KNOWN = Set.of(MODEL, DATASET, SPACE, KERNEL);

  /**
   * Checks that the value is present; use {@link #of(String)} to parse user input.
   *
   * @param value the singular name the API uses in {@code "type"} fields, e.g. {@code dataset}
   */
  public RepoType {
    Objects.requireNonNull(value, "value == null");
  }

  /**
   * Parses a repo type, accepting the plural ({@code datasets}) and any case.
   *
   * @throws HfValidationException if the value is blank or not a plain lowercase name (letters, digits,
   *     {@code -}, {@code _}); an unknown but well-formed name is kept (see {@link #isKnown})
   * @param value a repo type as a user spells it ({@code model}, {@code Datasets}...)
   * @return the type
   */
  public static RepoType of(String value) {
    Objects.requireNonNull(value, "value == null");
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) throw new HfValidationException("repo type is blank; use model, dataset or space");
    if (!v.matches("[a-z][a-z0-9_-]{0,31}")) {
      throw new HfValidationException("invalid repo type '" + Sanitize.forMessage(value) + "'; use model, dataset or space");
    }
    if (v.endsWith("s") && KNOWN.contains(new RepoType(v.substring(0, v.length() - 1)))) {
      v = v.substring(0, v.length() - 1);
    }
    return new RepoType(v);
  }

  /** {@return whether this is one of the types hf4j knows} */
  public boolean isKnown() {
    return KNOWN.contains(this);
  }

  /**
   * The plural path segment of API URLs: {@code /api/models/...}, {@code /api/datasets/...}.
   *
   * @throws HfValidationException for a type hf4j does not know: it never becomes a path segment
   * @return {@code models}, {@code datasets}, {@code spaces} or {@code kernels}
   */
  public String apiSegment() {
    return known() + "s";
  }

  /** {@return the prefix of web, resolve and git URLs: empty for models, else {@code datasets/}, {@code spaces/}..} */
  public String urlPrefix() {
    return equals(MODEL) ? "" : known() + "s/";
  }

  /**
   * The prefix of cache folders: {@code models}, {@code datasets}... as in {@code models--org--name}.
   *
   * @return {@code models}, {@code datasets}, {@code spaces} or {@code kernels}
   */
  public String cacheFolderPrefix() {
    return known() + "s";
  }

  /**
   * The known type's value, or a typed error: an unknown type (from a user or a server) never becomes
   * a URL path segment or a cache folder.
   */
  private String known() {
    if (!isKnown()) {
      throw new HfValidationException("unknown repo type '" + Sanitize.forMessage(value) + "'; hf4j knows model, dataset,"
          + " space and kernel");
    }
    return value;
  }

  /**
   * Equal to another repo type of the same value (as a record's generated {@code equals}, written out: the generated
   * one is linked at its first call through method handles, 10-20 ms of a fresh JVM's first upload, on every thread
   * that meets it first).
   *
   * @param o the other object
   * @return whether {@code o} is a repo type of the same value
   */
  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return this == o || (o instanceof RepoType t && value.equals(t.value));
  }

  /** {@return the value's hash, as a record's generated {@code hashCode} gives it} */
  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
