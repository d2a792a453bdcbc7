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
      Object value = readShallow(reader);
      if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
        throw new IllegalArgumentException("trailing data after JSON value");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
    }
  }

  /**
   * {@link #read} for the shapes the upload routes see per file (an object whose values are scalars, objects of
   * scalars, or arrays of those: a commit line, a preupload body and its answer), by loops instead of recursion; any
   * deeper value goes to {@link #read}. The reader's calls are the ones {@link #read} makes, in the same order, so
   * the value and every error are the same. Kept apart so that the JIT compiles these loops early and small, and the
   * recursive {@link #read}, which inlines into itself, only for the rare deep value.
   */
  private static Object readShallow(JsonReader reader) throws IOException {
    if (reader.peek() != JsonReader.Token.BEGIN_OBJECT) {
      return read(reader);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      JsonReader.Token t = reader.peek();
      Object v;
      if (t == JsonReader.Token.BEGIN_ARRAY) {
        List<Object> list = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          list.add(readFlatObject(reader));
        }
        reader.endArray();
        v = list;
      } else {
        v = readFlatObject(reader);
      }
      map.put(name, v);
    }
    reader.endObject();
    return map;
  }

  /** An object of scalars (anything else goes to {@link #read}), with {@link #read}'s calls and values. */
  private static Object readFlatObject(JsonReader reader) throws IOException {
    JsonReader.Token t = reader.peek();
    if (t != JsonReader.Token.BEGIN_OBJECT) {
      return scalar(reader, t);
    }
    Map<String, Object> map = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      map.put(name, scalar(reader, reader.peek()));
    }
    reader.endObject();
    return map;
  }

  /** A string, number or boolean as {@link #read} gives it; anything else through {@link #read}. */
  private static Object scalar(JsonReader reader, JsonReader.Token t) throws IOException {
    if (t == JsonReader.Token.STRING) {
      return reader.nextString();
    }
    if (t == JsonReader.Token.NUMBER) {
      String literal = reader.nextString();
      return isSmallInteger(literal) ? (Object) Long.parseLong(literal) : (Object) Double.parseDouble(literal);
    }
    if (t == JsonReader.Token.BOOLEAN) {
      return reader.nextBoolean();
    }
    return read(reader);
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
      writeShallow(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * {@link #write} for the answers the upload routes give per file (an object of scalars, of objects of scalars and
   * of lists of those), by loops instead of recursion; deeper values go to {@link #write}. The writer's calls are the
   * ones {@link #write} makes, so the bytes are the same.
   */
  private static void writeShallow(JsonWriter writer, Object value) throws IOException {
    if (!(value instanceof Map<?, ?>)) {
      write(writer, value);
      return;
    }
    writer.beginObject();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      writer.name(String.valueOf(e.getKey()));
      Object v = e.getValue();
      if (v instanceof List<?>) {
        writer.beginArray();
        for (Object o : (List<?>) v) {
          writeFlatObject(writer, o);
        }
        writer.endArray();
      } else {
        writeFlatObject(writer, v);
      }
    }
    writer.endObject();
  }

  /** A map of scalars, or a scalar, as {@link #write} writes it; anything else through {@link #write}. */
  private static void writeFlatObject(JsonWriter writer, Object value) throws IOException {
    if (!(value instanceof Map<?, ?>)) {
      writeScalar(writer, value);
      return;
    }
    writer.beginObject();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      writer.name(String.valueOf(e.getKey()));
      writeScalar(writer, e.getValue());
    }
    writer.endObject();
  }

  private static void writeScalar(JsonWriter writer, Object value) throws IOException {
    if (value instanceof String) {
      writer.value((String) value);
    } else if (value instanceof Boolean) {
      writer.value((Boolean) value);
    } else if (value instanceof Long) {
      writer.value((Long) value);
    } else {
      write(writer, value);
    }
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
