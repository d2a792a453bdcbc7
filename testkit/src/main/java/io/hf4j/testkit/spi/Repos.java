package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.RepoView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Programmatic access to the emulated repos (for modules and for seeding tests). */
public interface Repos {
  /**
   * {@return a repository, or null when there is none}
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   */
  @Nullable RepoView find(RepoType type, String repoId);

  /**
   * {@return every repo of a type, by id}
   *
   * @param type the repository type
   */
  List<RepoView> list(RepoType type);

  /**
   * Creates a repo with the Hub's initial commit ({@code .gitattributes}, plus {@code README.md} for Spaces).
   * {@code attributes} are kept as the repo's type-specific fields (e.g. {@code sdk}). Fires
   * {@link RepoListener#onCreated} with the attributes.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @param isPrivate whether the repository is private
   * @param attributes extra attributes of the new repository (as a create request's JSON body carries them)
   * @return the new repository
   * @throws HubError 409 when it exists
   */
  RepoView create(RepoType type, String repoId, boolean isPrivate, Map<String, Object> attributes);

  /**
   * Commits on a branch: adds or replaces files (regular or LFS as the repo's {@code .gitattributes} and the LFS
   * threshold decide) and deletes paths. Fires the commit listeners. Returns the commit id.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @param branch the branch name
   * @param title the commit's title
   * @param files the files the commit adds or replaces, by path
   * @param deletions the paths the commit deletes
   * @return the new commit's id
   */
  String commit(RepoType type, String repoId, String branch, String title, Map<String, byte[]> files, Set<String> deletions);

  /**
   * Sets (or replaces) a type-specific field of a repo; {@code null} removes it.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @param name the attribute name (a key of the repo info JSON)
   * @param value the new value
   */
  void setAttribute(RepoType type, String repoId, String name, Object value);

  /**
   * Moves (renames) a repo, as the Hub's {@code POST /api/repos/move} does: the repo, its history and its
   * settings live on under {@code toId}, and every request naming {@code fromId} (API, resolve, git/LFS, any
   * method) is answered with a relative {@code 307} to the same path under the new name, until a repo is
   * created again at {@code fromId}. Fires {@link RepoListener#onMoved}.
   *
   * @param type the repository type
   * @param fromId the current repository id ({@code owner/name})
   * @param toId the new repository id ({@code owner/name})
   * @throws HubError 404 when {@code fromId} does not exist, 409 when {@code toId} does, 400 for a bad name
   */
  void move(RepoType type, String fromId, String toId);

  /**
   * Deletes a repo; false when it did not exist.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @return true if the repository existed
   */
  boolean delete(RepoType type, String repoId);
}
