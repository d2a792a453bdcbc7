package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Deleting files and folders, as commits. */
final class RepoFiles {
  private final HubClient client;

  RepoFiles(HubClient client) {
    this.client = client;
  }

  CommitInfo deleteFile(RepoId repoId, String pathInRepo, DeleteFilesParams params) {
    String path = RepoPaths.file(pathInRepo, "pathInRepo");
    return commit(repoId, List.of(CommitOperation.delete(path)), params, "Delete " + path + " with huggingface_hub");
  }

  CommitInfo deleteFolder(RepoId repoId, String pathInRepo, DeleteFilesParams params) {
    CommitOperation.Delete op = new CommitOperation.Delete(pathInRepo, true);
    String shown = op.pathInRepo().substring(0, op.pathInRepo().length() - 1);
    return commit(repoId, List.of(op), params, "Delete folder " + shown + " with huggingface_hub");
  }

  /**
   * Deletes the files matching any pattern (exact paths, globs, {@code folder/}); {@code .gitattributes} is
   * kept. Nothing matches: a validation error naming the patterns, and no commit.
   */
  CommitInfo deleteFiles(RepoId repoId, List<String> patterns, DeleteFilesParams params) {
    Objects.requireNonNull(patterns, "deletePatterns == null");
    if (patterns.isEmpty()) throw new HfValidationException("deletePatterns must not be empty");
    for (String p : patterns) HfValidation.nonBlank(p, "delete pattern");
    FilePatterns match = FilePatterns.of(patterns, List.of());
    RepoRefParams.Builder ref = RepoRefParams.builder();
    ref.revision(params.revision() == null ? "main" : params.revision());
    List<CommitOperation> ops = new ArrayList<>();
    client.listRepoFiles(repoId, ref.build()).forEach(f -> {
      if (!f.equals(".gitattributes") && match.matches(f)) ops.add(CommitOperation.delete(f));
    });
    if (ops.isEmpty()) {
      throw new HfValidationException("No file of " + repoId + " matches " + patterns + ": nothing to delete");
    }
    return commit(repoId, ops, params, "Delete files " + String.join(" ", patterns) + " with huggingface_hub");
  }

  private CommitInfo commit(RepoId repoId, List<? extends CommitOperation> ops, DeleteFilesParams params, String dflt) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    CreateCommitParams.Builder b = CreateCommitParams.builder()
        .commitDescription(params.commitDescription()).createPr(params.createPr());
    if (params.revision() != null) b.revision(params.revision());
    if (params.parentCommit() != null) b.parentCommit(params.parentCommit());
    String message = params.commitMessage() == null ? dflt : params.commitMessage();
    return client.createCommit(repoId, ops, message, b.build());
  }
}
