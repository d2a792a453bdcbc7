package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One change in a commit made with {@link HubClient#createCommit}: add a file, delete a file or a
 * folder, or copy a file already in the repo. Paths are checked when the operation is built: relative,
 * {@code /}-separated, no {@code ..} segment, nothing under {@code .git/} or {@code .cache/}.
 *
 * <pre>{@code
 * List<CommitOperation> ops = List.of(
 *     CommitOperation.add("weights/model.safetensors", Path.of("out/model.safetensors")),
 *     CommitOperation.add("README.md", "# Demo\n".getBytes(UTF_8)),
 *     CommitOperation.deleteFolder("old-checkpoints/"),
 *     CommitOperation.copy("config.json", "backup/config.json"));
 * }</pre>
 *
 * Python: {@code CommitOperationAdd}, {@code CommitOperationDelete}, {@code CommitOperationCopy}.
 */
public sealed interface CommitOperation permits CommitOperation.Add, CommitOperation.Delete, CommitOperation.Copy {
  /**
   * The path in the repo this operation writes or removes.
   *
   * @return the path in the repo this operation writes or removes
   */
  String pathInRepo();

  /**
   * Adds (or replaces) {@code pathInRepo} with the content of a local file, read when uploading.
   *
   * @param pathInRepo the path in the repo
   * @param file the local file
   * @return adds (or replaces) {
   */
  static Add add(String pathInRepo, Path file) {
    return new Add(pathInRepo, Objects.requireNonNull(file, "file == null"), null);
  }

  /**
   * Adds (or replaces) {@code pathInRepo} with these bytes (copied).
   *
   * @param pathInRepo the path in the repo
   * @param content the bytes
   * @return adds (or replaces) {
   */
  static Add add(String pathInRepo, byte[] content) {
    return new Add(pathInRepo, null, Objects.requireNonNull(content, "content == null"));
  }

  /**
   * Deletes a file, or a folder when the path ends with {@code /}.
   *
   * @param pathInRepo the path in the repo
   * @return the delete
   */
  static Delete delete(String pathInRepo) {
    Objects.requireNonNull(pathInRepo, "pathInRepo == null");
    return new Delete(pathInRepo, pathInRepo.endsWith("/"));
  }

  /**
   * Deletes a folder and everything below it.
   *
   * @param pathInRepo the path in the repo
   * @return the delete folder
   */
  static Delete deleteFolder(String pathInRepo) {
    return new Delete(pathInRepo, true);
  }

  /**
   * Copies a file of the target revision to another path of the same repo.
   *
   * @param srcPathInRepo the path copied from
   * @param pathInRepo the path in the repo
   * @return copies a file of the target revision to another path of the same repo
   */
  static Copy copy(String srcPathInRepo, String pathInRepo) {
    return new Copy(srcPathInRepo, pathInRepo, null);
  }

  /**
   * Copies a file as it is at {@code srcRevision} to another path of the same repo.
   *
   * @param srcPathInRepo the path copied from
   * @param pathInRepo the path in the repo
   * @param srcRevision the revision copied from, or null for the head
   * @return copies a file as it is at {
   */
  static Copy copy(String srcPathInRepo, String pathInRepo, String srcRevision) {
    return new Copy(srcPathInRepo, pathInRepo, Objects.requireNonNull(srcRevision, "srcRevision == null"));
  }

  /**
   * Adds a file. Exactly one of {@code file} and {@code content} is set.
   *
   * @param pathInRepo where the file goes
   * @param file a local file, read when uploading (never whole into memory)
   * @param content bytes to upload
   */
  record Add(String pathInRepo, @Nullable Path file, byte @Nullable [] content) implements CommitOperation {
    /**
     * Checks the components; see the type's description.
     *
     * @param pathInRepo where the file goes
     * @param file a local file, read when uploading (never whole into memory)
     * @param content bytes to upload
     */
    public Add {
      pathInRepo = RepoPaths.file(pathInRepo, "pathInRepo");
      if ((file == null) == (content == null)) {
        throw new HfValidationException("An add operation needs either a file or content, not both or neither");
      }
      if (content != null) content = content.clone();
    }

    /**
     * A copy of the bytes to upload, or null when the content comes from {@link #file()}.
     *
     * @return a copy of the bytes to upload, or null when the content comes from {
     */
    @Override
    public byte @Nullable [] content() {
      return content == null ? null : content.clone();
    }

    /** The bytes without copying, for the upload itself. */
    byte @Nullable [] contentUnsafe() {
      return content;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Add a && a.pathInRepo.equals(pathInRepo) && Objects.equals(a.file, file)
          && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
      return Objects.hash(pathInRepo, file, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
      return "Add[" + pathInRepo + (file != null ? " <- " + file : " <- " + content.length + " bytes") + "]";
    }
  }

  /**
   * Deletes a file or, when {@code isFolder}, a folder and its content.
   *
   * @param pathInRepo the path; a folder path may end with {@code /}
   * @param isFolder whether the path is a folder
   */
  record Delete(String pathInRepo, boolean isFolder) implements CommitOperation {
    /**
     * Checks the components; see the type's description.
     *
     * @param pathInRepo the path; a folder path may end with {@code /}
     * @param isFolder whether the path is a folder
     */
    public Delete {
      pathInRepo = isFolder ? RepoPaths.fileOrFolder(pathInRepo, "pathInRepo") : RepoPaths.file(pathInRepo, "pathInRepo");
      if (isFolder && !pathInRepo.endsWith("/")) pathInRepo = pathInRepo + "/";
    }
  }

  /**
   * Copies a file inside the repo. LFS files are copied on the server; regular files are downloaded and
   * committed again, as the Python client does.
   *
   * @param srcPathInRepo the file to copy
   * @param pathInRepo the destination
   * @param srcRevision the revision to copy from, null for the commit's target revision
   */
  record Copy(String srcPathInRepo, String pathInRepo, @Nullable String srcRevision) implements CommitOperation {
    /**
     * Checks the components; see the type's description.
     *
     * @param srcPathInRepo the file to copy
     * @param pathInRepo the destination
     * @param srcRevision the revision to copy from, null for the commit's target revision
     */
    public Copy {
      srcPathInRepo = RepoPaths.file(srcPathInRepo, "srcPathInRepo");
      pathInRepo = RepoPaths.file(pathInRepo, "pathInRepo");
      if (srcRevision != null && srcRevision.isBlank()) throw new HfValidationException("srcRevision must not be blank");
    }
  }
}
