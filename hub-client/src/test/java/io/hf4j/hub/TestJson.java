package io.hf4j.hub;

import com.squareup.moshi.JsonAdapter;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON helpers for assertions: compare parsed values, not bytes. */
final class TestJson {
  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  private TestJson() {}

  static Object parse(String json) {
    try {
      return ANY.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    return (Map<String, Object>) parse(json);
  }

  /** The lines of an NDJSON body, parsed; checks each line ends with a newline. */
  static List<Map<String, Object>> ndjson(String body) {
    if (!body.endsWith("\n")) throw new AssertionError("NDJSON body does not end with a newline");
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : body.split("\n")) out.add(object(line));
    return out;
  }

  static String write(Object o) {
    return ANY.toJson(o);
  }
}
