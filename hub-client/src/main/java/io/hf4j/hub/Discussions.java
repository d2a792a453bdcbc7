package io.hf4j.hub;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import org.jspecify.annotations.Nullable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/** Discussions and pull requests. */
final class Discussions {
  static final String DEFAULT_DESCRIPTION = "Discussion opened with the [huggingface_hub Python library]"
      + "(https://huggingface.co/docs/huggingface_hub)";

  private final HubApi api;

  Discussions(HubApi api) {
    this.api = api;
  }

  private String endpoint() {
    return api.config.endpoint().toString();
  }

  DiscussionWithDetails createDiscussion(RepoId repoId, String title, CreateDiscussionParams params, boolean pullRequest) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    String t = HfValidation.nonBlank(title, "title").strip();
    if (t.length() < 3) throw new HfValidationException("title must be at least 3 characters: '" + t + "'");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", t);
    body.put("description", params.description() == null ? DEFAULT_DESCRIPTION : params.description());
    body.put("pullRequest", pullRequest);
    JsonObject o = JsonObject.of(api.postJson(api.api(repoId, "/discussions"), body, false,
        "create discussion"), "create discussion");
    Integer num = o.intValue("num");
    if (num == null) throw HubApi.unexpected("create discussion", "no 'num'");
    return getDiscussionDetails(repoId, num);
  }

  Stream<Discussion> getRepoDiscussions(RepoId repoId, GetRepoDiscussionsParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    HttpUrl.Builder base = api.api(repoId, "/discussions").newBuilder();
    if (params.discussionType() != null) base.addQueryParameter("type", params.discussionType());
    if (params.discussionStatus() != null) base.addQueryParameter("status", params.discussionStatus());
    if (params.author() != null) base.addQueryParameter("author", params.author());
    HttpUrl first = base.build();
    Iterator<Discussion> it = new Iterator<>() {
      private final Deque<Discussion> buffer = new ArrayDeque<>();
      private int page;
      private boolean more = true;

      @Override
      public boolean hasNext() {
        while (buffer.isEmpty() && more) fetch();
        return !buffer.isEmpty();
      }

      @Override
      public Discussion next() {
        if (!hasNext()) throw new NoSuchElementException();
        return buffer.removeFirst();
      }

      private void fetch() {
        HttpUrl url = first.newBuilder().addQueryParameter("p", String.valueOf(page)).build();
        JsonObject o = JsonObject.of(api.getJson(url, "discussions"), "discussions");
        Long total = o.longValue("count");
        Long start = o.longValue("start");
        var list = o.objects("discussions");
        for (JsonObject d : list) buffer.add(Discussion.from(d, endpoint()));
        more = total != null && start != null && !list.isEmpty() && start + list.size() < total;
        page++;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  DiscussionWithDetails getDiscussionDetails(RepoId repoId, int num) {
    Objects.requireNonNull(repoId, "repoId == null");
    HttpUrl url = api.api(repoId, "/discussions/" + checkNum(num)).newBuilder().addQueryParameter("diff", "1").build();
    return DiscussionWithDetails.from(JsonObject.of(api.getJson(url, "discussion"), "discussion"), endpoint());
  }

  DiscussionEvent commentDiscussion(RepoId repoId, int num, String comment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("comment", HfValidation.nonBlank(comment, "comment"));
    return event(post(repoId, num, "comment", body), "newMessage");
  }

  DiscussionEvent changeDiscussionStatus(RepoId repoId, int num, String newStatus, @Nullable String comment) {
    if (!"open".equals(newStatus) && !"closed".equals(newStatus)) {
      throw new HfValidationException("newStatus must be 'open' or 'closed', not '" + newStatus + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", newStatus);
    if (comment != null && !comment.isBlank()) body.put("comment", comment.strip());
    return event(post(repoId, num, "status", body), "newStatus");
  }

  void mergePullRequest(RepoId repoId, int num, @Nullable String comment) {
    Map<String, Object> body = comment != null && !comment.isBlank() ? Map.of("comment", comment.strip()) : null;
    post(repoId, num, "merge", body);
  }

  private Object post(RepoId repoId, int num, String resource, @Nullable Map<String, Object> body) {
    Objects.requireNonNull(repoId, "repoId == null");
    HttpUrl url = api.api(repoId, "/discussions/" + checkNum(num) + "/" + resource);
    okhttp3.RequestBody rb = body == null ? okhttp3.RequestBody.create(new byte[0], HubApi.JSON) : HubApi.jsonBody(body, HubApi.JSON);
    okhttp3.Request request = new okhttp3.Request.Builder().url(url).post(rb).build();
    String text;
    try (okhttp3.Response r = api.execute(request, null)) {
      text = HubApi.text(r);
    } catch (java.io.IOException e) {
      throw api.ioFailure(request, e);
    }
    return text.isBlank() ? Map.of() : JsonObject.parse(text, "discussion " + resource);
  }

  private static DiscussionEvent event(Object answer, String key) {
    JsonObject e = JsonObject.of(answer, "discussion").object(key);
    if (e == null) throw HubApi.unexpected("discussion", "no '" + key + "'");
    return DiscussionEvent.from(e);
  }

  private static int checkNum(int num) {
    if (num <= 0) throw new HfValidationException("discussionNum must be a positive integer, not " + num);
    return num;
  }
}
