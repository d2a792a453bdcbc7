package io.hf4j.hub.internal;

import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code GET /api/{type}s/{id}/tree/{rev}?recursive=true}, as far as a snapshot download
 * needs it. Wire type, not API.
 *
 * @param type {@code file} or {@code directory}
 * @param oid git blob sha1 (of the pointer file for LFS files)
 * @param lfs present for LFS and Xet files
 */
public record SnapshotTreeEntry(
    String type, String path, @Nullable Long size, @Nullable String oid, @Nullable Lfs lfs, @Nullable String xetHash) {

  /** The LFS part of a tree entry: {@code oid} is the sha256 of the content. */
  public record Lfs(@Nullable String oid, @Nullable Long size, @Nullable Long pointerSize) {}

  public boolean isFile() {
    return "file".equals(type);
  }
}
