package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.RouteHandler;
import io.hf4j.testkit.spi.Routes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Method + path pattern routing (see {@link Routes} for the pattern syntax). */
public final class Router implements Routes {
  /** A registered route. */
  public record Route(String method, List<String> segments, String bucket, RouteHandler handler, int literals,
      boolean rest, int order) {}

  /** A matched route and its decoded parameters. */
  public record Match(Route route, Map<String, String> params) {}

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  @Override
  public void add(String method, String pattern, String rateLimitBucket, RouteHandler handler) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("pattern must start with /: " + pattern);
    }
    List<String> segs = split(pattern);
    int literals = 0;
    boolean rest = false;
    for (int i = 0; i < segs.size(); i++) {
      String s = segs.get(i);
      if (s.endsWith("...}")) {
        if (i != segs.size() - 1) {
          throw new IllegalArgumentException("a rest parameter must be last: " + pattern);
        }
        rest = true;
      } else if (!s.startsWith("{")) {
        literals++;
      }
    }
    routes.add(new Route(method.toUpperCase(Locale.ROOT), segs, rateLimitBucket, handler, literals, rest, routes.size()));
  }

  private static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.isEmpty()) {
      return out;
    }
    for (String s : p.split("/", -1)) {
      out.add(s);
    }
    return out;
  }

  @Override
  public boolean matches(String method, String rawPath) {
    return match(method, rawPath) != null;
  }

  /** The best route for a method and raw path; {@code HEAD} falls back to {@code GET} routes. Null when none. */
  public Match match(String method, String rawPath) {
    Match m = matchExact(method, rawPath);
    if (m == null && method.equals("HEAD")) {
      m = matchExact("GET", rawPath);
    }
    return m;
  }

  private Match matchExact(String method, String rawPath) {
    List<String> raw = split(rawPath);
    Match best = null;
    for (Route r : routes) {
      if (!r.method().equals(method)) {
        continue;
      }
      Map<String, String> params = tryMatch(r, raw);
      if (params == null) {
        continue;
      }
      if (best == null || better(r, best.route())) {
        best = new Match(r, params);
      }
    }
    return best;
  }

  private static boolean better(Route a, Route b) {
    if (a.literals() != b.literals()) {
      return a.literals() > b.literals();
    }
    if (a.rest() != b.rest()) {
      return !a.rest();
    }
    return a.order() < b.order();
  }

  private static Map<String, String> tryMatch(Route r, List<String> raw) {
    List<String> segs = r.segments();
    int n = segs.size();
    if (r.rest() ? raw.size() < n - 1 : raw.size() != n) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String pat = segs.get(i);
      if (r.rest() && i == n - 1) {
        List<String> tail = new ArrayList<>();
        for (int j = i; j < raw.size(); j++) {
          tail.add(decode(raw.get(j)));
        }
        params.put(pat.substring(1, pat.length() - 4), String.join("/", tail));
        return params;
      }
      String value = decode(raw.get(i));
      if (pat.startsWith("{")) {
        int close = pat.indexOf('}');
        String name = pat.substring(1, close);
        String suffix = pat.substring(close + 1);
        if (!value.endsWith(suffix) || value.length() == suffix.length()) {
          return null;
        }
        params.put(name, value.substring(0, value.length() - suffix.length()));
      } else if (!pat.equals(value)) {
        return null;
      }
    }
    return params;
  }

  /** Percent-decodes one path segment (UTF-8; {@code +} stays a plus). Malformed escapes are kept literally. */
  public static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
