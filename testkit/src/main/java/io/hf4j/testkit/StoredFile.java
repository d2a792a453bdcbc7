package io.hf4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of an emulated repo at some revision.
 *
 * @param path the file's path in the repository
 * @param size the content's size in bytes
 * @param lfs whether the file is stored with LFS (or Xet) rather than as a regular git blob
 * @param gitOid the git blob id ({@code oid} in tree listings; of the pointer for LFS files)
 * @param sha256 the SHA-256 of the content (the LFS oid for LFS files)
 * @param storage where the emulator keeps the content on disk (read it with {@link #bytes()} or {@link #openStream()})
 */
public record StoredFile(String path, long size, boolean lfs, String gitOid, String sha256, Path storage) {
  /** {@return the whole content} */
  public byte[] bytes() {
    try {
      return Files.readAllBytes(storage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@return a new stream over the content, which the caller closes}
   *
   * @throws IOException when the stored content cannot be opened
   */
  public InputStream openStream() throws IOException {
    return Files.newInputStream(storage);
  }
}
