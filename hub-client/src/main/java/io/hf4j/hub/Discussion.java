package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.Map;

/**
 * A discussion or pull request of a repo. Python: {@code Discussion}.
 *
 * @param title the title
 * @param num the number, unique in the repo
 * @param author the user who opened it ({@code deleted} when the Hub gives none)
 * @param createdAt when it was opened
 * @param status {@code open}, {@code closed}, {@code merged} or {@code draft}
 * @param repoId the repo's id
 * @param repoType the repo's type
 * @param isPullRequest whether it is a pull request
 * @param url its page on the Hub
 * @param raw the whole JSON object
 */
public record Discussion(String title, int num, String author, @Nullable Instant createdAt, String status,
    String repoId, RepoType repoType, boolean isPullRequest, String url, Map<String, Object> raw) {

  /**
   * The git reference of a pull request ({@code refs/pr/N}); null for a discussion.
   *
   * @return the git reference of a pull request ({
   */
  public @Nullable String gitReference() {
    return isPullRequest ? "refs/pr/" + num : null;
  }

  static Discussion from(JsonObject o, String endpointUrl) {
    JsonObject author = o.object("author");
    String name = author == null ? null : author.string("name");
    JsonObject repo = o.object("repo");
    String repoId = repo == null ? "" : repo.requireString("name", "discussion");
    String type = repo == null || repo.string("type") == null ? "model" : repo.string("type");
    RepoType repoType = RepoType.of(type);
    Integer num = o.intValue("num");
    if (num == null) throw HubApi.unexpected("discussion", "no 'num'");
    String base = endpointUrl.endsWith("/") ? endpointUrl : endpointUrl + "/";
    String url = base + repoType.urlPrefix() + repoId + "/discussions/" + num;
    return new Discussion(o.requireString("title", "discussion"), num, name == null ? "deleted" : name,
        o.instant("createdAt"), o.requireString("status", "discussion"), repoId, repoType,
        Boolean.TRUE.equals(o.bool("isPullRequest")), url, o.raw());
  }
}
