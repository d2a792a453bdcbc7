package io.hf4j.hub;

import java.time.Duration;
import java.util.Objects;

/**
 * What an upload reports to its {@link UploadListener}. Match the records with {@code instanceof}
 * or a {@code switch} on the type; new event types may be added later, so keep a default branch.
 *
 * <p>Order for one file: {@link HashProgress} (zero or more, the last with {@code bytesHashed ==
 * size}), then {@link FileSkipped}, or {@link UploadProgress} and {@link FileUploaded} (LFS files
 * only), then the {@link Committed} event of the commit that holds it.
 */
public sealed interface UploadEvent
    permits UploadEvent.Planned,
        UploadEvent.HashProgress,
        UploadEvent.UploadProgress,
        UploadEvent.FileUploaded,
        UploadEvent.FileSkipped,
        UploadEvent.Committed,
        UploadEvent.Finished,
        UploadEvent.XetFileStored,
        UploadEvent.XetSummary {

  /** Why a file was not committed. */
  enum SkipReason {
    /** The Hub's {@code .gitignore} rules exclude it ({@code shouldIgnore}). */
    IGNORED,
    /** The same content is already at that path on the revision. */
    UNCHANGED
  }

  /**
   * The files were listed and checked locally; nothing was sent yet.
   *
   * @param files files to upload (after patterns)
   * @param bytes their total size
   * @param deletions files or folders to delete
   */
  record Planned(int files, long bytes, int deletions) implements UploadEvent {}

  /**
   * Hashing progress of one file (sha256 for LFS files, git sha1 to detect an unchanged regular file).
   *
   * @param path the path in the repo
   * @param bytesHashed bytes hashed so far; equal to {@code size} when the file is done
   * @param size the file size
   */
  record HashProgress(String path, long bytesHashed, long size) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path in the repo
     * @param bytesHashed bytes hashed so far; equal to {@code size} when the file is done
     * @param size the file size
     */
    public HashProgress {
      Objects.requireNonNull(path, "path == null");
    }
  }

  /**
   * Bytes of one LFS file sent to storage so far (all parts together for a multipart upload).
   *
   * @param path the path in the repo
   * @param bytesUploaded bytes acknowledged so far
   * @param size the file size
   */
  record UploadProgress(String path, long bytesUploaded, long size) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path in the repo
     * @param bytesUploaded bytes acknowledged so far
     * @param size the file size
     */
    public UploadProgress {
      Objects.requireNonNull(path, "path == null");
    }
  }

  /**
   * An LFS file's content is on the Hub's storage.
   *
   * @param path the path in the repo
   * @param size the file size
   * @param alreadyPresent true when the storage had it already and no byte was sent
   */
  record FileUploaded(String path, long size, boolean alreadyPresent) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path in the repo
     * @param size the file size
     * @param alreadyPresent true when the storage had it already and no byte was sent
     */
    public FileUploaded {
      Objects.requireNonNull(path, "path == null");
    }
  }

  /**
   * A file will not be committed.
   *
   * @param path the path in the repo
   * @param reason why
   */
  record FileSkipped(String path, SkipReason reason) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path in the repo
     * @param reason why
     */
    public FileSkipped {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /**
   * A commit landed on the Hub.
   *
   * @param commit the commit
   * @param files files added or changed by this commit
   * @param bytes their total size
   * @param part 1 for the first commit of the call, 2 for the next...
   * @param intermediate true for a part of a multi-commit upload that is not the last: the repo is
   *     between states (later parts, and the deletions, which ride the last part, have not landed)
   */
  record Committed(CommitInfo commit, int files, long bytes, int part, boolean intermediate) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param commit the commit
     * @param files files added or changed by this commit
     * @param bytes their total size
     * @param part 1 for the first commit of the call, 2 for the next...
     * @param intermediate true for a part of a multi-commit upload that is not the last: the repo is between states (later parts, and the deletions, which ride the last part, have not landed)
     */
    public Committed {
      Objects.requireNonNull(commit, "commit == null");
    }

    /**
     * A commit that leaves the repo in its final state (a single commit, or the last part).
     *
     * @param commit the commit
     * @param files the files
     * @param bytes the bytes
     * @param part the part
     */
    public Committed(CommitInfo commit, int files, long bytes, int part) {
      this(commit, files, bytes, part, false);
    }
  }

  /**
   * The call completed.
   *
   * @param commit the last commit, or the revision's head when nothing changed
   * @param commits commits created (0 when nothing changed)
   * @param filesCommitted files added or changed
   * @param filesSkipped files ignored or unchanged
   * @param bytesHashed bytes read to hash
   * @param bytesUploaded bytes sent to LFS storage
   * @param elapsed wall time of the call
   */
  record Finished(
      CommitInfo commit,
      int commits,
      int filesCommitted,
      int filesSkipped,
      long bytesHashed,
      long bytesUploaded,
      Duration elapsed)
      implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param commit the last commit, or the revision's head when nothing changed
     * @param commits commits created (0 when nothing changed)
     * @param filesCommitted files added or changed
     * @param filesSkipped files ignored or unchanged
     * @param bytesHashed bytes read to hash
     * @param bytesUploaded bytes sent to LFS storage
     * @param elapsed wall time of the call
     */
    public Finished {
      Objects.requireNonNull(commit, "commit == null");
      Objects.requireNonNull(elapsed, "elapsed == null");
    }
  }

  /**
   * A file went through Xet storage: it was chunked, and only the chunks the server did not have yet were packed
   * into xorbs to send (followed by {@link FileUploaded}). Its xorbs may still be on their way; every one is stored
   * before the commit that names the file.
   *
   * @param path the path in the repo
   * @param size the file size
   * @param bytesDeduplicated bytes of chunks already stored (on the server, earlier in this upload, or by an
   *     earlier interrupted run), not sent again
   * @param bytesNew bytes of chunks to send (uncompressed)
   */
  record XetFileStored(String path, long size, long bytesDeduplicated, long bytesNew) implements UploadEvent {
    /**
     * Checks the components; see the type's description.
     *
     * @param path the path in the repo
     * @param size the file size
     * @param bytesDeduplicated bytes of chunks already stored (on the server, earlier in this upload, or by an earlier interrupted run), not sent again
     * @param bytesNew bytes of chunks sent (uncompressed)
     */
    public XetFileStored {
      Objects.requireNonNull(path, "path == null");
    }
  }

  /**
   * What the Xet transfer of a call sent, before its {@link Finished} event.
   *
   * @param files files stored through Xet
   * @param bytes their total size
   * @param bytesDeduplicated bytes not sent because the server (or this upload) already had their chunks
   * @param bytesNew bytes of new chunks (uncompressed)
   * @param xorbBytesSent serialized (compressed) xorb bytes sent to the CAS server
   * @param xorbsSent xorbs uploaded
   * @param shardsSent shards uploaded
   */
  record XetSummary(int files, long bytes, long bytesDeduplicated, long bytesNew, long xorbBytesSent, int xorbsSent,
      int shardsSent) implements UploadEvent {}
}
