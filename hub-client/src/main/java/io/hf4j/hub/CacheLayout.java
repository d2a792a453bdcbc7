package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repo's folder in the Hub cache, laid out exactly as the Python client lays it out so that both
 * share one cache:
 *
 * <pre>
 * &lt;cache&gt;/CACHEDIR.TAG
 * &lt;cache&gt;/.locks/models--org--name/&lt;etag&gt;.lock
 * &lt;cache&gt;/models--org--name/refs/&lt;revision&gt;            the commit sha, no newline
 * &lt;cache&gt;/models--org--name/blobs/&lt;etag&gt;                 the content
 * &lt;cache&gt;/models--org--name/blobs/&lt;etag&gt;.&lt;random&gt;.incomplete  a download in progress (one per writer)
 * &lt;cache&gt;/models--org--name/blobs/&lt;etag&gt;.resume.incomplete  a failed download kept for the next one
 * &lt;cache&gt;/models--org--name/snapshots/&lt;commit&gt;/&lt;path&gt;   relative symlink to ../../blobs/&lt;etag&gt;
 * &lt;cache&gt;/models--org--name/.no_exist/&lt;commit&gt;/&lt;path&gt;   marker: no such file at that commit
 * &lt;cache&gt;/models--org--name/trees/&lt;commit&gt;.json          the file listing of a commit
 * </pre>
 */
