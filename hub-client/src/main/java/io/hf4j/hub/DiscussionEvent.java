package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * One event of a discussion or pull request: a comment, a status change, a commit, a title change...
 * Python: {@code DiscussionEvent} and its subclasses ({@code DiscussionComment}, {@code
 * DiscussionStatusChange}, {@code DiscussionCommit}, {@code DiscussionTitleChange}).
 *
 * @param id the event id
 * @param type {@code comment}, {@code status-change}, {@code commit}, {@code title-change}, ...
 * @param createdAt when it happened
 * @param author the user name, {@code deleted} when the Hub gives none
 * @param raw the whole JSON event
 */
public record DiscussionEvent(String id, String type, @Nullable Instant createdAt, String author, Map<String, Object> raw) {

  static DiscussionEvent from(JsonObject o) {
    JsonObject author = o.object("author");
    String name = author == null ? null : author.string("name");
    return new DiscussionEvent(o.requireString("id", "discussion event"), o.requireString("type", "discussion event"),
        o.instant("createdAt"), name == null ? "deleted" : name, o.raw());
  }

  private @Nullable Object data(String key) {
    return raw.get("data") instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /**
   * A comment's text (its latest raw version); null for other events.
   *
   * @return a comment's text (its latest raw version); null for other events
   */
  public @Nullable String content() {
    if (!"comment".equals(type)) return null;
    return data("latest") instanceof Map<?, ?> m && m.get("raw") instanceof String s ? s : null;
  }

  /**
   * A status change's new status ({@code open}, {@code closed}, {@code merged}, {@code draft}); else null.
   *
   * @return a status change's new status ({
   */
  public @Nullable String newStatus() {
    return "status-change".equals(type) && data("status") instanceof String s ? s : null;
  }

  /**
   * A commit event's commit sha; else null.
   *
   * @return a commit event's commit sha; else null
   */
  public @Nullable String oid() {
    return "commit".equals(type) && data("oid") instanceof String s ? s : null;
  }

  /**
   * A commit event's subject; else null.
   *
   * @return a commit event's subject; else null
   */
  public @Nullable String summary() {
    return "commit".equals(type) && data("subject") instanceof String s ? s : null;
  }

  /**
   * A title change's new title; else null.
   *
   * @return a title change's new title; else null
   */
  public @Nullable String newTitle() {
    return "title-change".equals(type) && data("to") instanceof String s ? s : null;
  }
}
