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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hf4j download}: one file (prints its path), some files or a whole repo (prints the folder),
 * into the cache or a local folder.
 */
@Command(name = "download", description = "Download files of a repo and print the local path.")
final class DownloadCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "REPO_ID")
  String repoId;

  @Parameters(index = "1..*", paramLabel = "FILE", arity = "0..*", description = "Files to download (default: all).")
  List<String> files = new ArrayList<>();

  @Mixin
  RepoTypeOption typeOption = new RepoTypeOption();

  @Option(names = "--revision", paramLabel = "R", description = "Branch, tag or commit (default main).")
  @Nullable String revision;

  @Option(names = "--include", paramLabel = "P", description = "Only files matching this glob (repeatable).")
  List<String> include = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "P", description = "Skip files matching this glob (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--local-dir", paramLabel = "D", description = "Download into this folder instead of the cache.")
  @Nullable Path localDir;

  @Option(names = "--cache-dir", paramLabel = "D", description = "The cache folder (default: HF_HUB_CACHE).")
  @Nullable Path cacheDir;

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
