package io.hf4j.hub;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a decoded JSON object that tolerates the Hub's loose typing (a field that is
 * {@code false} or a string, numbers as doubles). Values of the wrong type read as absent.
 */
final class JsonObject {
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);
  private static final JsonAdapter<Object> ANY_WITH_NULLS = Json.moshi().adapter(Object.class).serializeNulls();

  private final Map<String, Object> map;

  private JsonObject(Map<String, Object> map) {
    this.map = map;
  }

  /** Wraps a decoded value that must be an object. */
  @SuppressWarnings("unchecked")
  static JsonObject of(@Nullable Object value, String what) {
    if (!(value instanceof Map)) {
      throw new HfException("Unexpected answer from the Hub for " + what + ": expected a JSON object");
    }
    return new JsonObject((Map<String, Object>) value);
  }

  /** Parses JSON text. */
  static Object parse(String json, String what) {
    try {
      Object v = ANY.fromJson(json);
      if (v == null) throw new HfException("Empty JSON answer from the Hub for " + what);
      return v;
    } catch (IOException | JsonDataException e) {
      throw new HfException("Malformed JSON answer from the Hub for " + what + ": " + e.getMessage(), e);
    }
  }

  /** Serializes maps, lists, strings, numbers and booleans; null map values are written as null. */
  static String write(Object value) {
    return ANY_WITH_NULLS.toJson(value);
  }

  /** A JSON string literal, quoted and escaped (as the shared writer does: {@link JsonText}). */
  static String quote(String s) {
    return JsonText.quote(s);
  }

  boolean has(String key) {
    return map.containsKey(key);
  }

  @Nullable Object get(String key) {
    return map.get(key);
  }

  @Nullable String string(String key) {
    return map.get(key) instanceof String s ? s : null;
  }

  String requireString(String key, String what) {
    String s = string(key);
    if (s == null) throw new HfException("Unexpected answer from the Hub for " + what + ": no string '" + key + "'");
    return s;
  }

  @Nullable Long longValue(String key) {
    return map.get(key) instanceof Number n ? Long.valueOf(n.longValue()) : null;
  }

  @Nullable Integer intValue(String key) {
    return map.get(key) instanceof Number n ? Integer.valueOf(n.intValue()) : null;
  }

  @Nullable Boolean bool(String key) {
    return map.get(key) instanceof Boolean b ? b : null;
  }

  @Nullable Instant instant(String key) {
    Object v = map.get(key);
    try {
      if (v instanceof String s) return Json.parseInstant(s);
      if (v instanceof Number n) return Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
    } catch (JsonDataException e) {
      return null;
    }
    return null;
  }

  @Nullable JsonObject object(String key) {
    return map.get(key) instanceof Map<?, ?> ? of(map.get(key), key) : null;
  }

  List<JsonObject> objects(String key) {
    List<JsonObject> out = new ArrayList<>();
    if (map.get(key) instanceof List<?> list) {
      for (Object o : list) if (o instanceof Map) out.add(of(o, key));
    }
    return List.copyOf(out);
  }

  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    if (map.get(key) instanceof List<?> list) {
      for (Object o : list) if (o instanceof String s) out.add(s);
    }
    return List.copyOf(out);
  }

  /** A deep, unmodifiable copy of the object under {@code key}, or an empty map. */
  Map<String, Object> rawObject(String key) {
    Object v = map.get(key);
    return v instanceof Map ? asMap(freeze(v)) : Map.of();
  }

  /** A deep, unmodifiable copy of any value under {@code key}, or null. */
  @Nullable Object rawValue(String key) {
    return freeze(map.get(key));
  }

  /** A deep, unmodifiable copy of the whole object. */
  Map<String, Object> raw() {
    return asMap(freeze(map));
  }

  /** An unmodifiable view (null becomes empty); values may be null, unlike {@code Map.copyOf}. */
  static Map<String, Object> unmodifiable(@Nullable Map<String, Object> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(m);
  }

  /** A tree entry of a tree listing or a paths-info answer. */
  static RepoTreeEntry treeEntry(JsonObject o) {
    String type = o.string("type");
    String oid = o.string("oid") == null ? "" : o.string("oid");
    if ("directory".equals(type)) {
      return new RepoFolder(o.requireString("path", "tree"), oid, LastCommitInfo.from(o.object("lastCommit")));
    }
    JsonObject lfs = o.object("lfs");
    Long size = o.longValue("size");
    if (size != null && size < 0) throw HubApi.unexpected("tree", "negative size " + size + " for " + o.string("path"));
    return new RepoFile(o.requireString("path", "tree"), size == null ? 0 : size, oid,
        lfs == null ? null : BlobLfsInfo.from(lfs), LastCommitInfo.from(o.object("lastCommit")),
        o.rawObject("securityFileStatus"), o.string("xetHash"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static @Nullable Object freeze(@Nullable Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
      return Collections.unmodifiableMap(copy);
    }
    if (v instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) copy.add(freeze(o));
      return Collections.unmodifiableList(copy);
    }
    return v;
  }
}
