package io.hf4j.hub;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import org.jspecify.annotations.Nullable;
import io.hf4j.hub.internal.SnapshotTreeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import okio.BufferedSink;
import okio.BufferedSource;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file listing of a commit, cached in {@code <folder>/trees/<commit>.json} in the Python client's
 * format ({@code _tree_cache.py}, format version 1), so that either client can reuse the other's listing
 * and tell a complete snapshot from an interrupted one without the network. A commit never changes, so
 * the listing never goes stale.
 *
 * <pre>{@code
 * {"format_version": 1, "files": {"config.json": {"size": 519, "blob_id": "<sha1>"},
 *   "model.safetensors": {"size": 1234, "blob_id": "<sha1>", "lfs_sha256": "<sha256>", "lfs_size": 1234}}}
 * }</pre>
 */
final class SnapshotTreeCache {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.hub");
  private static final int FORMAT_VERSION = 1;

  /** One file of a listing. */
  record TreeFile(long size, String blobId, @Nullable String lfsSha256, @Nullable Long lfsSize, @Nullable String xetHash) {
    private static final java.util.regex.Pattern SHA1 = java.util.regex.Pattern.compile("[0-9a-f]{40}");
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** Every name from the server is checked to its format: blob names and checksums come from these fields. */
    TreeFile {
      if (size < 0 || (lfsSize != null && lfsSize < 0)) throw new IllegalArgumentException("negative size");
      if (blobId == null || !SHA1.matcher(blobId).matches()) {
        throw new IllegalArgumentException("oid '" + blobId + "' is not a git object id");
      }
      if (lfsSha256 != null && !SHA256.matcher(lfsSha256).matches()) {
        throw new IllegalArgumentException("lfs.oid '" + lfsSha256 + "' is not a sha256");
      }
      if (xetHash != null && !SHA256.matcher(xetHash).matches()) {
        throw new IllegalArgumentException("xetHash '" + xetHash + "' is not a Xet hash");
      }
    }

    static @Nullable TreeFile of(SnapshotTreeEntry e) {
      if (!e.isFile() || e.oid() == null || e.size() == null) return null;
      String lfsOid = e.lfs() == null ? null : e.lfs().oid();
      Long lfsSize = e.lfs() == null ? null : e.lfs().size();
      return new TreeFile(e.size(), e.oid(), lfsOid, lfsOid == null ? null : (lfsSize != null ? lfsSize : e.size()), e.xetHash());
    }

    /** The etag the {@code /resolve} HEAD would report: the sha256 for LFS files, else the git blob sha1. */
    String etag() {
      return lfsSha256 != null ? lfsSha256 : blobId;
    }

    long contentSize() {
      return lfsSize != null ? lfsSize : size;
    }
  }

  private SnapshotTreeCache() {}

  static Path path(Path folder, String commit) {
    return folder.resolve("trees").resolve(commit + ".json");
  }

  /** The cached listing, or null when absent, of another format, or corrupt. */
  static @Nullable Map<String, TreeFile> read(Path folder, String commit) {
    Path file = path(folder, commit);
    if (!Files.isRegularFile(file)) return null;
    try (BufferedSource source = Okio.buffer(Okio.source(file)); JsonReader reader = JsonReader.of(source)) {
      Integer version = null;
      Map<String, TreeFile> files = null;
      reader.beginObject();
      while (reader.hasNext()) {
        switch (reader.nextName()) {
          case "format_version":
            version = reader.nextInt();
            break;
          case "files":
            files = readFiles(reader);
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
      if (version == null || version != FORMAT_VERSION || files == null) return null;
      return files;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring corrupted tree cache file {}: {}", file, e.toString());
      return null;
    }
  }

  private static Map<String, TreeFile> readFiles(JsonReader reader) throws IOException {
    Map<String, TreeFile> files = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String path = reader.nextName();
      Long size = null;
      String blobId = null;
      String lfsSha256 = null;
      Long lfsSize = null;
      String xetHash = null;
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.skipValue();
          continue;
        }
        switch (name) {
          case "size":
            size = reader.nextLong();
            break;
          case "blob_id":
            blobId = reader.nextString();
            break;
          case "lfs_sha256":
            lfsSha256 = reader.nextString();
            break;
          case "lfs_size":
            lfsSize = reader.nextLong();
            break;
          case "xet_hash":
            xetHash = reader.nextString();
            break;
          default:
            reader.skipValue();
        }
      }
      reader.endObject();
      if (size == null || blobId == null) throw new IOException("entry '" + path + "' lacks size or blob_id");
      files.put(path, new TreeFile(size, blobId, lfsSha256, lfsSize, xetHash));
    }
    reader.endObject();
    return files;
  }

  /** Writes the listing atomically; a failure is logged and ignored, as the listing is only a cache. */
  static void write(Path folder, String commit, Map<String, TreeFile> files) {
    Path file = path(folder, commit);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + "." + CacheLayout.shortRandom() + ".tmp");
      try (BufferedSink sink = Okio.buffer(Okio.sink(tmp)); JsonWriter writer = JsonWriter.of(sink)) {
        writer.setIndent(" ");
        writer.beginObject();
        writer.name("format_version").value(FORMAT_VERSION);
        writer.name("files").beginObject();
        for (Map.Entry<String, TreeFile> e : new TreeMap<>(files).entrySet()) {
          TreeFile f = e.getValue();
          writer.name(e.getKey()).beginObject();
          writer.name("size").value(f.size());
          writer.name("blob_id").value(f.blobId());
          if (f.lfsSha256() != null) {
            writer.name("lfs_sha256").value(f.lfsSha256());
            writer.name("lfs_size").value(f.lfsSize());
          }
          if (f.xetHash() != null) writer.name("xet_hash").value(f.xetHash());
          writer.endObject();
        }
        writer.endObject();
        writer.endObject();
      }
      CacheLayout.moveReplacing(tmp, file);
    } catch (IOException e) {
      LOG.warn("Ignored error while writing tree cache file {}: {}", file, e.toString());
    }
  }
}
