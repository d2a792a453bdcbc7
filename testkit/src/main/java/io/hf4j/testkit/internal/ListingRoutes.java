package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/models|datasets|spaces}: search by author, text and tags, sort, {@code limit} as the page size,
 * cursor pages announced with {@code Link: <...>; rel="next"}, {@code full} and {@code expand}. Private repos are
 * listed for their owners only.
 */
final class ListingRoutes {
  private static final int MAX_PAGE = 1000;
  private static final Set<String> SORTS = Set.of("createdAt", "lastModified", "likes", "downloads", "trendingScore", "id");

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;

  ListingRoutes(EmulatorServer server) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
  }

  void register(Router r) {
    r.add("GET", "/api/models", req -> list(req, "model"));
    r.add("GET", "/api/datasets", req -> list(req, "dataset"));
    r.add("GET", "/api/spaces", req -> list(req, "space"));
  }

  private Response list(Request req, String type) {
    Caller caller = req.caller();
    String author = req.query("author");
    String search = req.query("search");
    List<String> filters = req.queryAll("filter");
    String gated = req.query("gated");
    String sort = req.query("sort");
    if (sort != null && (!SORTS.contains(sort) || ("space".equals(type) && "downloads".equals(sort)))) {
      throw HubError.badRequest("Invalid sort key '" + sort + "': use one of createdAt, lastModified, likes, "
          + ("space".equals(type) ? "" : "downloads, ") + "trendingScore");
    }
    String direction = req.query("direction");
    if (direction != null && !direction.equals("-1") && !direction.equals("1")) {
      throw HubError.badRequest("Invalid direction '" + direction + "': use -1 (descending) or 1 (ascending)");
    }
    int limit = MAX_PAGE;
    if (req.query("limit") != null) {
      try {
        limit = Integer.parseInt(req.query("limit"));
      } catch (NumberFormatException e) {
        throw HubError.badRequest("limit must be an integer");
      }
      if (limit < 1) {
        throw HubError.badRequest("limit must be >= 1");
      }
      limit = Math.min(limit, MAX_PAGE);
    }
    boolean full = Access.truthy(req.query("full"));
    List<String> expand = new ArrayList<>(req.queryAll("expand"));
    expand.addAll(req.queryAll("expand[]"));
    List<Map<String, Object>> items = new ArrayList<>();
    for (RepoData repo : state.list(type)) {
      if (!access.canRead(repo, caller)) {
        continue;
      }
      Map<String, Object> full1 = state.read(() -> item(repo));
      if (author != null && !author.equals(repo.namespace())) {
        continue;
      }
      if (search != null && !repo.id.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))) {
        continue;
      }
      @SuppressWarnings("unchecked")
      List<String> tags = (List<String>) full1.get("tags");
      if (!tags.containsAll(filters)) {
        continue;
      }
      if (gated != null && Access.truthy(gated) == Boolean.FALSE.equals(full1.get("gated"))) {
        continue;
      }
      items.add(full1);
    }
    if (sort != null) {
      Comparator<Map<String, Object>> cmp = Comparator.comparing(m -> String.valueOf(m.get("id")));
      if (!sort.equals("id")) {
        Comparator<Map<String, Object>> by = Comparator.comparing(m -> sortValue(m.get(sort)));
        cmp = by.thenComparing(cmp);
      }
      if (!"1".equals(direction)) {
        cmp = cmp.reversed();
      }
      items.sort(cmp);
    }
    return Pages.cursorPage(req, server.apiUrl(), items, limit, m -> shape(type, m, full, expand));
  }

  private static String sortValue(Object v) {
    if (v instanceof Number n) {
      return String.format(Locale.ROOT, "%020d", n.longValue());
    }
    return String.valueOf(v);
  }

  /** Every field the listing can show for a repo (called under the state lock). */
  private Map<String, Object> item(RepoData repo) {
    CommitData head = repo.commits.get(repo.branches.get("main"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("_id", repo.objectId);
    m.put("id", repo.id);
    m.put("author", repo.namespace());
    m.put("sha", head == null ? null : head.id());
    m.put("lastModified", repo.lastModified.toString());
    m.put("createdAt", repo.createdAt.toString());
    m.put("private", repo.isPrivate);
    m.put("gated", "false".equals(repo.gated) ? (Object) Boolean.FALSE : repo.gated);
    m.put("disabled", false);
    m.put("downloads", 0);
    m.put("likes", 0);
    m.put("trendingScore", 0);
    m.put("tags", head == null ? List.of() : tags(state.textAt(head, "README.md")));
    if ("space".equals(repo.type)) {
      m.put("sdk", repo.attributes.get("sdk"));
    }
    if ("model".equals(repo.type)) {
      m.put("modelId", repo.id);
    }
    if ("dataset".equals(repo.type)) {
      m.put("description", "");
    }
    List<Object> siblings = new ArrayList<>();
    if (head != null) {
      for (String p : head.tree().keySet()) {
        siblings.add(Map.of("rfilename", p));
      }
    }
    m.put("siblings", siblings);
    return m;
  }

  /** The default fields of a listing entry, everything with {@code full}, or {@code _id}, {@code id} and the expanded ones. */
  private static Map<String, Object> shape(String type, Map<String, Object> all, boolean full, List<String> expand) {
    if (full) {
      return all;
    }
    List<String> keys;
    if (!expand.isEmpty()) {
      keys = expand;
    } else if ("model".equals(type)) {
      keys = List.of("likes", "trendingScore", "private", "downloads", "tags", "createdAt", "modelId");
    } else if ("dataset".equals(type)) {
      keys = List.of("author", "disabled", "gated", "lastModified", "likes", "trendingScore", "private", "sha",
          "description", "downloads", "tags", "createdAt");
    } else {
      keys = List.of("likes", "trendingScore", "private", "sdk", "tags", "createdAt");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", all.get("_id"));
    out.put("id", all.get("id"));
    for (String k : keys) {
      if (all.containsKey(k)) {
        out.put(k, all.get(k));
      }
    }
    return out;
  }

  /** Tags from a README's metadata block: {@code tags}, {@code library_name}, {@code pipeline_tag}, {@code license:X}. */
  static List<String> tags(String readme) {
    Set<String> out = new LinkedHashSet<>();
    if (readme == null) {
      return List.of();
    }
    String text = readme.replace("\r\n", "\n");
    if (!text.startsWith("---\n")) {
      return List.of();
    }
    int end = text.indexOf("\n---", 3);
    if (end < 0) {
      return List.of();
    }
    boolean inTags = false;
    for (String line : text.substring(4, end + 1).split("\n")) {
      String t = line.strip();
      if (inTags && t.startsWith("- ")) {
        out.add(unquote(t.substring(2).strip()));
        continue;
      }
      inTags = false;
      int colon = t.indexOf(':');
      if (line.startsWith(" ") || colon < 0) {
        continue;
      }
      String key = t.substring(0, colon).strip();
      String value = unquote(t.substring(colon + 1).strip());
      switch (key) {
        case "tags" -> {
          if (value.isEmpty()) {
            inTags = true;
          } else if (value.startsWith("[") && value.endsWith("]")) {
            for (String v : value.substring(1, value.length() - 1).split(",")) {
              if (!v.isBlank()) {
                out.add(unquote(v.strip()));
              }
            }
          } else {
            out.add(value);
          }
        }
        case "library_name", "pipeline_tag" -> {
          if (!value.isEmpty()) {
            out.add(value);
          }
        }
        case "license" -> {
          if (!value.isEmpty()) {
            out.add("license:" + value);
          }
        }
        default -> { }
      }
    }
    return List.copyOf(out);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
