package io.hf4j.testkit.internal;

/**
 * A file in a commit's tree: its size, the SHA-256 of its content (the blob store key, and the LFS oid for LFS
 * files), whether it is stored through LFS, and its git object id (blob SHA-1 of the content, or of the LFS
 * pointer).
 */
public record FileRef(long size, String sha256, boolean lfs, String gitOid) {
  public static FileRef regular(byte[] content, String sha256) {
    return new FileRef(content.length, sha256, false, Hashes.gitBlobSha1(content));
  }

  public static FileRef lfs(String sha256, long size) {
    byte[] pointer = Hashes.lfsPointer(sha256, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    return new FileRef(size, sha256, true, Hashes.gitBlobSha1(pointer));
  }

  public int pointerSize() {
    return Hashes.lfsPointer(sha256, size).length();
  }
}
