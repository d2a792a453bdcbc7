package io.hf4j.hub;

import com.squareup.moshi.JsonReader;
import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfOfflineException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.internal.WorkGroup;
import io.hf4j.core.internal.BoundedBody;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.Pagination;
import io.hf4j.core.internal.Redaction;
import io.hf4j.core.internal.UrlEncoding;
import io.hf4j.hub.internal.SnapshotTreeEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hfHubDownload} and {@code snapshotDownload}: files from the Hub into the cache shared with the
 * Python client, or into a plain folder. Thread-safe; holds no per-call state.
 */
final class Downloader {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);

  private final DownloadHttp http;
  private final HfConfig config;
  private final XetDownloads xet;

  Downloader(HfHttp http) {
    this.http = new DownloadHttp(Objects.requireNonNull(http, "http == null"));
    this.config = http.config();
    this.xet = new XetDownloads(new HubApi(http));
  }

  /** One file to place, with everything decided before the work starts. */
  private record FileJob(
      RepoId repoId,
      RepoType repoType,
      String revision,
      String path,
      boolean force,
      boolean localOnly,
      Path cacheDir,
      @Nullable Path localDir,
      DownloadProgress progress,
      CancellationToken cancel,
      @Nullable FileMetadata known,
      @Nullable String gitBlobSha1) {}

  /**
   * Downloads one file, or finds it in the cache, and returns its local path: {@code
   * snapshots/<commit>/<path>} in the cache, or {@code <localDir>/<path>}. Python: {@code hf_hub_download}.
   */
  Path hfHubDownload(RepoId repoId, String filename, DownloadParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(filename, "filename == null");
    Objects.requireNonNull(params, "params == null");
    String path = params.subfolder() == null ? filename : params.subfolder() + "/" + filename;
    CacheLayout.checkRelativePath(path);
    if (params.localDir() != null) CacheLayout.checkNotGitPath(path);
    CacheLayout.checkRevision(params.revision());
    checkForce(params.forceDownload());
    FileJob job = new FileJob(repoId, repoId.type(), params.revision(), path, params.forceDownload(),
        params.localFilesOnly(), params.cacheDir() != null ? params.cacheDir() : config.hubCache(), params.localDir(),
        DownloadProgress.of(params.listener()), CancellationToken.create(), null, null);
    String what = "Download of '" + path + "' from " + repoId.toPrefixedString();
    Runnable unhook = follow(params.cancellationToken(), job.cancel(), what);
    try {
      return place(job);
    } catch (DownloadTransfer.DownloadCancelledException e) {
      throw cancelled(what);
    } finally {
      unhook.run();
    }
  }

  /**
   * Downloads every file of a revision matching the patterns, in parallel, and returns the snapshot
   * folder (or the local folder). Python: {@code snapshot_download}.
   */
  Path snapshotDownload(RepoId repoId, SnapshotDownloadParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    String revision = params.revision();
    CacheLayout.checkRevision(revision);
    checkForce(params.forceDownload());
    CancellationToken user = params.cancellationToken();
    if (user != null && user.isCancelled()) throw cancelled("Snapshot download of " + repoId.toPrefixedString());
    RepoType type = repoId.type();
    Path cacheDir = params.cacheDir() != null ? params.cacheDir() : config.hubCache();
    CacheLayout cache = CacheLayout.of(cacheDir, repoId);
    Path localDir = params.localDir();
    Path treeFolder = localDir != null ? localDir.resolve(".cache").resolve("huggingface") : cache.storage();
    FilePatterns patterns = FilePatterns.of(params.allowPatterns(), params.ignorePatterns());
    boolean localOnly = params.localFilesOnly() || config.offline();

    String commit = CacheLayout.isCommitHash(revision) ? revision : null;
    HfException apiError = null;
    if (commit == null && !localOnly) {
      try {
        commit = resolveRevision(repoId, type, revision, false);
      } catch (RevisionNotFoundException e) {
        throw e;
      } catch (HfException e) {
        if (!isFallbackError(e)) throw e;
        apiError = e;
      }
      if (apiError != null && isRetryable(apiError) && !params.forceDownload() && cachedSnapshot(cache, localDir, revision) == null) {
        LOG.info("The Hub did not answer and nothing is cached; retrying");
        try {
          commit = resolveRevision(repoId, type, revision, true);
          apiError = null;
        } catch (RevisionNotFoundException e) {
          throw e;
        } catch (HfException e) {
          if (!isFallbackError(e)) throw e;
          apiError = e;
        }
      }
    }

    if (commit == null || localOnly) {
      if (params.forceDownload() && apiError != null) throw apiError;
      if (commit == null) commit = cache.readRef(revision);
      if (commit != null && localDir == null && Files.isDirectory(cache.snapshot(commit))) {
        checkComplete(treeFolder, commit, cache.snapshot(commit), patterns, repoId, revision);
        return cache.snapshot(commit);
      }
      if (localDir != null && isNonEmptyDirectory(localDir)) {
        if (commit != null) checkComplete(treeFolder, commit, localDir, patterns, repoId, revision);
        LOG.warn("Returning the existing folder {} as the Hub could not be asked ({})", localDir,
            apiError != null ? apiError.getMessage() : "offline");
        return realPath(localDir);
      }
      String what = "No snapshot of " + type + " " + repoId + " at revision '" + revision + "' is in the local cache";
      if (params.localFilesOnly()) {
        throw new CacheMissException(what + " and localFilesOnly is set. Unset it to download from the Hub.");
      }
      if (config.offline()) {
        throw new CacheMissException(what + " and offline mode is on (HF_HUB_OFFLINE). Unset HF_HUB_OFFLINE to download it.");
      }
      throw cacheMissOrOriginal(Objects.requireNonNull(apiError), what);
    }

    Map<String, SnapshotTreeCache.TreeFile> tree = SnapshotTreeCache.read(treeFolder, commit);
    if (tree == null) {
      tree = listTree(repoId, type, commit);
      if (!tree.containsValue(null)) SnapshotTreeCache.write(treeFolder, commit, tree);
    }
    List<String> files = new ArrayList<>();
    long totalBytes = 0;
    for (Map.Entry<String, SnapshotTreeCache.TreeFile> e : tree.entrySet()) {
      if (!patterns.matches(e.getKey())) continue;
      CacheLayout.checkRelativePath(e.getKey());
      if (localDir != null) CacheLayout.checkNotGitPath(e.getKey());
      files.add(e.getKey());
      if (e.getValue() != null) totalBytes += e.getValue().contentSize();
    }
    if (!revision.equals(commit)) {
      // Python records refs/<revision> in the cache also for a localDir snapshot (_snapshot_download.py).
      try {
        cache.writeRef(revision, commit);
      } catch (HfIoException e) {
        LOG.warn("Ignored error while writing commit hash to refs/{}: {}", revision, e.getMessage());
      }
    }

    DownloadProgress progress = DownloadProgress.of(params.listener());
    String what = "Snapshot download of " + repoId.toPrefixedString();
    CancellationToken cancel = CancellationToken.create();
    Runnable unhook = follow(params.cancellationToken(), cancel, what);
    progress.started(files.size(), totalBytes);
    List<FileJob> jobs = new ArrayList<>(files.size());
    for (String path : files) {
      SnapshotTreeCache.TreeFile f = tree.get(path);
      FileMetadata known = f == null ? null
          : new FileMetadata(commit, f.etag(), resolveUrl(repoId, type, commit, path).toString(), f.contentSize(),
              f.lfsSha256() != null ? XetDownloads.validHash(f.xetHash()) : null);
      String gitSha1 = f != null && f.lfsSha256() == null ? f.blobId() : null;
      jobs.add(new FileJob(repoId, type, commit, path, params.forceDownload(), false, cacheDir, localDir, progress,
          cancel, known, gitSha1));
    }
    try {
      runAll(jobs, params.concurrency(), cancel);
    } catch (DownloadTransfer.DownloadCancelledException e) {
      throw cancelled(what);
    } finally {
      unhook.run();
    }

    if (localDir != null) {
      try {
        Files.createDirectories(localDir);
      } catch (IOException e) {
        throw new HfIoException("Cannot create " + localDir, e);
      }
      return realPath(localDir);
    }
    Path snapshot = cache.snapshot(commit);
    try {
      Files.createDirectories(snapshot);
    } catch (IOException e) {
      throw new HfIoException("Cannot create " + snapshot, e);
    }
    return snapshot;
  }

  /**
   * The metadata of a file from a {@code HEAD} on its resolve URL, retried. Python: {@code get_hf_file_metadata}.
   *
   * @throws FileMetadataException if the answer lacks the Hub's headers
   */
  FileMetadata fileMetadata(RepoId repoId, String path, RepoType repoType, String revision) {
    CacheLayout.checkRelativePath(path);
    DownloadHttp.Head head = http.head(resolveUrl(repoId, repoType, revision, path), true, h -> {});
    FileMetadata m = parseMetadata(head, path);
    return new FileMetadata(m.commitHash(), m.etag(), m.location(), m.size(), head.headers().get("X-Xet-Hash"));
  }

  private void checkForce(boolean force) {
    if (force && config.offline()) {
      throw new io.hf4j.core.HfValidationException("forceDownload cannot be used while offline mode is on (HF_HUB_OFFLINE)");
    }
  }

  private Path place(FileJob job) {
    return job.localDir() != null ? toLocalDir(job) : toCache(job);
  }

  private Path toCache(FileJob job) {
    CacheLayout cache = CacheLayout.of(job.cacheDir(), job.repoId());
    String revision = job.revision();
    String path = job.path();
    if (CacheLayout.isCommitHash(revision) && !job.force()) {
      Path pointer = cache.pointer(revision, path);
      if (Files.exists(pointer)) return completed(job, pointer, true);
    }

    FileMetadata meta = job.known();
    if (meta == null) {
      HfException headError;
      try {
        meta = headMetadata(job, cache, false);
        headError = null;
      } catch (HfException e) {
        headError = e;
      }
      if (headError != null) {
        if (!job.force()) {
          String commit = CacheLayout.isCommitHash(revision) ? revision : cache.readRef(revision);
          if (commit != null) {
            Path pointer = cache.pointer(commit, path);
            if (Files.exists(pointer)) return completed(job, pointer, true);
          }
          if (isRetryable(headError)) {
            LOG.info("'{}' is not in the local cache; asking the Hub again", path);
            try {
              meta = headMetadata(job, cache, true);
              headError = null;
            } catch (HfException e) {
              headError = e;
            }
          }
        }
        if (headError != null) throw onHeadError(headError, job);
      }
    }
    Objects.requireNonNull(meta);

    Path blob = cache.blob(meta.etag());
    Path pointer = cache.pointer(meta.commitHash(), path);
    if (!job.force() && Files.exists(pointer)) {
      try {
        cache.writeRef(revision, meta.commitHash());
      } catch (HfIoException e) {
        LOG.debug("cannot update refs/{} (read-only cache?): {}", revision, e.getMessage());
      }
      return completed(job, pointer, true);
    }
    cache.writeCachedirTag();
    cache.writeRef(revision, meta.commitHash());
    boolean symlinksOff = config.disableSymlinks();
    CacheLock lock = CacheLock.acquire(cache.lock(meta.etag()));
    try {
      if (!job.force() && Files.exists(blob)) {
        if (!Files.exists(pointer)) CacheLayout.link(blob, pointer, false, symlinksOff);
        return completed(job, pointer, true);
      }
      fetch(job, meta, cache.incompleteBlob(meta.etag()), blob);
      CacheLayout.link(blob, pointer, true, symlinksOff);
    } finally {
      lock.close();
    }
    return completed(job, pointer, false);
  }

  private Path toLocalDir(FileJob job) {
    Path localDir = Objects.requireNonNull(job.localDir());
    String path = job.path();
    String revision = job.revision();
    DownloadLocalDir.Paths paths = DownloadLocalDir.paths(localDir, path);
    CacheLock lock = CacheLock.acquire(paths.lock());
    try {
      DownloadLocalDir.Metadata local = DownloadLocalDir.read(paths);
      boolean exists = Files.isRegularFile(paths.file());
      if (!job.force() && exists && local != null && CacheLayout.isCommitHash(revision) && local.commitHash().equals(revision)) {
        return completed(job, paths.file(), true);
      }

      FileMetadata meta = job.known();
      if (meta == null) {
        HfException headError;
        try {
          meta = headMetadata(job, null, false);
          headError = null;
        } catch (HfException e) {
          headError = e;
        }
        if (headError != null) {
          if (!job.force() && exists) {
            LOG.warn("Could not ask the Hub whether '{}' changed; using the existing {} ({})", path, paths.file(),
                headError.getMessage());
            return completed(job, paths.file(), true);
          }
          if (!job.force() && isRetryable(headError)) {
            try {
              meta = headMetadata(job, null, true);
              headError = null;
            } catch (HfException e) {
              headError = e;
            }
          }
          if (headError != null) throw onHeadError(headError, job);
        }
      }
      Objects.requireNonNull(meta);

      if (!job.force() && exists) {
        if (local != null && local.etag().equals(meta.etag())) {
          DownloadLocalDir.write(paths, meta.commitHash(), meta.etag());
          return completed(job, paths.file(), true);
        }
        if (local == null && meta.isLfs() && meta.etag().equals(sha256Hex(paths.file()))) {
          DownloadLocalDir.write(paths, meta.commitHash(), meta.etag());
          return completed(job, paths.file(), true);
        }
      }
      if (!job.force()) {
        Path cached = CacheLayout.of(job.cacheDir(), job.repoId()).pointer(meta.commitHash(), path);
        if (Files.exists(cached)) {
          try {
            Files.copy(cached, paths.file(), StandardCopyOption.REPLACE_EXISTING);
          } catch (IOException e) {
            throw new HfIoException("Cannot copy " + cached + " to " + paths.file(), e);
          }
          DownloadLocalDir.write(paths, meta.commitHash(), meta.etag());
          return completed(job, paths.file(), true);
        }
      }
      try {
        Files.deleteIfExists(paths.file());
      } catch (IOException e) {
        throw new HfIoException("Cannot replace " + paths.file(), e);
      }
      fetch(job, meta, paths.incomplete(meta.etag()), paths.file());
      DownloadLocalDir.write(paths, meta.commitHash(), meta.etag());
      return completed(job, paths.file(), false);
    } finally {
      lock.close();
    }
  }

  // ---------------------------------------------------------------- Xet branch

  /** Xet reconstruction when the Hub announced a Xet hash (and Xet is on), else the HTTP transfer. */
  private void fetch(FileJob job, FileMetadata meta, Path incomplete, Path destination) {
    if (meta.xetHash() != null && meta.isLfs() && !config.disableXet()) {
      xet.download(job.repoId(), meta, job.path(), incomplete, destination, job.progress(), job.cancel()::isCancelled);
      return;
    }
    transfer(job).download(downloadUrl(meta), incomplete, destination, meta, job.path(), job.gitBlobSha1());
  }

  private DownloadTransfer transfer(FileJob job) {
    return new DownloadTransfer(http, job.progress(), job.cancel());
  }

  private static Path completed(FileJob job, Path local, boolean fromCache) {
    job.progress().completed(job.path(), local, fromCache);
    return local;
  }

  /** The HEAD of a job, or the reason it could not be made (offline, localFilesOnly) as an exception. */
  private FileMetadata headMetadata(FileJob job, @Nullable CacheLayout cache, boolean retry) {
    if (job.localOnly()) throw new HfOfflineException("localFilesOnly is set");
    if (config.offline()) throw new HfOfflineException("offline mode is on (HF_HUB_OFFLINE)");
    HttpUrl url = resolveUrl(job.repoId(), job.repoType(), job.revision(), job.path());
    DownloadHttp.Head head = http.head(url, retry, headers -> {
      if (cache == null || !"EntryNotFound".equals(headers.get("X-Error-Code"))) return;
      String commit = headers.get("X-Repo-Commit");
      if (commit == null || !CacheLayout.isCommitHash(commit)) return;
      cache.markNoExist(commit, job.path());
      try {
        cache.writeRef(job.revision(), commit);
      } catch (HfIoException e) {
        LOG.debug("cannot record refs/{}: {}", job.revision(), e.getMessage());
      }
    });
    return parseMetadata(head, job.path());
  }

  static FileMetadata parseMetadata(DownloadHttp.Head head, String path) {
    Headers h = head.headers();
    String commit = h.get("X-Repo-Commit");
    if (commit == null || commit.isBlank()) {
      throw new FileMetadataException("The answer to HEAD " + Redaction.path(head.url()) + " has no X-Repo-Commit header:"
          + " the server does not seem to be a Hugging Face Hub. A proxy or firewall may be in the way; check the"
          + " proxy settings and the endpoint (HF_ENDPOINT).");
    }
    commit = commit.strip();
    if (!CacheLayout.isSafeEtag(commit)) {
      throw new FileMetadataException("The X-Repo-Commit header of HEAD " + Redaction.path(head.url()) + " is not a commit id");
    }
    String linked = h.get("X-Linked-Etag");
    String etag = normalizeEtag(linked != null ? linked : h.get("ETag"));
    if (etag == null || etag.isEmpty()) {
      throw new FileMetadataException("The answer to HEAD " + Redaction.path(head.url()) + " has no ETag, so '" + path
          + "' cannot be cached reliably.");
    }
    if (!CacheLayout.isSafeEtag(etag)) {
      throw new FileMetadataException("The ETag of '" + path + "' cannot name a cache file");
    }
    Long size = parseLong(h.get("X-Linked-Size"));
    if (size == null && !head.isRedirect()) size = parseLong(h.get("Content-Length"));
    if (size == null || size < 0) {
      throw new FileMetadataException("The answer to HEAD " + Redaction.path(head.url()) + " has no file size"
          + " (X-Linked-Size or Content-Length).");
    }
    String location = h.get("Location");
    HttpUrl target = location != null ? head.url().resolve(location) : head.url();
    if (target == null) {
      throw new FileMetadataException("The Location of HEAD " + Redaction.path(head.url()) + " is not a URL");
    }
    return new FileMetadata(commit, etag, target.toString(), size, XetDownloads.validHash(h.get("X-Xet-Hash")));
  }

  /** Python's {@code _normalize_etag}: drops a weak {@code W/} prefix and the quotes. */
  static @Nullable String normalizeEtag(@Nullable String etag) {
    if (etag == null) return null;
    String e = etag.strip();
    if (e.startsWith("W/")) e = e.substring(2);
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
    return e;
  }

  private static @Nullable Long parseLong(@Nullable String v) {
    if (v == null) return null;
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static HttpUrl downloadUrl(FileMetadata meta) {
    HttpUrl url = HttpUrl.parse(meta.location());
    if (url == null) throw new FileMetadataException("Not a download URL: " + meta.location());
    return url;
  }

  /** {@code {E}/{prefix}{id}/resolve/{rev}/{path}}, the revision encoded as one segment, the path keeping its slashes. */
  HttpUrl resolveUrl(RepoId repoId, RepoType type, String revision, String path) {
    return http.hfHttp().url(type.urlPrefix() + repoId + "/resolve/" + UrlEncoding.revision(revision) + "/" + UrlEncoding.path(path));
  }

  private String resolveRevision(RepoId repoId, RepoType type, String revision, boolean retry) {
    HttpUrl url = http.hfHttp().url("api/" + type.apiSegment() + "/" + repoId + "/revision/" + UrlEncoding.revision(revision));
    Request.Builder builder = new Request.Builder().url(url).get();
    try (Response response = http.api(builder, retry)) {
      String sha = null;
      try (JsonReader reader = JsonReader.of(
          BoundedBody.limit(response.body(), BoundedBody.MAX_JSON_BYTES).source())) {
        reader.beginObject();
        while (reader.hasNext()) {
          if (reader.nextName().equals("sha") && reader.peek() == JsonReader.Token.STRING) sha = reader.nextString();
          else reader.skipValue();
        }
        reader.endObject();
      }
      if (sha == null || !CacheLayout.isCommitHash(sha)) {
        throw new HfException("GET " + Redaction.path(url) + " returned no commit sha for revision '" + revision + "'");
      }
      return sha;
    } catch (IOException e) {
      throw http.ioFailure(new Request.Builder().url(url).build(), e);
    } catch (com.squareup.moshi.JsonDataException e) {
      throw new HfException("Unexpected JSON from GET " + Redaction.path(url) + ": " + e.getMessage(), e);
    }
  }

  /** Every file at a commit; a value is null when the listing lacks what skipping the HEAD needs. */
  private Map<String, SnapshotTreeCache.TreeFile> listTree(RepoId repoId, RepoType type, String commit) {
    HttpUrl first = http.hfHttp().url("api/" + type.apiSegment() + "/" + repoId + "/tree/" + UrlEncoding.revision(commit)
        + "?recursive=true&expand=false");
    Map<String, SnapshotTreeCache.TreeFile> files = new LinkedHashMap<>();
    try (Stream<SnapshotTreeEntry> entries = Pagination.stream(http.hfHttp(), first, SnapshotTreeEntry.class,
        b -> b.header(DownloadHttp.DOWNLOAD_COUNTER, "1"))) {
      entries.filter(SnapshotTreeEntry::isFile).forEach(e -> {
        if (e.path() == null) throw new FileMetadataException("The file listing of " + repoId + " has an entry without a path");
        try {
          files.put(e.path(), SnapshotTreeCache.TreeFile.of(e));
        } catch (IllegalArgumentException bad) {
          throw new FileMetadataException("The file listing of " + repoId + " at " + commit + " is not usable: '"
              + e.path() + "' has " + bad.getMessage() + "; nothing was downloaded");
        }
      });
    }
    return files;
  }

  private @Nullable Path cachedSnapshot(CacheLayout cache, @Nullable Path localDir, String revision) {
    if (localDir != null) return isNonEmptyDirectory(localDir) ? localDir : null;
    String commit = cache.readRef(revision);
    if (commit == null) return null;
    Path snapshot = cache.snapshot(commit);
    return Files.isDirectory(snapshot) ? snapshot : null;
  }

  /** Python's {@code _raise_if_incomplete_snapshot}: a cached listing proves whether files are missing. */
  private static void checkComplete(Path treeFolder, String commit, Path base, FilePatterns patterns, RepoId repoId,
      String revision) {
    Map<String, SnapshotTreeCache.TreeFile> tree = SnapshotTreeCache.read(treeFolder, commit);
    if (tree == null) return;
    List<String> missing = new ArrayList<>();
    for (String path : tree.keySet()) {
      if (!patterns.matches(path)) continue;
      Path p = base;
      for (String s : path.split("/")) p = p.resolve(s);
      if (!Files.exists(p)) missing.add(path);
    }
    if (!missing.isEmpty()) {
      throw new CacheMissException("The cached snapshot of " + repoId + " at revision '" + revision + "' (" + base
          + ") is incomplete: " + missing.size() + " requested file(s) missing, for example '" + missing.get(0)
          + "'. Download it again with the Hub reachable.");
    }
  }

  /**
   * Places every job, at most {@code maxWorkers} at once, on the configuration's executor with the calling thread
   * taking part (a busy executor slows the download down, never blocks it). The first failure stops the others.
   */
  private void runAll(List<FileJob> jobs, int maxWorkers, CancellationToken cancel) {
    if (jobs.isEmpty()) return;
    int workers = Math.min(maxWorkers, jobs.size());
    if (workers == 1) {
      for (FileJob job : jobs) {
        if (cancel.isCancelled()) throw new DownloadTransfer.DownloadCancelledException(job.path());
        place(job);
      }
      return;
    }
    Throwable failure = null;
    boolean interrupted = false;
    try (WorkGroup group = new WorkGroup(config.executor())) {
      WorkGroup.Lane lane = group.lane(workers);
      AtomicReference<Throwable> first = new AtomicReference<>();
      AtomicInteger left = new AtomicInteger(jobs.size());
      for (FileJob job : jobs) {
        lane.supply(() -> {
          if (cancel.isCancelled()) throw new DownloadTransfer.DownloadCancelledException(job.path());
          return place(job);
        }).whenComplete((p, e) -> {
          if (e != null) first.compareAndSet(null, e);
          left.decrementAndGet();
          group.signal();
        });
      }
      try {
        group.helpUntil(() -> left.get() == 0 || first.get() != null || cancel.isCancelled(), () -> { }, 50);
      } catch (InterruptedException e) {
        interrupted = true;
        failure = new CancelledException("Snapshot download interrupted; nothing partial was kept, run it again to complete it", e);
      }
      if (failure == null) failure = first.get();
      if (failure != null && !(failure instanceof CancelledException) && CallTracker.causedByInterrupt(failure)) {
        // The calling thread takes part in the work: an interrupt it took inside a transfer ends that transfer
        // with an I/O error; it is still the caller's cancellation.
        interrupted = true;
        failure = new CancelledException("Snapshot download interrupted; nothing partial was kept, run it again to complete it");
      }
      if (failure == null && Thread.currentThread().isInterrupted()) {
        interrupted = true;
        failure = new CancelledException("Snapshot download interrupted; nothing partial was kept, run it again to complete it");
      }
      // Cancelling closes the other transfers in flight; the workers delete their partial files before the group
      // has waited for them.
      if (failure != null || cancel.isCancelled()) cancel.cancel();
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
    if (failure == null && cancel.isCancelled()) failure = new DownloadTransfer.DownloadCancelledException(jobs.get(0).path());
    if (failure instanceof RuntimeException r) throw r;
    if (failure instanceof Error err) throw err;
    if (failure != null) throw new HfException("Snapshot download failed: " + failure, failure);
  }

  /**
   * Links the caller's token (if any) to the download's own: cancelling it cancels the download, closing the
   * transfers in flight. Fails at once when the caller's token is cancelled already. Returns the unhook.
   */
  private static Runnable follow(@Nullable CancellationToken user, CancellationToken own, String what) {
    if (user == null) return () -> {};
    if (user.isCancelled()) throw cancelled(what);
    return user.onCancel(own::cancel);
  }

  private static CancelledException cancelled(String what) {
    return new CancelledException(what + " cancelled; nothing partial was kept, run it again to complete it");
  }

  private static boolean isFallbackError(HfException e) {
    return (e instanceof HfHttpException && !(e instanceof RevisionNotFoundException) && !(e instanceof EntryNotFoundException))
        || e instanceof HfIoException || e instanceof HfOfflineException || e instanceof FileMetadataException;
  }

  private static boolean isRetryable(HfException e) {
    if (e instanceof HfIoException io) return !(io.getCause() instanceof InterruptedIOException) || io.getCause() instanceof java.net.SocketTimeoutException;
    return e instanceof HfHttpException h && RETRYABLE_STATUS.contains(h.statusCode());
  }

  /** What to throw when the Hub could not be asked and the cache does not hold the file (Python's {@code _raise_on_head_call_error}). */
  private HfException onHeadError(HfException headError, FileJob job) {
    if (!isFallbackError(headError)) return headError;
    if (job.force()) return headError;
    String what = "'" + job.path() + "' of " + job.repoType() + " " + job.repoId() + " at revision '" + job.revision()
        + "' is not in the local cache";
    if (job.localOnly()) {
      return new CacheMissException(what + " and localFilesOnly is set. Unset it to download from the Hub.");
    }
    if (config.offline()) {
      return new CacheMissException(what + " and offline mode is on (HF_HUB_OFFLINE). Unset HF_HUB_OFFLINE to download it.");
    }
    return cacheMissOrOriginal(headError, what);
  }

  private static HfException cacheMissOrOriginal(HfException error, String what) {
    if (error instanceof RepositoryNotFoundException || (error instanceof HfHttpException h && h.statusCode() == 401)) {
      return error;
    }
    return new CacheMissException(what + ", and the Hub could not be asked: " + error.getMessage()
        + ". Check your connection and try again.", error);
  }

  private static String sha256Hex(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) sha.update(buf, 0, n);
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isNonEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) return false;
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  private static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      return dir.toAbsolutePath().normalize();
    }
  }
}
