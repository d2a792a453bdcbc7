package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hf4j.testkit.internal.Hashes;
import io.hf4j.testkit.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Helpers to drive upload flows over HTTP in tests. */
final class Fixtures {
  static final String WRITE = HubEmulator.DEFAULT_WRITE_TOKEN;
  static final String READ = HubEmulator.DEFAULT_READ_TOKEN;
  static final String OTHER = HubEmulator.OTHER_USER_TOKEN;

  private Fixtures() {}

  static byte[] randomBytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static void createRepo(TestHttp http, String type, String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("organization", "testuser");
    body.put("type", type);
    if ("space".equals(type)) {
      body.put("sdk", "static");
    }
    TestHttp.Reply r = http.postJson("/api/repos/create", WRITE, body);
    assertEquals(200, r.code(), r::text);
  }

  /** NDJSON commit builder. */
  static final class Commit {
    private final List<String> lines = new ArrayList<>();

    Commit(String summary) {
      this(summary, null);
    }

    Commit(String summary, String parentCommit) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("summary", summary);
      v.put("description", "");
      if (parentCommit != null) {
        v.put("parentCommit", parentCommit);
      }
      line("header", v);
    }

    private Commit line(String key, Map<String, Object> value) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", key);
      m.put("value", value);
      lines.add(Json.write(m));
      return this;
    }

    Commit file(String path, byte[] content) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("content", b64(content));
      v.put("path", path);
      v.put("encoding", "base64");
      return line("file", v);
    }

    Commit lfsFile(String path, byte[] content) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("path", path);
      v.put("algo", "sha256");
      v.put("oid", Hashes.sha256(content));
      v.put("size", (long) content.length);
      return line("lfsFile", v);
    }

    Commit deletedFile(String path) {
      return line("deletedFile", Map.of("path", path));
    }

    Commit deletedFolder(String path) {
      return line("deletedFolder", Map.of("path", path));
    }

    String body() {
      return String.join("\n", lines) + "\n";
    }
  }

  static TestHttp.Reply commit(TestHttp http, String repoPath, String rev, Commit commit) {
    return http.post("/api/" + repoPath + "/commit/" + rev, WRITE, TestHttp.NDJSON, commit.body());
  }

  /** LFS batch upload request for one object. */
  static TestHttp.Reply batch(TestHttp http, String lfsPrefix, String token, byte[] content, String hashAlgo,
      List<String> transfers) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operation", "upload");
    body.put("transfers", transfers);
    body.put("objects", List.of(Map.of("oid", Hashes.sha256(content), "size", (long) content.length)));
    body.put("hash_algo", hashAlgo);
    body.put("ref", Map.of("name", "main"));
    return http.post(lfsPrefix + ".git/info/lfs/objects/batch", token, TestHttp.LFS, Json.write(body));
  }

  /** Uploads an LFS object through batch + basic PUT. */
  static void uploadLfs(TestHttp http, String lfsPrefix, byte[] content) {
    TestHttp.Reply r = batch(http, lfsPrefix, WRITE, content, "sha256", List.of("basic"));
    assertEquals(200, r.code(), r::text);
    Map<String, Object> obj = Json.asObject(Json.asList(r.obj().get("objects"), "objects").get(0), "obj");
    if (obj.containsKey("actions")) {
      Map<String, Object> actions = Json.asObject(obj.get("actions"), "actions");
      String href = Json.string(Json.asObject(actions.get("upload"), "upload"), "href");
      TestHttp.Reply put = http.put(href, content);
      assertEquals(200, put.code(), put::text);
    }
  }

  @SuppressWarnings("unchecked")
  static <T> T path(Object json, String... keys) {
    Object cur = json;
    for (String k : keys) {
      if (cur instanceof List<?>) {
        cur = ((List<Object>) cur).get(Integer.parseInt(k));
      } else {
        cur = ((Map<String, Object>) cur).get(k);
      }
    }
    return (T) cur;
  }
}
