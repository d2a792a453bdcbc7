package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A repository id bound to its {@linkplain RepoType type}: {@code namespace/name} (or a bare {@code name}) of
 * a model, dataset or Space, validated with the Python client's rules before anything is sent. Every call that
 * takes a {@code RepoId} reads the repo type from it; no params carry a repo type.
 *
 * <pre>{@code
 * RepoId model = RepoId.of("acme/demo-model");          // a model
 * RepoId data = RepoId.dataset("acme/reviews");
 * RepoId space = RepoId.space("acme/demo");
 * RepoId parsed = RepoId.parse("datasets/acme/reviews"); // the Hub's prefixed form
 * }</pre>
 *
 * <p>Two ids are equal when their type, namespace and name are equal: {@code RepoId.model("a/b")} and
 * {@code RepoId.dataset("a/b")} are different repos. {@link #toString()} is {@code namespace/name}, the form
 * that goes in API paths; {@link #toPrefixedString()} is the Hub's prefixed form.
 *
 * <p>Deviation from Python: names are limited to ASCII letters, digits, {@code _}, {@code -} and
 * {@code .} (Python's {@code \w} accepts any Unicode letter; the Hub does not).
 */
public final class RepoId {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final int MAX_NAME = 96;

  private final RepoType type;
  private final @Nullable String namespace;
  private final String name;

  private RepoId(RepoType type, @Nullable String namespace, String name) {
    this.type = type;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * A model repo id: parses and validates {@code namespace/name} or {@code name}. For a dataset or a Space
   * use {@link #dataset}, {@link #space} or {@link #parse}.
   *
   * @param repoId {@code namespace/name} or {@code name}
   * @return the model repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId of(String repoId) {
    return of(RepoType.MODEL, repoId);
  }

  /**
   * A model repo id from its two parts.
   *
   * @param namespace the user or organization
   * @param name the repo name
   * @return the model repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId of(String namespace, String name) {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    return of(namespace + "/" + name);
  }

  /**
   * A repo id of this type: parses and validates {@code namespace/name} or {@code name} (no type prefix).
   *
   * @param type the repo type
   * @param repoId {@code namespace/name} or {@code name}
   * @return the repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId of(RepoType type, String repoId) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(repoId, "repoId == null");
    int slashes = (int) repoId.chars().filter(c -> c == '/').count();
    if (slashes > 1) {
      throw new HfValidationException(
          "Repo id must be in the form 'repo_name' or 'namespace/repo_name': '" + repoId
              + "'. For the Hub's prefixed form ('datasets/ns/name', 'spaces/ns/name') use RepoId.parse, or"
              + " RepoId.dataset(\"ns/name\") / RepoId.space(\"ns/name\").");
    }
    String ns = null;
    String name = repoId;
    if (slashes == 1) {
      int i = repoId.indexOf('/');
      ns = repoId.substring(0, i);
      name = repoId.substring(i + 1);
    }
    if ((ns != null && !PART.matcher(ns).matches()) || !PART.matcher(name).matches() || name.length() > MAX_NAME) {
      throw new HfValidationException(
          "Repo id must use alphanumeric chars, '-', '_' or '.'. The name cannot start or end with '-' or"
              + " '.' and the maximum length is " + MAX_NAME + ": '" + repoId + "'.");
    }
    if (repoId.contains("--") || repoId.contains("..")) {
      throw new HfValidationException("Cannot have -- or .. in repo_id: '" + repoId + "'.");
    }
    if (repoId.endsWith(".git")) {
      throw new HfValidationException("Repo_id cannot end by '.git': '" + repoId + "'.");
    }
    return new RepoId(type, ns, name);
  }

  /**
   * A model repo id, the same as {@link #of(String)}.
   *
   * @param repoId {@code namespace/name} or {@code name}
   * @return the model repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId model(String repoId) {
    return of(RepoType.MODEL, repoId);
  }

  /**
   * A dataset repo id.
   *
   * @param repoId {@code namespace/name} or {@code name}, without the {@code datasets/} prefix
   * @return the dataset repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId dataset(String repoId) {
    return of(RepoType.DATASET, repoId);
  }

  /**
   * A Space repo id.
   *
   * @param repoId {@code namespace/name} or {@code name}, without the {@code spaces/} prefix
   * @return the Space repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId space(String repoId) {
    return of(RepoType.SPACE, repoId);
  }

  /**
   * Parses an id as the Hub writes it: {@code datasets/ns/name} and {@code spaces/ns/name} (also
   * {@code datasets/name}, {@code spaces/name}) are a dataset and a Space; {@code ns/name} and {@code name}
   * (models have no prefix) are a model.
   *
   * @param id the id, optionally prefixed
   * @return the typed repo id
   * @throws HfValidationException naming the rule the id breaks
   */
  public static RepoId parse(String id) {
    Objects.requireNonNull(id, "id == null");
    for (RepoType t : new RepoType[] {RepoType.DATASET, RepoType.SPACE}) {
      String prefix = t.urlPrefix();
      if (id.startsWith(prefix)) return of(t, id.substring(prefix.length()));
    }
    return of(RepoType.MODEL, id);
  }

  /**
   * The repo type this id is bound to.
   *
   * @return the type; {@link RepoType#MODEL} for ids made with {@link #of(String)}
   */
  public RepoType type() {
    return type;
  }

  /**
   * The user or organization.
   *
   * @return the namespace, or null for a bare name
   */
  public @Nullable String namespace() {
    return namespace;
  }

  /**
   * The part after the slash.
   *
   * @return the repo name
   */
  public String name() {
    return name;
  }

  /**
   * This id with another type.
   *
   * @param newType the repo type
   * @return an id with the same namespace and name, bound to {@code newType}
   */
  public RepoId withType(RepoType newType) {
    Objects.requireNonNull(newType, "newType == null");
    return newType.equals(type) ? this : new RepoId(newType, namespace, name);
  }

  /**
   * This id with the namespace filled in when it has none; the type is kept.
   *
   * @param defaultNamespace the namespace to use for a bare name
   * @return this id, or the id in {@code defaultNamespace}
   */
  public RepoId withDefaultNamespace(String defaultNamespace) {
    return namespace != null ? this : of(type, defaultNamespace + "/" + name);
  }

  /**
   * The Hub's prefixed form: {@code ns/name} for a model, {@code datasets/ns/name}, {@code spaces/ns/name}.
   *
   * @return the prefixed id (what {@link #parse} reads back)
   */
  public String toPrefixedString() {
    String prefix = type.isKnown() ? type.urlPrefix() : type.value() + "s/";
    return prefix + this;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RepoId r && r.type.equals(type) && Objects.equals(r.namespace, namespace) && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, namespace, name);
  }

  /** {@code namespace/name}, or {@code name}: the form that goes in URL paths (without the type). */
  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
