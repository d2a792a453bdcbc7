package io.hf4j.hub;

import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a {@code localDir} download, as the Python client names them ({@code _local_folder.py}):
 *
 * <pre>
 * &lt;localDir&gt;/&lt;path&gt;                                                  the file
 * &lt;localDir&gt;/.cache/huggingface/download/&lt;path&gt;.metadata              commit, etag, unix time
 * &lt;localDir&gt;/.cache/huggingface/download/&lt;path&gt;.lock
 * &lt;localDir&gt;/.cache/huggingface/download/&lt;dir&gt;/&lt;b64(sha1(name))&gt;.&lt;etag&gt;.&lt;random&gt;.incomplete  (one per writer)
 * &lt;localDir&gt;/.cache/huggingface/download/&lt;dir&gt;/&lt;b64(sha1(name))&gt;.&lt;etag&gt;.resume.incomplete  kept for a resume
 * </pre>
 */
final class DownloadLocalDir {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");

  /** One file's paths. */
  record Paths(Path file, Path metadata, Path lock) {
    Path incomplete(String etag) {
      return metadata.resolveSibling(shortHash(metadata.getFileName().toString()) + "." + etag
          + DownloadTransfer.RESUME_SUFFIX);
    }
  }

  /** What the metadata file says. */
  record Metadata(String commitHash, String etag, double timestamp) {}

  private DownloadLocalDir() {}

  /** {@code localDir/.cache/huggingface}, created with its {@code .gitignore} and {@code CACHEDIR.TAG}. */
  static Path huggingfaceDir(Path localDir) {
    Path dir = localDir.resolve(".cache").resolve("huggingface");
    try {
      Files.createDirectories(dir);
      Path gitignore = dir.resolve(".gitignore");
      if (!Files.exists(gitignore)) Files.writeString(gitignore, "*", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HfIoException("Cannot create " + dir, e);
    }
    CacheLayout.writeCachedirTag(dir);
    return dir;
  }

  /** The paths of {@code path} (already validated), with their parent folders created. */
  static Paths paths(Path localDir, String path) {
    Path file = localDir;
    Path metadata = huggingfaceDir(localDir).resolve("download");
    List<String> segments = List.of(path.split("/"));
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if (s.isEmpty() || s.equals(".")) continue;
      file = file.resolve(s);
      metadata = metadata.resolve(i == segments.size() - 1 ? s + ".metadata" : s);
    }
    String name = metadata.getFileName().toString();
    Path lock = metadata.resolveSibling(name.substring(0, name.length() - ".metadata".length()) + ".lock");
    CacheLayout.checkUnder(localDir, file, path);
    CacheLayout.checkUnder(localDir, metadata, path);
    try {
      Files.createDirectories(file.getParent());
      Files.createDirectories(metadata.getParent());
    } catch (IOException e) {
      throw new HfIoException("Cannot create the folders of " + file, e);
    }
    return new Paths(file, metadata, lock);
  }

  /**
   * The metadata of a file, or null when there is none, it is unreadable (then it is deleted), or the
   * file changed after it was written (mtime more than 1 s past the recorded time).
   */
  static @Nullable Metadata read(Paths paths) {
    if (!Files.isRegularFile(paths.metadata())) return null;
    Metadata metadata;
    try {
      List<String> lines = Files.readAllLines(paths.metadata(), StandardCharsets.UTF_8);
      metadata = new Metadata(lines.get(0).strip(), lines.get(1).strip(), Double.parseDouble(lines.get(2).strip()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Invalid metadata file {}: {}. Removing it and continuing.", paths.metadata(), e.toString());
      try {
        Files.deleteIfExists(paths.metadata());
      } catch (IOException ignored) {
        // Left for the next writer to overwrite.
      }
      return null;
    }
    try {
      double mtime = Files.getLastModifiedTime(paths.file()).toMillis() / 1000.0;
      if (mtime - 1 <= metadata.timestamp()) return metadata;
      LOG.info("Ignored metadata for '{}' (outdated).", paths.file());
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Writes {@code commit\netag\ntimestamp\n}. The timestamp is wall-clock time, compared with the file's
   * mtime by whichever client reads it next, so it must not come from an injected clock.
   */
  static void write(Paths paths, String commitHash, String etag) {
    long nowMillis = System.currentTimeMillis();
    String timestamp = String.format(Locale.ROOT, "%d.%03d", nowMillis / 1000, nowMillis % 1000);
    try {
      Files.writeString(paths.metadata(), commitHash + "\n" + etag + "\n" + timestamp + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HfIoException("Cannot write " + paths.metadata(), e);
    }
  }

  /** Python's {@code _short_hash}: url-safe base64 of the sha1 of the name, padding kept. */
  static String shortHash(String name) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
