package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Hub's paging: an opaque {@code cursor} (here the base64url of the next offset) and a
 * {@code Link: <url>; rel="next"} header naming the next page's absolute URL on the API host.
 */
final class Pages {
  private Pages() {}

  /**
   * One cursor page of {@code items}: the page's items shaped by {@code shape}, and the next page's link when more
   * follow. A cursor that is not one of ours is a 400, as on the Hub.
   */
  static <T> Response cursorPage(Request req, String apiUrl, List<T> items, int limit,
      Function<? super T, ?> shape) {
    int offset = 0;
    String cursor = req.query("cursor");
    if (cursor != null) {
      try {
        offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw HubError.badRequest("Invalid cursor");
      }
    }
    int from = Math.min(Math.max(offset, 0), items.size());
    int to = Math.min(from + limit, items.size());
    List<Object> page = new ArrayList<>(to - from);
    for (T item : items.subList(from, to)) {
      page.add(shape.apply(item));
    }
    Response r = Response.json(200, page);
    if (to < items.size()) {
      String next = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8));
      r.header("Link", "<" + nextUrl(req, apiUrl, Map.of("cursor", next)) + ">; rel=\"next\"");
    }
    return r;
  }

  /** The request's URL, absolute on the API host, with some query parameters replaced. */
  static String nextUrl(Request req, String apiUrl, Map<String, String> replace) {
    Map<String, List<String>> q = RequestImpl.parseQuery(req.uri().getRawQuery());
    replace.forEach((k, v) -> q.put(k, List.of(v)));
    StringBuilder sb = new StringBuilder(apiUrl).append(req.rawPath());
    char sep = '?';
    for (Map.Entry<String, List<String>> e : q.entrySet()) {
      for (String v : e.getValue()) {
        sb.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        sep = '&';
      }
    }
    return sb.toString();
  }
}
