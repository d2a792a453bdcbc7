package io.hf4j.spaces.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.hf4j.core.HfException;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Untyped JSON for raw server objects: objects are insertion-ordered unmodifiable maps, arrays lists,
 * integral numbers {@code Long}, other numbers {@code Double}. Not API.
 */
public final class JsonValues {
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private JsonValues() {}

  /** Parses a JSON object; throws {@link HfException} naming {@code what} when it is not one. */
  public static Map<String, Object> parseObject(String json, String what) {
    Object value;
    try {
      value = ANY.fromJson(json);
    } catch (IOException | JsonDataException e) {
      throw new HfException("Unexpected JSON from " + what + ": " + e.getMessage(), e);
    }
    if (!(value instanceof Map)) throw new HfException("Unexpected JSON from " + what + ": not an object");
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) normalize(value);
    return map;
  }

  /** Writes an untyped value as JSON, nulls included. */
  public static String write(Object value) {
    return ANY.serializeNulls().toJson(value);
  }

  /** Deep copy with integral doubles as longs and unmodifiable containers. */
  public static Object normalize(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(normalize(o));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
      return d.longValue();
    }
    return value;
  }

  public static String string(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v instanceof String s ? s : null;
  }

  public static Integer integer(Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (v instanceof Number n) return n.intValue();
    return null;
  }

  public static boolean bool(Map<String, Object> map, String key) {
    return Boolean.TRUE.equals(map.get(key));
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v instanceof Map ? (Map<String, Object>) v : null;
  }

  public static List<?> list(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v instanceof List<?> l ? l : null;
  }
}
