package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.Redaction;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * What the Hub says about one file at a revision, from a {@code HEAD} on its {@code /resolve/} URL.
 * Python: {@code HfFileMetadata}.
 *
 * @param commitHash the 40-hex commit the revision resolved to ({@code X-Repo-Commit})
 * @param etag the normalized ETag: git blob sha1 for regular files, sha256 of the content for LFS files
 *     ({@code X-Linked-Etag}, else {@code ETag}); the blob's name in the cache
 * @param location the URL to download from: a storage URL for LFS files, else the resolve URL
 * @param size the file size in bytes ({@code X-Linked-Size}, else {@code Content-Length})
 * @param xetHash the Xet hash of a Xet-backed file ({@code X-Xet-Hash}, or {@code xetHash} in the tree), else null:
 *     such files are downloaded through the Xet reconstruction API unless Xet is off
 */
public record FileMetadata(String commitHash, String etag, String location, long size, @Nullable String xetHash) {
  /**
   * Checks the components; see the type's description.
   *
   * @param commitHash the 40-hex commit the revision resolved to ({@code X-Repo-Commit})
   * @param etag the normalized ETag: git blob sha1 for regular files, sha256 of the content for LFS files ({@code X-Linked-Etag}, else {@code ETag}); the blob's name in the cache
   * @param location the URL to download from: a storage URL for LFS files, else the resolve URL
   * @param size the file size in bytes ({@code X-Linked-Size}, else {@code Content-Length})
   * @param xetHash the Xet hash of a Xet-backed file ({@code X-Xet-Hash}, or {@code xetHash} in the tree), else null: such files are downloaded through the Xet reconstruction API unless Xet is off
   */
  public FileMetadata {
    Objects.requireNonNull(commitHash, "commitHash == null");
    Objects.requireNonNull(etag, "etag == null");
    Objects.requireNonNull(location, "location == null");
  }

  /**
   * Metadata of a file that is not Xet-backed (or whose Xet hash is unknown).
   *
   * @param commitHash the commit hash
   * @param etag the etag
   * @param location the location
   * @param size the size
   */
  public FileMetadata(String commitHash, String etag, String location, long size) {
    this(commitHash, etag, location, size, null);
  }

  /** Never shows the location's query string in full: presigned storage URLs carry signatures there. */
  @Override
  public String toString() {
    HttpUrl url = HttpUrl.parse(location);
    return "FileMetadata[commitHash=" + commitHash + ", etag=" + etag + ", location="
        + (url == null ? "?" : Redaction.url(url)) + ", size=" + size + (xetHash == null ? "" : ", xetHash=" + xetHash)
        + "]";
  }

  /**
   * Whether the etag is a sha256 of the content, as it is for LFS and Xet files.
   *
   * @return whether the etag is a sha256 of the content, as it is for LFS and Xet files
   */
  public boolean isLfs() {
    return etag.length() == 64 && etag.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }
}
