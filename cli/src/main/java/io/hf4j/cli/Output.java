package io.hf4j.cli;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders what a command prints: JSON for scripts, or a table for people. Data is plain maps (their
 * insertion order is the column order), lists, strings, numbers, booleans and nulls; instants, paths,
 * repo ids and open values are written as strings.
 */
final class Output {
  /** The output formats of {@code --format}. */
  enum Format {
    json,
    table
  }

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls().indent("  ");
  private static final JsonAdapter<Object> COMPACT = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private Output() {}

  static String render(Object value, Format format) {
    Object plain = plain(value);
    // Control characters left raw by the JSON writer (C1, bidi overrides) become \\u escapes: still JSON.
    return format == Format.json ? io.hf4j.core.internal.Sanitize.controls(JSON.toJson(plain)) : table(plain);
  }

  /** One line of JSON. */
  static String compact(Object value) {
    return io.hf4j.core.internal.Sanitize.controls(COMPACT.toJson(plain(value)));
  }

  /** The value with every leaf turned into a JSON-friendly type. */
  static Object plain(Object value) {
    if (value instanceof Double d && (d.isNaN() || d.isInfinite())) return null;
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) return value;
    // A Path is an Iterable of its names: it prints as text.
    if (value instanceof java.nio.file.Path p) return p.toString();
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
      return out;
    }
    if (value instanceof Iterable<?> it) {
      List<Object> out = new ArrayList<>();
      for (Object o : it) out.add(plain(o));
      return out;
    }
    // Instants (ISO-8601), paths, repo ids, open values (their wire name) and anything else: as text.
    return value.toString();
  }

  /**
   * A list of objects becomes a table with a column per key; an object becomes two columns, key and
   * value; anything else prints as it is.
   */
  static String table(Object plain) {
    if (plain instanceof List<?> list) {
      if (list.isEmpty()) return "";
      if (list.stream().allMatch(o -> o instanceof Map<?, ?>)) {
        Set<String> columns = new LinkedHashSet<>();
        for (Object o : list) ((Map<?, ?>) o).keySet().forEach(k -> columns.add(String.valueOf(k)));
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT).replace('_', ' ')).toList());
        for (Object o : list) {
          Map<?, ?> m = (Map<?, ?>) o;
          rows.add(columns.stream().map(c -> cell(m.get(c))).toList());
        }
        return columns(rows);
      }
      StringBuilder sb = new StringBuilder();
      for (Object o : list) sb.append(cell(o)).append('\n');
      return sb.toString().stripTrailing();
    }
    if (plain instanceof Map<?, ?> m) {
      List<List<String>> rows = new ArrayList<>();
      m.forEach((k, v) -> rows.add(List.of(cell(k) + ":", cell(v))));
      return columns(rows);
    }
    return cell(plain);
  }

  private static String cell(Object v) {
    if (v == null) return "-";
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) {
        return l.isEmpty() ? "-" : io.hf4j.core.internal.Sanitize.controls(String.join(", ", l.stream().map(String::valueOf).toList()));
      }
      return io.hf4j.core.internal.Sanitize.controls(COMPACT.toJson(v));
    }
    String s = String.valueOf(v);
    // A value from the server never drives the terminal (escape sequences, bidi overrides).
    return io.hf4j.core.internal.Sanitize.controls(s.replaceAll("\\R", " ").replace('\t', ' '));
  }

  private static String columns(List<List<String>> rows) {
    int n = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[n];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) widths[i] = Math.max(widths[i], r.get(i).length());
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) line.append("  ");
        line.append(i == r.size() - 1 ? r.get(i) : String.format("%-" + widths[i] + "s", r.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
