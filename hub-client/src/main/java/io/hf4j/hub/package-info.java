/**
 * The Hugging Face Hub client: {@link io.hf4j.hub.HubClient} creates, inspects and deletes repos,
 * uploads files and folders, and downloads into the cache the Python client shares. A repo is named by an
 * {@link io.hf4j.core.RepoId} that carries its type; no call takes a separate repo type.
 *
 * <pre>{@code
 * HubClient hub = HubClient.create(HfConfig.fromEnv());
 * RepoId repo = RepoId.dataset("acme/demo-dataset");
 * hub.createRepo(repo, CreateRepoParams.builder().existOk(true).build());
 * CommitInfo commit = hub.uploadFolder(repo, Path.of("data"), UploadFolderParams.builder()
 *     .ignorePatterns("*.tmp")
 *     .listener(event -> {
 *       if (event instanceof UploadEvent.Committed c) System.out.println("committed " + c.files() + " files");
 *     })
 *     .build());
 * }</pre>
 *
 * <p>Uploads are resumable by calling them again: files whose content the Hub already has (by git
 * blob sha1 or LFS sha256) are neither sent nor committed again. Large folders are committed in several
 * commits of adaptive size; a commit is never posted twice. Uploads and downloads take a {@link
 * io.hf4j.core.CancellationToken}; cancelling throws {@link io.hf4j.core.CancelledException}.
 */
@NullMarked
package io.hf4j.hub;

import org.jspecify.annotations.NullMarked;
