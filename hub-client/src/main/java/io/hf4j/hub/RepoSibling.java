package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * A file listed in a repo's info ({@code siblings}). Size, blob id and LFS details are only present
 * when the info was asked with {@link RepoInfoParams.Builder#filesMetadata}. Python: {@code RepoSibling}.
 *
 * @param rfilename the file's path in the repo
 * @param size its size
 * @param blobId its git blob id
 * @param lfs its LFS details, for LFS files
 */
public record RepoSibling(String rfilename, @Nullable Long size, @Nullable String blobId, @Nullable BlobLfsInfo lfs) {
  /**
   * Checks the components; see the type's description.
   *
   * @param rfilename the file's path in the repo
   * @param size its size
   * @param blobId its git blob id
   * @param lfs its LFS details, for LFS files
   */
  public RepoSibling {
    Objects.requireNonNull(rfilename, "rfilename == null");
  }

  static RepoSibling from(JsonObject o) {
    JsonObject lfs = o.object("lfs");
    return new RepoSibling(o.requireString("rfilename", "siblings"), o.longValue("size"), o.string("blobId"),
        lfs == null ? null : BlobLfsInfo.from(lfs));
  }
}
