package io.hf4j.hub;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A preupload answer, {@code {"files":[{"path":..,"uploadMode":..,"shouldIgnore":..,"oid":..},..],"commitOid":..}},
 * as the upload uses it: each path's upload mode, whether it is ignored, its current oid, and the branch head.
 *
 * <p>An answer of exactly that shape (those keys, each at most once, of those types) is read by Moshi's streaming
 * reader straight into these entries ({@link #fast}), without a map per file: on a fresh JVM's first uploads the
 * generic decoding of some 1000 entries per folder, and its compilation, was a good part of the answer's cost. Any
 * other answer (other or repeated keys, other types, a malformed entry, malformed JSON) is decoded the general way
 * ({@link #of(JsonObject)}), with its checks and errors, so the entries, and every error, are the same either way.
 */
final class PreuploadAnswer {
  /** One file's entry. */
  record Entry(String uploadMode, boolean shouldIgnore, @Nullable String oid) {}

  final Map<String, Entry> byPath;
  final @Nullable String commitOid;

  private PreuploadAnswer(Map<String, Entry> byPath, @Nullable String commitOid) {
    this.byPath = byPath;
    this.commitOid = commitOid;
  }

  /** The answer in {@code text}: read directly when it has the plain shape, else decoded the general way. */
  static PreuploadAnswer parse(String text) {
    PreuploadAnswer fast = fast(text);
    return fast != null ? fast : of(JsonObject.of(JsonObject.parse(text, "preupload"), "preupload"));
  }

  /** The general way: every entry of {@code files} checked as the upload always checked it. */
  static PreuploadAnswer of(JsonObject answer) {
    if (!(answer.get("files") instanceof java.util.List)) throw HubApi.unexpected("preupload", "no 'files' list");
    Map<String, Entry> byPath = new HashMap<>();
    for (JsonObject f : answer.objects("files")) {
      String path = f.string("path");
      String mode = f.string("uploadMode");
      if (path == null || !("lfs".equals(mode) || "regular".equals(mode))) {
        throw HubApi.unexpected("preupload", "improperly formatted file entry " + f.raw());
      }
      byPath.put(path, new Entry(mode, Boolean.TRUE.equals(f.bool("shouldIgnore")), f.string("oid")));
    }
    return new PreuploadAnswer(byPath, answer.string("commitOid"));
  }

  private static final int PATH = 1;
  private static final int MODE = 2;
  private static final int IGNORE = 4;
  private static final int OID = 8;

  /** The plain shape read directly, or null for anything else (then {@link #of} decides). */
  static @Nullable PreuploadAnswer fast(String text) {
    try (JsonReader r = JsonReader.of(new Buffer().writeUtf8(text))) {
      if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return null;
      Map<String, Entry> byPath = null;
      String commitOid = null;
      boolean sawCommit = false;
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (name.equals("files") && byPath == null) {
          if (r.peek() != JsonReader.Token.BEGIN_ARRAY) return null;
          byPath = new HashMap<>();
          r.beginArray();
          while (r.hasNext()) {
            if (!entry(r, byPath)) return null;
          }
          r.endArray();
        } else if (name.equals("commitOid") && !sawCommit) {
          sawCommit = true;
          if (r.peek() != JsonReader.Token.STRING) return null;
          commitOid = r.nextString();
        } else {
          return null;
        }
      }
      r.endObject();
      if (byPath == null || r.peek() != JsonReader.Token.END_DOCUMENT) return null;
      return new PreuploadAnswer(byPath, commitOid);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** One entry of the plain shape into {@code byPath}; false for anything else. */
  private static boolean entry(JsonReader r, Map<String, Entry> byPath) throws IOException {
    if (r.peek() != JsonReader.Token.BEGIN_OBJECT) return false;
    String path = null;
    String mode = null;
    boolean ignore = false;
    String oid = null;
    int seen = 0;
    r.beginObject();
    while (r.hasNext()) {
      String name = r.nextName();
      int key = switch (name) {
        case "path" -> PATH;
        case "uploadMode" -> MODE;
        case "shouldIgnore" -> IGNORE;
        case "oid" -> OID;
        default -> 0;
      };
      if (key == 0 || (seen & key) != 0) return false;
      seen |= key;
      JsonReader.Token t = r.peek();
      if (key == IGNORE) {
        if (t != JsonReader.Token.BOOLEAN) return false;
        ignore = r.nextBoolean();
      } else if (key == OID && t == JsonReader.Token.NULL) {
        r.nextNull();
      } else {
        if (t != JsonReader.Token.STRING) return false;
        String v = r.nextString();
        if (key == PATH) path = v;
        else if (key == MODE) mode = v;
        else oid = v;
      }
    }
    r.endObject();
    if (path == null || !("lfs".equals(mode) || "regular".equals(mode))) return false;
    byPath.put(path, new Entry(mode, ignore, oid));
    return true;
  }
}
