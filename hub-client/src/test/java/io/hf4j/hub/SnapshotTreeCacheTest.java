package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code trees/<commit>.json} listing is byte-for-byte what the Python client writes and reads. */
class SnapshotTreeCacheTest {
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String SHA256 = "403450e234d65943a7dcf7e05a771ce3c92faa84dd07db4ac20f592037a1e4bd";
  private static final String XET = "b".repeat(64);
  /** Python: {@code json.dump(data, f, indent=1)} of the same listing. */
  private static final String PYTHON = "{\n"
      + " \"format_version\": 1,\n"
      + " \"files\": {\n"
      + "  \"config.json\": {\n"
      + "   \"size\": 519,\n"
      + "   \"blob_id\": \"d7edf6bd2a681fb0175f7735299831ee1b22b812\"\n"
      + "  },\n"
      + "  \"model.safetensors\": {\n"
      + "   \"size\": 1234,\n"
      + "   \"blob_id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\n"
      + "   \"lfs_sha256\": \"" + SHA256 + "\",\n"
      + "   \"lfs_size\": 1234,\n"
      + "   \"xet_hash\": \"" + XET + "\"\n"
      + "  }\n"
      + " }\n"
      + "}";

  @TempDir Path tmp;

  private static Map<String, SnapshotTreeCache.TreeFile> listing() {
    Map<String, SnapshotTreeCache.TreeFile> files = new LinkedHashMap<>();
    files.put("model.safetensors", new SnapshotTreeCache.TreeFile(1234, "a".repeat(40), SHA256, 1234L, XET));
    files.put("config.json", new SnapshotTreeCache.TreeFile(519, "d7edf6bd2a681fb0175f7735299831ee1b22b812", null, null, null));
    return files;
  }

  @Test
  void writesWhatPythonWrites() throws Exception {
    SnapshotTreeCache.write(tmp, COMMIT, listing());
    assertEquals(PYTHON, Files.readString(tmp.resolve("trees/" + COMMIT + ".json")));
  }

  @Test
  void readsWhatPythonWrites() throws Exception {
    Files.createDirectories(tmp.resolve("trees"));
    Files.writeString(tmp.resolve("trees/" + COMMIT + ".json"), PYTHON);
    Map<String, SnapshotTreeCache.TreeFile> read = SnapshotTreeCache.read(tmp, COMMIT);
    assertEquals(new java.util.TreeMap<>(listing()), new java.util.TreeMap<>(read));
    assertEquals(SHA256, read.get("model.safetensors").etag());
    assertEquals("d7edf6bd2a681fb0175f7735299831ee1b22b812", read.get("config.json").etag());
  }

  @Test
  void otherVersionsAndCorruptFilesAreIgnored() throws Exception {
    Files.createDirectories(tmp.resolve("trees"));
    Files.writeString(tmp.resolve("trees/" + COMMIT + ".json"), PYTHON.replace("\"format_version\": 1", "\"format_version\": 2"));
    assertNull(SnapshotTreeCache.read(tmp, COMMIT));
    Files.writeString(tmp.resolve("trees/" + COMMIT + ".json"), "{\"format_version\": 1, \"files\": {\"a\": {\"size\": 1}}}");
    assertNull(SnapshotTreeCache.read(tmp, COMMIT));
    Files.writeString(tmp.resolve("trees/" + COMMIT + ".json"), "{not json");
    assertNull(SnapshotTreeCache.read(tmp, COMMIT));
    assertNull(SnapshotTreeCache.read(tmp, "f".repeat(40)));
  }
}
