package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * A folder in a repo tree. Python: {@code RepoFolder}.
 *
 * @param path the path in the repo
 * @param treeId the git tree id
 * @param lastCommit the last commit touching the folder (listed with {@code expand}), else null
 */
public record RepoFolder(String path, String treeId, @Nullable LastCommitInfo lastCommit) implements RepoTreeEntry {
  /**
   * Checks the components; see the type's description.
   *
   * @param path the path in the repo
   * @param treeId the git tree id
   * @param lastCommit the last commit touching the folder (listed with {@code expand}), else null
   */
  public RepoFolder {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(treeId, "treeId == null");
  }
}
