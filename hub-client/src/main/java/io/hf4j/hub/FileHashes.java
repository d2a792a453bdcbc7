package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The content hashes by which the Hub identifies a file, computed over a local file the way an upload
 * computes them (streamed with a 1 MiB buffer, never the whole file in memory): the sha256 of an LFS
 * file's content ({@link BlobLfsInfo#sha256()}, the LFS oid) and the git blob sha1 of a regular file
 * ({@link RepoFile#blobId()}). Compare a local file with a repo's copy without downloading it, e.g.
 * {@code FileHashes.sha256(path).equals(repoFile.lfs().sha256())}.
 * Python: {@code huggingface_hub.utils.sha.sha_fileobj} and {@code git_hash}.
 */
public final class FileHashes {
  private FileHashes() {}

  /**
   * The lowercase hex sha256 of a file's content (for an LFS file, its oid).
   *
   * @param file the local file
   * @return the lowercase hex sha256 of a file's content (for an LFS file, its oid)
   * @throws HfIoException when the file cannot be read, or changes size while it is read
   */
  public static String sha256(Path file) {
    UploadItem item = item(file);
    try {
      return Hashing.sha256(item, done -> { }, new CallTracker());
    } catch (IOException e) {
      throw new HfIoException("Cannot hash " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The lowercase hex git blob sha1 of a file: {@code sha1("blob <size>\0" + content)}, the blob id git
   * (and the Hub, for a regular file) gives it.
   *
   * @param file the local file
   * @return the lowercase hex git blob sha1 of a file: {
   * @throws HfIoException when the file cannot be read, or changes size while it is read
   */
  public static String gitBlobSha1(Path file) {
    UploadItem item = item(file);
    try {
      return Hashing.gitSha1(item, done -> { }, new CallTracker());
    } catch (IOException e) {
      throw new HfIoException("Cannot hash " + file + ": " + e.getMessage(), e);
    }
  }

  private static UploadItem item(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      if (Files.isDirectory(file)) throw new IOException("it is a directory");
      return UploadItem.ofFile(file.toString(), file, Files.size(file));
    } catch (NoSuchFileException e) {
      throw new HfIoException("Cannot hash " + file + ": no such file", e);
    } catch (IOException e) {
      throw new HfIoException("Cannot hash " + file + ": " + e.getMessage(), e);
    }
  }
}
