package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One commit of {@link HubClient#listRepoCommits}. Python: {@code GitCommitInfo}.
 *
 * @param commitId the commit sha
 * @param authors the authors' user names
 * @param createdAt the commit date
 * @param title the first line of the message
 * @param message the whole message
 * @param formattedTitle the title as HTML, when asked for with {@code formatted}
 * @param formattedMessage the message as HTML, when asked for with {@code formatted}
 * @param raw the whole JSON entry
 */
public record GitCommitInfo(String commitId, List<String> authors, @Nullable Instant createdAt, String title,
    String message, @Nullable String formattedTitle, @Nullable String formattedMessage, Map<String, Object> raw) {

  static GitCommitInfo from(JsonObject o) {
    List<String> authors = new java.util.ArrayList<>();
    for (JsonObject a : o.objects("authors")) {
      if (a.string("user") != null) authors.add(a.string("user"));
    }
    JsonObject f = o.object("formatted");
    String message = o.string("message");
    String title = o.string("title");
    return new GitCommitInfo(o.requireString("id", "commits"), List.copyOf(authors), o.instant("date"),
        title == null ? "" : title, message == null ? "" : message, f == null ? null : f.string("title"),
        f == null ? null : f.string("message"), o.raw());
  }
}
