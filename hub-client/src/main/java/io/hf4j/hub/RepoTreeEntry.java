package io.hf4j.hub;

/**
 * An entry of a repo tree listing: a {@link RepoFile} or a {@link RepoFolder}. Python: {@code
 * RepoFile | RepoFolder}.
 */
public sealed interface RepoTreeEntry permits RepoFile, RepoFolder {
  /**
   * The entry's path in the repo.
   *
   * @return the entry's path in the repo
   */
  String path();
}
