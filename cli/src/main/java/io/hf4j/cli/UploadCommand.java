package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceSdk;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.hub.CommitInfo;
import io.hf4j.hub.CreateRepoParams;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.UploadListener;
import io.hf4j.hub.UploadEvent;
import io.hf4j.hub.UploadFileParams;
import io.hf4j.hub.UploadFolderParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hf4j upload}: a file or a folder, creating the repo first when it is missing (as {@code hf upload}). */
final class UploadCommand extends BaseCommand {
  String repoId;
  Path localPath;
  @Nullable String pathInRepo;
  final RepoTypeOption typeOption = new RepoTypeOption();
  @Nullable String revision;
  List<String> include = new ArrayList<>();
  List<String> exclude = new ArrayList<>();
  List<String> delete = new ArrayList<>();
  @Nullable String commitMessage;
  @Nullable String commitDescription;
  boolean createPr;
  boolean privateRepo;
  boolean multiCommit;
  boolean noXet;

  @Override
  CommandSpec define() {
    CommandSpec spec = Model.command(this, "upload", "Upload a file or a folder to a repo (created when missing).");
    spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
    spec.addPositional(Model.positional("1", Path.class, () -> localPath, v -> localPath = v, "LOCAL_PATH",
        "A file or a folder.").build());
    spec.addPositional(Model.positional("2", String.class, () -> pathInRepo, v -> pathInRepo = v, "PATH_IN_REPO",
        "Where it goes in the repo (default: the file's name, or the root for a folder).").arity("0..1").required(false)
        .build());
    spec.addOption(typeOption.option());
    spec.addOption(Model.value(String.class, () -> revision, v -> revision = v, "R",
        "Branch to commit to (default main).", "--revision").build());
    spec.addOption(Model.list(() -> include, v -> include = v, "P",
        "Only upload files matching this glob (repeatable).", "--include"));
    spec.addOption(Model.list(() -> exclude, v -> exclude = v, "P",
        "Do not upload files matching this glob (repeatable).", "--exclude"));
    spec.addOption(Model.list(() -> delete, v -> delete = v, "P",
        "Delete remote files matching this glob (repeatable).", "--delete"));
    spec.addOption(Model.value(String.class, () -> commitMessage, v -> commitMessage = v, "M", null,
        "--commit-message").build());
    spec.addOption(Model.value(String.class, () -> commitDescription, v -> commitDescription = v, "D", null,
        "--commit-description").build());
    spec.addOption(Model.flag(() -> createPr, v -> createPr = v,
        "Open a pull request instead of committing to the branch.", "--create-pr"));
    spec.addOption(Model.flag(() -> privateRepo, v -> privateRepo = v,
        "Create the repo private when it does not exist (ignored if it exists).", "--private"));
    spec.addOption(Model.flag(() -> multiCommit, v -> multiCommit = v, "Allow a large folder to be committed in several"
        + " commits (deletions go in the last); without it the folder is one commit.", "--multi-commit"));
    spec.addOption(Model.flag(() -> noXet, v -> noXet = v,
        "Upload through Git LFS only, not through Xet storage (as HF_HUB_DISABLE_XET=1).", "--no-xet"));
    return spec;
  }

  /** The progress bars' listener (when interactive), and the Xet summary kept for the report. */
  private static UploadListener listener(@Nullable Progress progress, AtomicReference<UploadEvent.XetSummary> xet) {
    UploadListener bars = progress == null ? UploadListener.logging() : progress.uploadListener();
    return event -> {
      if (event instanceof UploadEvent.XetSummary s) xet.set(s);
      bars.onEvent(event);
    };
  }

  @Override
  public Integer call() {
    RepoId id = typeOption.of(repoId);
    if (!Files.exists(localPath)) throw new Errors.CliException("no such file or folder: " + localPath);
    boolean folder = Files.isDirectory(localPath);
    if (!folder && !(include.isEmpty() && exclude.isEmpty() && delete.isEmpty())) {
      throw new Errors.CliException("--include, --exclude and --delete apply to folders, and " + localPath + " is a file",
          Errors.USAGE);
    }
    if (!folder && multiCommit) {
      throw new Errors.CliException("--multi-commit applies to folders, and " + localPath + " is a file", Errors.USAGE);
    }
    HubClient hub = noXet ? HubClient.create(root().config().toBuilder().disableXet(true).build()) : root().hub();
    // Everything local (paths, readability, symlinks, sizes, the revision's form) is checked by the upload
    // before its first request; the repo is created only when that request finds it missing.
    CommitInfo commit;
    AtomicReference<UploadEvent.XetSummary> xet = new AtomicReference<>();
    try {
      commit = upload(hub, id, folder, xet);
    } catch (RepositoryNotFoundException e) {
      CreateRepoParams.Builder create = CreateRepoParams.builder().existOk(true).privateRepo(privateRepo);
      if (id.type().equals(RepoType.SPACE)) create.spaceSdk(SpaceSdk.GRADIO);
      hub.createRepo(id, create.build());
      commit = upload(hub, id, folder, xet);
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("commit_url", commit.commitUrl());
    data.put("oid", commit.oid());
    data.put("repo_url", commit.repoUrl());
    if (commit.prUrl() != null) data.put("pr_url", commit.prUrl());
    UploadEvent.XetSummary s = xet.get();
    if (s != null) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("files", s.files());
      x.put("bytes", s.bytes());
      x.put("deduplicated_bytes", s.bytesDeduplicated());
      x.put("new_bytes", s.bytesNew());
      x.put("sent_bytes", s.xorbBytesSent());
      data.put("xet", x);
      note(String.format(Locale.ROOT, "Xet: %d file(s), %d bytes; %d bytes deduplicated (%.1f%%), %d bytes sent",
          s.files(), s.bytes(), s.bytesDeduplicated(), s.bytes() == 0 ? 0.0 : 100.0 * s.bytesDeduplicated() / s.bytes(),
          s.xorbBytesSent()));
    }
    print(data);
    return 0;
  }

  private CommitInfo upload(HubClient hub, RepoId id, boolean folder,
      AtomicReference<UploadEvent.XetSummary> xet) {
    try (Progress progress = root().interactive() ? Progress.upload(System.err) : null) {
      if (folder) {
        UploadFolderParams.Builder p = UploadFolderParams.builder().createPr(createPr)
            .allowPatterns(include).ignorePatterns(exclude).deletePatterns(delete).multiCommit(multiCommit);
        if (pathInRepo != null) p.pathInRepo(pathInRepo);
        if (revision != null) p.revision(revision);
        if (commitMessage != null) p.commitMessage(commitMessage);
        if (commitDescription != null) p.commitDescription(commitDescription);
        p.listener(listener(progress, xet));
        return hub.uploadFolder(id, localPath, p.build());
      }
      UploadFileParams.Builder p = UploadFileParams.builder().createPr(createPr);
      if (revision != null) p.revision(revision);
      if (commitMessage != null) p.commitMessage(commitMessage);
      if (commitDescription != null) p.commitDescription(commitDescription);
      p.listener(listener(progress, xet));
      String dest = pathInRepo != null ? pathInRepo : localPath.getFileName().toString();
      return hub.uploadFile(id, localPath, dest, p.build());
    }
  }
}
