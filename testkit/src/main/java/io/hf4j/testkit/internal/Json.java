package io.hf4j.testkit.internal;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * Untyped JSON for the emulator: objects are {@code LinkedHashMap}s (key order kept), arrays {@code List}s,
 * integers {@code Long}, other numbers {@code Double}.
 */
public final class Json {
  private Json() {}

  /** Parses one JSON value; throws {@link IllegalArgumentException} on malformed input. */
  public static Object parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Object parse(byte[] bytes) {
    try (JsonReader reader = JsonReader.of(new Buffer().write(bytes))) {
      Object value = read(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("trailing data after JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          map.put(name, read(reader));
        }
        reader.endObject();
        return map;
      }
      case BEGIN_ARRAY: {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(read(reader));
        }
        reader.endArray();
        return list;
      }
      case STRING:
        return reader.nextString();
      case NUMBER: {
        String literal = reader.nextString();
        if (isSmallInteger(literal)) {
          return Long.parseLong(literal);
        }
        return Double.parseDouble(literal);
      }
      case BOOLEAN:
        return reader.nextBoolean();
      case NULL:
        return reader.nextNull();
      default:
        throw new IllegalArgumentException("unexpected token " + reader.peek());
    }
  }

  /** Whether {@code literal} is {@code -?[0-9]{1,18}} (fits a long), checked without a regex. */
  private static boolean isSmallInteger(String literal) {
    int start = literal.startsWith("-") ? 1 : 0;
    int digits = literal.length() - start;
    if (digits < 1 || digits > 18) {
      return false;
    }
    for (int i = start; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Serialises maps, lists, strings, numbers, booleans and nulls; map entries keep their order. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  private static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?>) {
      writer.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        writer.name(String.valueOf(e.getKey()));
        write(writer, e.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?>) {
      writer.beginArray();
      for (Object o : (Iterable<?>) value) {
        write(writer, o);
      }
      writer.endArray();
    } else if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Number) {
      writer.value((Number) value);
    } else {
      writer.value(value.toString());
    }
  }

  /** The value as an object, or an {@link IllegalArgumentException} naming {@code what}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asObject(Object value, String what) {
    if (value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  @SuppressWarnings("unchecked")
  public static List<Object> asList(Object value, String what) {
    if (value instanceof List<?>) {
      return (List<Object>) value;
    }
    throw new IllegalArgumentException(what + " must be a JSON array");
  }

  public static String string(Map<String, Object> map, String key) {
    Object v = map.get(key);
    return v instanceof String ? (String) v : null;
  }

  /** An integer field, or null when absent; doubles with no fraction are accepted. */
  public static Long integer(Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof Double && ((Double) v) == Math.rint((Double) v)) {
      return ((Double) v).longValue();
    }
    return null;
  }
}
