package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A repository id, {@code namespace/name} or a bare {@code name}, validated with the Python client's
 * rules before anything is sent.
 *
 * <p>Deviation from Python: names are limited to ASCII letters, digits, {@code _}, {@code -} and
 * {@code .} (Python's {@code \w} accepts any Unicode letter; the Hub does not).
 */
public final class RepoId {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?");
  private static final int MAX_NAME = 96;

  private final @Nullable String namespace;
  private final String name;

  private RepoId(@Nullable String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * Parses and validates {@code namespace/name} or {@code name}.
   *
   * @throws HfValidationException naming the rule the id breaks
   * @param repoId {@code namespace/name}, or a bare name
   * @return the id
   */
  public static RepoId of(String repoId) {
    Objects.requireNonNull(repoId, "repoId == null");
    int slashes = (int) repoId.chars().filter(c -> c == '/').count();
    if (slashes > 1) {
      throw new HfValidationException(
          "Repo id must be in the form 'repo_name' or 'namespace/repo_name': '" + repoId
              + "'. Use the repo type option for datasets and spaces instead of a 'datasets/' prefix.");
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
    return new RepoId(ns, name);
  }

  /**
   * A validated id from its two parts.
   *
   * @param namespace the user or organization
   * @param name the repo's name
   * @return the id
   */
  public static RepoId of(String namespace, String name) {
    Objects.requireNonNull(namespace, "namespace == null");
    Objects.requireNonNull(name, "name == null");
    return of(namespace + "/" + name);
  }

  /** {@return the user or organization, absent for a bare name} */
  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** {@return the part after the slash} */
  public String name() {
    return name;
  }

  /**
   * This id with the namespace filled in when it has none.
   *
   * @param defaultNamespace the namespace to use when this id has none
   * @return an id with a namespace
   */
  public RepoId withDefaultNamespace(String defaultNamespace) {
    return namespace != null ? this : of(defaultNamespace, name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepoId r && Objects.equals(r.namespace, namespace) && r.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, name);
  }

  /** {@code namespace/name}, or {@code name}. */
  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