final class CacheLayout {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  static final Pattern COMMIT_HASH = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SAFE_ETAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=-]*");
  private static final AtomicBoolean WARNED_NO_SYMLINKS = new AtomicBoolean();
  static final String CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n"
      + "# This file is a cache directory tag created by huggingface_hub.\n"
      + "# For information about cache directory tags, see:\n"
      + "#\thttps://bford.info/cachedir/\n";

  private final Path cacheDir;
  private final String folderName;
  private final Path storage;

  private CacheLayout(Path cacheDir, String folderName) {
    this.cacheDir = cacheDir;
    this.folderName = folderName;
    this.storage = cacheDir.resolve(folderName);
  }

  static CacheLayout of(Path cacheDir, RepoId repoId) {
    return new CacheLayout(cacheDir.toAbsolutePath(), folderName(repoId));
  }

  /** {@code models--org--name}, {@code datasets--name}: Python's {@code repo_folder_name}. */
  static String folderName(RepoId repoId) {
    return repoId.type().cacheFolderPrefix() + "--" + repoId.toString().replace("/", "--");
  }

  static boolean isCommitHash(String revision) {
    return COMMIT_HASH.matcher(revision).matches();
  }

  Path storage() {
    return storage;
  }

  Path blob(String etag) {
    return storage.resolve("blobs").resolve(safeEtag(etag));
  }

  /**
   * Where a failed download of a blob is kept for the next attempt to resume; the download itself writes a partial
   * file of its own, {@code <etag>.<random>.incomplete} (see {@link DownloadTransfer#claim}).
   */
  Path incompleteBlob(String etag) {
    return storage.resolve("blobs").resolve(safeEtag(etag) + DownloadTransfer.RESUME_SUFFIX);
  }

  Path snapshot(String commit) {
    return storage.resolve("snapshots").resolve(safeEtag(commit));
  }

  /** {@code snapshots/<commit>/<path>}; {@code path} must have passed {@link #checkRelativePath}. */
  Path pointer(String commit, String path) {
    return resolveRelative(snapshot(commit), path);
  }

  Path noExist(String commit, String path) {
    return resolveRelative(storage.resolve(".no_exist").resolve(commit), path);
  }

  Path lock(String etag) {
    return cacheDir.resolve(".locks").resolve(folderName).resolve(safeEtag(etag) + ".lock");
  }

  Path trees() {
    return storage.resolve("trees");
  }

  Path ref(String revision) {
    checkRevision(revision);
    return resolveRelative(storage.resolve("refs"), revision);
  }

  /** The commit a revision resolved to when it was last downloaded, or null. */
  @Nullable String readRef(String revision) {
    Path ref = ref(revision);
    if (!Files.isRegularFile(ref)) return null;
    try {
      String commit = Files.readString(ref, StandardCharsets.UTF_8).strip();
      return commit.isEmpty() ? null : commit;
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", ref, e.toString());
      return null;
    }
  }

  /** Records {@code refs/<revision>} atomically, unless the revision is the commit itself or already recorded. */
  void writeRef(String revision, String commit) {
    if (revision.equals(commit)) return;
    if (commit.equals(readRef(revision))) return;
    Path ref = ref(revision);
    try {
      Files.createDirectories(ref.getParent());
      Path tmp = ref.resolveSibling(ref.getFileName() + "." + shortRandom() + ".tmp");
      Files.writeString(tmp, commit, StandardCharsets.UTF_8);
      moveReplacing(tmp, ref);
    } catch (IOException e) {
      throw new HfIoException("Cannot write " + ref, e);
    }
  }

  /** Creates {@code CACHEDIR.TAG} at the cache root so backup tools skip the cache. */
  void writeCachedirTag() {
    writeCachedirTag(cacheDir);
  }

  static void writeCachedirTag(Path dir) {
    Path tag = dir.resolve("CACHEDIR.TAG");
    if (Files.exists(tag)) return;
    try {
      Files.createDirectories(dir);
      Files.writeString(tag, CACHEDIR_TAG, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.debug("cannot write {}: {}", tag, e.toString());
    }
  }

  /** Marks a file as known not to exist at a commit, as Python does on a 404 EntryNotFound. Best effort. */
  void markNoExist(String commit, String path) {
    if (!isCommitHash(commit)) return;
    Path marker = noExist(commit, path);
    try {
      Files.createDirectories(marker.getParent());
      if (!Files.exists(marker)) Files.createFile(marker);
    } catch (IOException e) {
      LOG.debug("cannot cache the non-existence of {}: {}", path, e.toString());
    }
  }

  /**
   * Points {@code pointer} at {@code blob} with a relative symlink, or, when symlinks are disabled or
   * not supported, moves (a new blob) or copies (a blob other snapshots may share) the blob there.
   */
  static void link(Path blob, Path pointer, boolean newBlob, boolean disableSymlinks) {
    try {
      Files.createDirectories(pointer.getParent());
      Files.deleteIfExists(pointer);
      if (!disableSymlinks) {
        Path target = pointer.getParent().toAbsolutePath().relativize(blob.toAbsolutePath());
        try {
          Files.createSymbolicLink(pointer, target);
          return;
        } catch (FileAlreadyExistsException e) {
          // Another thread or process linked it between the delete and here.
          if (Files.isSymbolicLink(pointer) && Files.isSameFile(pointer, blob)) return;
          throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
          if (WARNED_NO_SYMLINKS.compareAndSet(false, true)) {
            LOG.warn("Symlinks are not supported in {} ({}); the cache will hold copies of files instead, "
                + "which uses more disk space. Set HF_HUB_DISABLE_SYMLINKS=1 to silence this warning.",
                pointer.getParent(), e.toString());
          }
        }
      }
      if (newBlob) {
        moveReplacing(blob, pointer);
      } else {
        Files.copy(blob, pointer, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new HfIoException("Cannot place " + blob + " at " + pointer, e);
    }
  }

  /** Renames atomically where the file system can, replacing the target. */
  static void moveReplacing(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static String shortRandom() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
  }

  /**
   * Refuses a repo path that could escape the folder it is placed in: absolute, drive or UNC paths and
   * {@code ..} segments, under both POSIX and Windows rules (Python's {@code _validate_relative_filename}).
   */
  static void checkRelativePath(String path) {
    if (path.isEmpty()) throw new HfValidationException("file path must not be empty");
    String normalized = path.replace('\\', '/');
    for (String segment : normalized.split("/", -1)) {
      if (segment.equals("..")) {
        throw new HfValidationException("Invalid filename '" + path + "': cannot contain a '..' path segment."
            + " Please ask the repository owner to rename this file.");
      }
    }
    boolean anchored = path.startsWith("/") || path.startsWith("\\");
    for (String segment : path.split("/", -1)) {
      if (segment.startsWith("\\") || (segment.length() >= 2 && Character.isLetter(segment.charAt(0)) && segment.charAt(1) == ':')) {
        anchored = true;
      }
    }
    if (anchored) {
      throw new HfValidationException("Invalid filename '" + path + "': cannot be an absolute, drive-relative or UNC path."
          + " Please ask the repository owner to rename this file.");
    }
    if (path.indexOf('\0') >= 0) throw new HfValidationException("Invalid filename '" + path + "': contains NUL");
  }

  /** A revision is also a path under {@code refs/}, so it gets the same checks. */
  static void checkRevision(String revision) {
    try {
      checkRelativePath(revision);
    } catch (HfValidationException e) {
      throw new HfValidationException("Invalid revision '" + revision + "': it must be a branch, tag, refs/pr/N or commit sha");
    }
  }

  /**
   * The etag or commit id itself when it can name a file in the cache; a name from the server that could not
   * (a path, {@code ..}, a separator) is refused before it touches the file system.
   */
  static String safeEtag(String etag) {
    if (etag == null || !isSafeEtag(etag)) {
      throw new FileMetadataException("The server named a file '" + etag + "', which cannot name a cache file;"
          + " refusing it (is HF_ENDPOINT a Hugging Face Hub?)");
    }
    return etag;
  }

  /**
   * Checks that a local path resolved from a repo path stays under {@code root}, lexically and, for the folders
   * that exist already, after following symlinks (a folder linked elsewhere must not carry a download out).
   */
  static Path checkUnder(Path root, Path resolved, String repoPath) {
    Path r = root.toAbsolutePath().normalize();
    Path p = resolved.toAbsolutePath().normalize();
    if (!p.startsWith(r) || p.equals(r)) {
      throw new HfValidationException("Invalid filename '" + repoPath + "': it resolves outside " + root);
    }
    Path existing = p.getParent();
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing != null && existing.startsWith(r)) {
      try {
        if (!existing.toRealPath().startsWith(r.toRealPath())) {
          throw new HfValidationException("Invalid filename '" + repoPath + "': " + existing
              + " is a link that leads outside " + root);
        }
      } catch (IOException e) {
        throw new HfIoException("Cannot check " + existing, e);
      }
    }
    return resolved;
  }

  /**
   * A file of a {@code localDir} download must not land in a {@code .git} folder (a crafted {@code .git/config}
   * or hook would run code in the user's checkout).
   */
  static void checkNotGitPath(String path) {
    for (String segment : path.replace('\\', '/').split("/", -1)) {
      if (segment.equalsIgnoreCase(".git")) {
        throw new HfValidationException("Invalid filename '" + path + "': refusing to download into a '.git' folder"
            + " of the local directory");
      }
    }
  }

  /** Whether an etag can name a blob file. */
  static boolean isSafeEtag(String etag) {
    return SAFE_ETAG.matcher(etag).matches() && etag.length() <= 200;
  }

  private static Path resolveRelative(Path base, String slashPath) {
    Path p = base;
    for (String segment : List.of(slashPath.split("/"))) {
      if (!segment.isEmpty() && !segment.equals(".")) p = p.resolve(segment);
    }
    if (!p.normalize().startsWith(base.normalize()) || p.equals(base)) {
      throw new HfValidationException("Invalid path '" + slashPath + "': it resolves outside " + base);
    }
    return p;
  }
}
