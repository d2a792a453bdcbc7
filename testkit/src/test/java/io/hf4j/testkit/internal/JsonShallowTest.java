package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * {@link Json#parse} and {@link Json#write} read and write the shallow shapes of the upload routes by loops: the
 * values, key orders, bytes and error messages are those of the recursive reader and writer they replaced (kept here as
 * the reference).
 */
class JsonShallowTest {
  private static final String[] DOCUMENTS = {
    "{\"key\":\"file\",\"value\":{\"content\":\"aGVsbG8=\",\"path\":\"a/b.txt\",\"encoding\":\"base64\"}}",
    "{\"key\": \"file\", \"value\": {\"content\": \"aGVsbG8=\", \"path\": \"a/b.txt\", \"encoding\": \"base64\"}}",
    "{\"key\":\"header\",\"value\":{\"summary\":\"t \\\"q\\\" \\u00e9\\n\",\"description\":\"\",\"parentCommit\":null}}",
    "{\"key\":\"lfsFile\",\"value\":{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"abab\",\"size\":42}}",
    "{\"key\":\"lfsFile\",\"value\":{\"size\":-0,\"a\":1.5,\"b\":1e3,\"c\":123456789012345678901,\"d\":-7,\"e\":true,\"f\":false}}",
    "{\"files\":[{\"path\":\"a\",\"sample\":\"QQ==\",\"size\":1},{\"path\":\"b\",\"sample\":\"\",\"size\":0}],\"gitIgnore\":\"*.log\"}",
    "{\"files\":[],\"gitAttributes\":null}",
    "{\"files\":[1,\"x\",null,true,[1,[2]],{\"deep\":{\"er\":[1,{\"x\":2}]}}]}",
    "{\"value\":{\"nested\":{\"a\":[1,2]},\"list\":[{\"b\":3}]},\"value\":5,\"key\":1,\"key\":\"file\"}",
    "{\"a\":{\"x\":1,\"x\":2},\"b\":[{\"y\":1,\"y\":[3]}],\"c\":{}}",
    "{}", "[]", "[{\"a\":1}]", "\"text\"", "12", "1.25", "true", "null",
    "{\"k\":\"\\ud83d\\ude00 \\u2028 \\/ \\b\\f\\r\\t\"}", "{\"a\":\"\u0001\"}",
    // Malformed: every kind of error, at each depth.
    "", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{\"a\":[1,}", "{\"a\":{\"b\":}}", "{\"a\":{\"b\":1,}}",
    "{\"a\":{\"b\":[}}", "{\"a\":1}x", "{\"a\":1} {}", "{a:1}", "{'a':1}", "{\"a\":'x'}", "{\"a\":NaN}",
    "{\"a\":[1 2]}", "{\"a\":{\"b\" 1}}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"unterminated}", "[1,2",
    "{\"files\":[{\"path\":\"a\",\"size\":1},{\"path\":}]}", "{\"value\":{\"content\":\"QQ==\",\"path\":\"a\"}}}",
    "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "\u00ff",
  };

  @Test
  void parsesToTheSameValuesAndFailsWithTheSameMessages() {
    int failed = 0;
    for (String doc : DOCUMENTS) {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      Object expected;
      try {
        expected = referenceParse(bytes);
      } catch (IllegalArgumentException e) {
        IllegalArgumentException actual = assertThrows(IllegalArgumentException.class, () -> Json.parse(bytes), doc);
        assertEquals(e.getMessage(), actual.getMessage(), doc);
        failed++;
        continue;
      }
      Object actual = Json.parse(bytes);
      assertEquals(expected, actual, doc);
      assertEquals(shape(expected), shape(actual), doc);
    }
    // Both kinds are in the corpus: every malformed document above fails, every other one parses.
    assertEquals(DOCUMENTS.length - 20, failed);
  }

  @Test
  void writesTheSameBytes() {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("path", "a/\"b\" \u00e9\u2028.txt");
    file.put("uploadMode", "regular");
    file.put("shouldIgnore", false);
    file.put("oid", null);
    file.put("n", 42L);
    file.put("i", 7);
    file.put("d", 1.5);
    file.put("big", new BigDecimal("12345678901234567890.5"));
    file.put("set", new LinkedHashSet<>(List.of("x", "y")));
    file.put("deep", Map.of("k", List.of(Map.of("z", 1))));
    file.put("obj", new StringBuilder("to-string"));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("files", List.of(file, Map.of("path", "b"), "scalar", List.of(1, 2), 3L));
    answer.put("commitOid", "c52ce5e4");
    answer.put("nothing", null);
    answer.put("flag", true);
    answer.put("one", file);
    answer.put("set", new LinkedHashSet<>(List.of(file)));
    Map<Object, Object> oddKeys = new LinkedHashMap<>();
    oddKeys.put(1, "one");
    oddKeys.put(null, List.of());
    answer.put("odd", oddKeys);
    Object[] values = {answer, List.of(answer), "text", 5L, null, Map.of(), file, List.of(), oddKeys};
    for (Object v : values) {
      assertEquals(referenceWrite(v), Json.write(v), String.valueOf(v));
    }
  }

  /** Key order and value types, which {@code equals} on maps and numbers does not show. */
  private static String shape(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('{');
      m.forEach((k, x) -> b.append(k).append('=').append(shape(x)).append(','));
      return b.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder(v.getClass().getSimpleName()).append('[');
      l.forEach(x -> b.append(shape(x)).append(','));
      return b.append(']').toString();
    }
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
  }

  // ---------------------------------------------------------------- the recursive reader and writer, as they were

  private static Object referenceParse(byte[] bytes) {
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
        if (literal.matches("-?[0-9]{1,18}")) {
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

  private static String referenceWrite(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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

  @Test
  void theReferenceIsTheCodeBeforeNotATautology() {
    // A shape the loops handle themselves, and one they hand to the recursive reader, give distinct trees.
    assertEquals(Arrays.asList(1L, "x", null), Json.parse("[1,\"x\",null]"));
    assertEquals(Map.of("a", Map.of("b", Map.of("c", List.of(1L)))), Json.parse("{\"a\":{\"b\":{\"c\":[1]}}}"));
  }
}
