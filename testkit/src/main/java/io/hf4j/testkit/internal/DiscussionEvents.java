package io.hf4j.testkit.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Discussion events in the Hub's JSON shape (what {@code huggingface_hub.community.deserialize_event} reads). */
final class DiscussionEvents {
  private DiscussionEvents() {}

  private static Map<String, Object> base(String type, String author, Instant at) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Ids.randomHex(12));
    m.put("type", type);
    m.put("createdAt", at.toString());
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("_id", Ids.objectId("user:" + author));
    a.put("name", author);
    a.put("fullname", author);
    a.put("avatarUrl", "/avatars/" + Ids.objectId("user:" + author) + ".svg");
    a.put("type", "user");
    m.put("author", a);
    return m;
  }

  static Map<String, Object> comment(String author, String text, Instant at) {
    Map<String, Object> m = base("comment", author, at);
    Map<String, Object> latest = new LinkedHashMap<>();
    latest.put("raw", text);
    latest.put("html", "<p>" + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</p>");
    latest.put("updatedAt", at.toString());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("edited", false);
    data.put("hidden", false);
    data.put("latest", latest);
    data.put("numEdits", 0);
    data.put("editors", List.of(author));
    m.put("data", data);
    return m;
  }

  static Map<String, Object> statusChange(String author, String status, Instant at) {
    Map<String, Object> m = base("status-change", author, at);
    m.put("data", Map.of("status", status));
    return m;
  }

  static Map<String, Object> commit(CommitData c, Instant at) {
    Map<String, Object> m = base("commit", c.author(), at);
    m.put("data", Map.of("subject", c.title(), "oid", c.id()));
    return m;
  }
}
