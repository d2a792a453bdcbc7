package io.hf4j.testkit.spi;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.RepoView;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Programmatic access to the emulated repos (for modules and for seeding tests). */
public interface Repos {
  @Nullable RepoView find(RepoType type, String repoId);

  /** Every repo of a type, by id. */
  List<RepoView> list(RepoType type);

  /**
   * Creates a repo with the Hub's initial commit ({@code .gitattributes}, plus {@code README.md} for Spaces).
   * {@code attributes} are kept as the repo's type-specific fields (e.g. {@code sdk}). Fires
   * {@link RepoListener#onCreated} with the attributes.
   *
   * @throws HubError 409 when it exists
   */
  RepoView create(RepoType type, String repoId, boolean isPrivate, Map<String, Object> attributes);

  /**
   * Commits on a branch: adds or replaces files (regular or LFS as the repo's {@code .gitattributes} and the LFS
   * threshold decide) and deletes paths. Fires the commit listeners. Returns the commit id.
   */
  String commit(RepoType type, String repoId, String branch, String title, Map<String, byte[]> files, Set<String> deletions);

  /** Sets (or replaces) a type-specific field of a repo; {@code null} removes it. */
  void setAttribute(RepoType type, String repoId, String name, Object value);

  /**
   * Moves (renames) a repo, as the Hub's {@code POST /api/repos/move} does: the repo, its history and its
   * settings live on under {@code toId}, and every request naming {@code fromId} (API, resolve, git/LFS, any
   * method) is answered with a relative {@code 307} to the same path under the new name, until a repo is
   * created again at {@code fromId}. Fires {@link RepoListener#onMoved}.
   *
   * @throws HubError 404 when {@code fromId} does not exist, 409 when {@code toId} does, 400 for a bad name
   */
  void move(RepoType type, String fromId, String toId);

  /** Deletes a repo; false when it did not exist. */
  boolean delete(RepoType type, String repoId);
}
