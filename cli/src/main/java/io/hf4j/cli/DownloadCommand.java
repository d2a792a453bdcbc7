package io.hf4j.cli;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.hub.DownloadParams;
import io.hf4j.hub.HubClient;
import io.hf4j.hub.SnapshotDownloadParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hf4j download}: one file (prints its path), some files or a whole repo (prints the folder),
 * into the cache or a local folder.
 */
final class DownloadCommand extends BaseCommand {
  String repoId;
  List<String> files = new ArrayList<>();
  final RepoTypeOption typeOption = new RepoTypeOption();
  @Nullable String revision;
  List<String> include = new ArrayList<>();
  List<String> exclude = new ArrayList<>();
  @Nullable Path localDir;
  @Nullable Path cacheDir;

  @Override
  CommandSpec define() {
    CommandSpec spec = Model.command(this, "download", "Download files of a repo and print the local path.");
    spec.addPositional(Model.positional("0", String.class, () -> repoId, v -> repoId = v, "REPO_ID").build());
    spec.addPositional(Model.positionals("1..*", "0..*", () -> files, v -> files = v, "FILE",
        "Files to download (default: all)."));
    spec.addOption(typeOption.option());
    spec.addOption(Model.value(String.class, () -> revision, v -> revision = v, "R",
        "Branch, tag or commit (default main).", "--revision").build());
    spec.addOption(Model.list(() -> include, v -> include = v, "P", "Only files matching this glob (repeatable).",
        "--include"));
    spec.addOption(Model.list(() -> exclude, v -> exclude = v, "P", "Skip files matching this glob (repeatable).",
        "--exclude"));
    spec.addOption(Model.value(Path.class, () -> localDir, v -> localDir = v, "D",
        "Download into this folder instead of the cache.", "--local-dir").build());
    spec.addOption(Model.value(Path.class, () -> cacheDir, v -> cacheDir = v, "D",
        "The cache folder (default: HF_HUB_CACHE).", "--cache-dir").build());
    return spec;
  }

  @Override
  public Integer call() {
    RepoId id = typeOption.of(repoId);
    if (files.size() == 1 && !(include.isEmpty() && exclude.isEmpty())) {
      throw new Errors.CliException("--include and --exclude apply when downloading several files", Errors.USAGE);
    }
    HubClient hub = root().hub();
    Path path;
    try (Progress progress = root().interactive() ? Progress.download(System.err) : null) {
      if (files.size() == 1) {
        DownloadParams.Builder p = DownloadParams.builder();
        if (revision != null) p.revision(revision);
        if (localDir != null) p.localDir(localDir);
        if (cacheDir != null) p.cacheDir(cacheDir);
        if (progress != null) p.listener(progress.downloadListener());
        path = hub.hfHubDownload(id, files.get(0), p.build());
      } else {
        SnapshotDownloadParams.Builder p = SnapshotDownloadParams.builder();
        if (revision != null) p.revision(revision);
        if (localDir != null) p.localDir(localDir);
        if (cacheDir != null) p.cacheDir(cacheDir);
        // Named files join the allow list, as in `hf download REPO a b`.
        List<String> allow = new ArrayList<>(files);
        allow.addAll(include);
        if (!allow.isEmpty()) p.allowPatterns(allow);
        if (!exclude.isEmpty()) p.ignorePatterns(exclude);
        if (progress != null) p.listener(progress.downloadListener());
        path = hub.snapshotDownload(id, p.build());
      }
      if (progress != null) progress.finish();
    }
    if (root().format == Output.Format.json) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("path", path.toAbsolutePath());
      print(data);
    } else {
      out().println(path.toAbsolutePath());
      out().flush();
    }
    return 0;
  }
}
