package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Map;
import java.util.Objects;

/**
 * A file in a repo tree. Python: {@code RepoFile}.
 *
 * @param path the path in the repo
 * @param size the content size (for LFS files, of the content, not the pointer)
 * @param blobId the git blob id (for LFS files, of the pointer file)
 * @param lfs LFS details, null for regular files
 * @param lastCommit the last commit touching the file (listed with {@code expand}), else null
 * @param security the security scan status (listed with {@code expand}), else empty
 * @param xetHash the Xet hash of Xet-backed files, else null
 */
public record RepoFile(
    String path,
    long size,
    String blobId,
    @Nullable BlobLfsInfo lfs,
    @Nullable LastCommitInfo lastCommit,
    Map<String, Object> security,
    @Nullable String xetHash)
    implements RepoTreeEntry {
  /**
   * Checks the components; see the type's description.
   *
   * @param path the path in the repo
   * @param size the content size (for LFS files, of the content, not the pointer)
   * @param blobId the git blob id (for LFS files, of the pointer file)
   * @param lfs LFS details, null for regular files
   * @param lastCommit the last commit touching the file (listed with {@code expand}), else null
   * @param security the security scan status (listed with {@code expand}), else empty
   * @param xetHash the Xet hash of Xet-backed files, else null
   */
  public RepoFile {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(blobId, "blobId == null");
    security = JsonObject.unmodifiable(security);
  }
}
