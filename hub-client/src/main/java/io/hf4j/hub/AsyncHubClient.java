package io.hf4j.hub;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.AsyncCall;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The long calls of a {@link HubClient} as {@link CompletableFuture}s, run on the configuration's {@linkplain
 * io.hf4j.core.HfConfig#executor() executor}; get one with {@link HubClient#async()}.
 *
 * <pre>{@code
 * CompletableFuture<CommitInfo> upload = hub.async().uploadFolder(repo, folder);
 * upload.thenAccept(commit -> log.info("committed {}", commit.oid()));
 * upload.cancel(true); // cancels the upload: the future completes with CancelledException
 * }</pre>
 *
 * <p>Each method rejects null arguments, starts the call and returns; it throws {@link
 * io.hf4j.core.ConfigClosedException} at once when the configuration is closed. The future completes with the
 * result of the blocking method of the same name, or with its exception (bad input included). {@code cancel(...)} on a returned future cancels
 * the call (through a {@link CancellationToken} linked to the one in the params, if any, and an interrupt of the
 * thread running it): the future completes at once with {@link io.hf4j.core.CancelledException}, the call stops
 * shortly after and keeps what it completed (commits that landed, files already in the cache). Many calls may run
 * at once on a small executor: each call's parallel work runs on its own calling thread when no other is free.
 * Thread-safe; holds no state of its own.
 */
public final class AsyncHubClient {
  private final HubClient hub;

  AsyncHubClient(HubClient hub) {
    this.hub = hub;
  }

  /** {@return the blocking client this view runs} */
  public HubClient sync() {
    return hub;
  }

  /**
   * {@link HubClient#createCommit(RepoId, List, String)} on the executor.
   *
   * @return the commit made, or the head when nothing changed
   * @param repoId the repo (its type included)
   * @param operations the files to add, copy or delete
   * @param commitMessage the commit title
   */
  public CompletableFuture<CommitInfo> createCommit(RepoId repoId, List<? extends CommitOperation> operations,
      String commitMessage) {
    return createCommit(repoId, operations, commitMessage, CreateCommitParams.defaults());
  }

  /**
   * {@link HubClient#createCommit(RepoId, List, String, CreateCommitParams)} on the executor.
   *
   * @return the commit made, or the head when nothing changed
   * @param repoId the repo (its type included)
   * @param operations the files to add, copy or delete
   * @param commitMessage the commit title
   * @param params the options of the call
   */
  public CompletableFuture<CommitInfo> createCommit(RepoId repoId, List<? extends CommitOperation> operations,
      String commitMessage, CreateCommitParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(operations, "operations == null");
    Objects.requireNonNull(params, "params == null");
    List<? extends CommitOperation> ops = List.copyOf(operations);
    return start("createCommit", params.cancellationToken(), token ->
        hub.createCommit(repoId, ops, commitMessage, params.toBuilder().cancellationToken(token).build()));
  }

  /**
   * {@link HubClient#uploadFile(RepoId, Path, String)} on the executor.
   *
   * @return the commit made, or the head when the file was unchanged
   * @param repoId the repo (its type included)
   * @param file the local file
   * @param pathInRepo where the file goes in the repo
   */
  public CompletableFuture<CommitInfo> uploadFile(RepoId repoId, Path file, String pathInRepo) {
    return uploadFile(repoId, file, pathInRepo, UploadFileParams.defaults());
  }

  /**
   * {@link HubClient#uploadFile(RepoId, Path, String, UploadFileParams)} on the executor.
   *
   * @return the commit made, or the head when the file was unchanged
   * @param repoId the repo (its type included)
   * @param file the local file
   * @param pathInRepo where the file goes in the repo
   * @param params the options of the call
   */
  public CompletableFuture<CommitInfo> uploadFile(RepoId repoId, Path file, String pathInRepo,
      UploadFileParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(pathInRepo, "pathInRepo == null");
    Objects.requireNonNull(params, "params == null");
    return start("uploadFile", params.cancellationToken(), token ->
        hub.uploadFile(repoId, file, pathInRepo, params.toBuilder().cancellationToken(token).build()));
  }

  /**
   * {@link HubClient#uploadFolder(RepoId, Path)} on the executor.
   *
   * @return the last commit made, or the head when nothing changed
   * @param repoId the repo (its type included)
   * @param folder the local folder
   */
  public CompletableFuture<CommitInfo> uploadFolder(RepoId repoId, Path folder) {
    return uploadFolder(repoId, folder, UploadFolderParams.defaults());
  }

  /**
   * {@link HubClient#uploadFolder(RepoId, Path, UploadFolderParams)} on the executor.
   *
   * @return the last commit made, or the head when nothing changed
   * @param repoId the repo (its type included)
   * @param folder the local folder
   * @param params the options of the call
   */
  public CompletableFuture<CommitInfo> uploadFolder(RepoId repoId, Path folder, UploadFolderParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(folder, "folder == null");
    Objects.requireNonNull(params, "params == null");
    return start("uploadFolder", params.cancellationToken(), token ->
        hub.uploadFolder(repoId, folder, params.toBuilder().cancellationToken(token).build()));
  }

  /**
   * {@link HubClient#hfHubDownload(RepoId, String)} on the executor.
   *
   * @return the downloaded file
   * @param repoId the repo (its type included)
   * @param filename the file's path in the repo
   */
  public CompletableFuture<Path> hfHubDownload(RepoId repoId, String filename) {
    return hfHubDownload(repoId, filename, DownloadParams.defaults());
  }

  /**
   * {@link HubClient#hfHubDownload(RepoId, String, DownloadParams)} on the executor.
   *
   * @return the downloaded file
   * @param repoId the repo (its type included)
   * @param filename the file's path in the repo
   * @param params the options of the call
   */
  public CompletableFuture<Path> hfHubDownload(RepoId repoId, String filename, DownloadParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(filename, "filename == null");
    Objects.requireNonNull(params, "params == null");
    return start("hfHubDownload", params.cancellationToken(), token ->
        hub.hfHubDownload(repoId, filename, params.toBuilder().cancellationToken(token).build()));
  }

  /**
   * {@link HubClient#snapshotDownload(RepoId)} on the executor.
   *
   * @return the snapshot folder
   * @param repoId the repo (its type included)
   */
  public CompletableFuture<Path> snapshotDownload(RepoId repoId) {
    return snapshotDownload(repoId, SnapshotDownloadParams.defaults());
  }

  /**
   * {@link HubClient#snapshotDownload(RepoId, SnapshotDownloadParams)} on the executor.
   *
   * @return the snapshot folder
   * @param repoId the repo (its type included)
   * @param params the options of the call
   */
  public CompletableFuture<Path> snapshotDownload(RepoId repoId, SnapshotDownloadParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    return start("snapshotDownload", params.cancellationToken(), token ->
        hub.snapshotDownload(repoId, params.toBuilder().cancellationToken(token).build()));
  }

  private <T> CompletableFuture<T> start(String what, @Nullable CancellationToken theirs,
      Function<CancellationToken, T> call) {
    return AsyncCall.start(hub.config(), what, theirs, call);
  }
}
