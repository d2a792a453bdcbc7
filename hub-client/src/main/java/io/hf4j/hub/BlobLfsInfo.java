package io.hf4j.hub;

import java.util.Objects;

/**
 * LFS details of a file stored through LFS or Xet. Python: {@code BlobLfsInfo}.
 *
 * @param sha256 the sha256 of the content (the {@code lfs.oid} of tree entries, {@code lfs.sha256} of siblings)
 * @param size the content size
 * @param pointerSize the size of the git pointer file
 */
public record BlobLfsInfo(String sha256, long size, long pointerSize) {
  /**
   * Checks the components; see the type's description.
   *
   * @param sha256 the sha256 of the content (the {@code lfs.oid} of tree entries, {@code lfs.sha256} of siblings)
   * @param size the content size
   * @param pointerSize the size of the git pointer file
   */
  public BlobLfsInfo {
    Objects.requireNonNull(sha256, "sha256 == null");
  }

  static BlobLfsInfo from(JsonObject lfs) {
    String sha = lfs.string("sha256") != null ? lfs.string("sha256") : lfs.string("oid");
    Long size = lfs.longValue("size");
    Long pointer = lfs.longValue("pointerSize");
    return new BlobLfsInfo(sha == null ? "" : sha, size == null ? 0 : size, pointer == null ? 0 : pointer);
  }
}
