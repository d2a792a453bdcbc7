package io.hf4j.testkit.spi;

import io.hf4j.core.RepoType;
import java.util.Map;

/** Told when a repo is created (with the creation request's JSON fields), deleted or moved. */
public interface RepoListener {
  /**
   * A repo was created. {@code request} holds every field of the {@code /api/repos/create} body (e.g.
   * {@code sdk}, {@code hardware}, {@code secrets}, {@code variables}, {@code storage}, {@code sleepTimeSeconds}
   * for Spaces); empty for repos created programmatically.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @param request the create request's JSON body
   */
  default void onCreated(RepoType type, String repoId, Map<String, Object> request) {}

  /**
   * Called after a repository was deleted.
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   */
  default void onDeleted(RepoType type, String repoId) {}

  /**
   * Called after a repository was renamed.
   *
   * @param type the repository type
   * @param fromId the former repository id
   * @param toId the new repository id
   */
  default void onMoved(RepoType type, String fromId, String toId) {}
}
