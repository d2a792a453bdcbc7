package io.hf4j.hub;

import com.squareup.moshi.Types;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.internal.Pagination;
import io.hf4j.core.internal.UrlEncoding;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** Listing and search of repos, commit history, refs and paths info. */
final class RepoListing {
  private static final Type MAP = Types.newParameterizedType(Map.class, String.class, Object.class);
  /** Python sort names (and the Hub's own) to the Hub's, per repo type. */
  private static final Map<String, String> SORTS = new LinkedHashMap<>();

  static {
    SORTS.put("created_at", "createdAt");
    SORTS.put("last_modified", "lastModified");
    SORTS.put("trending_score", "trendingScore");
    SORTS.put("likes", "likes");
    SORTS.put("downloads", "downloads");
    SORTS.put("createdAt", "createdAt");
    SORTS.put("lastModified", "lastModified");
    SORTS.put("trendingScore", "trendingScore");
  }

  private final HubApi api;

  RepoListing(HubApi api) {
    this.api = api;
  }

  /** Lists repos of a type, lazily following the {@code Link} header; stops after {@code limit}. */
  <T> Stream<T> listRepos(RepoType type, ListReposParams params, Function<JsonObject, T> map) {
    Objects.requireNonNull(params, "params == null");
    HttpUrl.Builder url = api.http.url("api/" + type.apiSegment()).newBuilder();
    for (String f : params.filter()) url.addQueryParameter("filter", f);
    if (params.author() != null) url.addQueryParameter("author", params.author());
    if (params.gated() != null) url.addQueryParameter("gated", params.gated().toString());
    if (params.search() != null) url.addQueryParameter("search", params.search());
    if (params.sort() != null) url.addQueryParameter("sort", sortKey(type, params.sort()));
    if (params.direction() != null) url.addQueryParameter("direction", params.direction().toString());
    if (params.limit() != null) url.addQueryParameter("limit", params.limit().toString());
    if (params.full()) url.addQueryParameter("full", "true");
    for (String e : params.expand()) url.addQueryParameter("expand", e);
    Stream<T> items = Pagination.<Map<String, Object>>stream(api.http, url.build(), MAP)
        .map(m -> map.apply(JsonObject.of(m, "list " + type.apiSegment())));
    return params.limit() == null ? items : items.limit(params.limit());
  }

  /** The Hub's name of a sort key, or a validation error naming the key and the accepted ones. */
  static String sortKey(RepoType type, String sort) {
    String wire = SORTS.get(sort);
    boolean space = type.equals(RepoType.SPACE);
    if (wire == null || (space && wire.equals("downloads"))) {
      String accepted = space ? "created_at, last_modified, likes, trending_score"
          : "created_at, downloads, last_modified, likes, trending_score";
      throw new HfValidationException("Unknown sort key '" + sort + "' for listing " + type.apiSegment()
          + ": use one of " + accepted);
    }
    return wire;
  }

  Stream<GitCommitInfo> listRepoCommits(RepoId repoId, ListRepoCommitsParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    String revision = params.revision() == null ? "main" : params.revision();
    HttpUrl.Builder url = api.api(repoId, "/commits/" + UrlEncoding.segment(revision)).newBuilder();
    if (params.formatted()) url.addQueryParameter("expand[]", "formatted");
    return Pagination.<Map<String, Object>>stream(api.http, url.build(), MAP)
        .map(m -> GitCommitInfo.from(JsonObject.of(m, "commits")));
  }

  GitRefs listRepoRefs(RepoId repoId, ListRepoRefsParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    HttpUrl.Builder url = api.api(repoId, "/refs").newBuilder();
    if (params.includePullRequests()) url.addQueryParameter("include_prs", "1");
    JsonObject o = JsonObject.of(api.getJson(url.build(), "refs"), "refs");
    return GitRefs.from(o, params.includePullRequests());
  }

  List<RepoTreeEntry> getPathsInfo(RepoId repoId, List<String> paths, GetPathsInfoParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(paths, "paths == null");
    Objects.requireNonNull(params, "params == null");
    if (paths.isEmpty()) throw new HfValidationException("paths must not be empty");
    String revision = params.revision() == null ? "main" : params.revision();
    FormBody.Builder form = new FormBody.Builder();
    for (String p : paths) form.add("paths", RepoPaths.fileOrFolder(p, "paths"));
    form.add("expand", String.valueOf(params.expand()));
    HttpUrl url = api.api(repoId, "/paths-info/" + UrlEncoding.segment(revision));
    Request.Builder b = new Request.Builder().url(url).post(form.build());
    io.hf4j.core.internal.RequestTags.retrySafe(b);
    Object answer = api.readJson(b.build(), "paths info", null);
    if (!(answer instanceof List<?> list)) throw HubApi.unexpected("paths info", "expected a JSON array");
    List<RepoTreeEntry> out = new ArrayList<>();
    for (Object o : list) out.add(JsonObject.treeEntry(JsonObject.of(o, "paths info")));
    return List.copyOf(out);
  }

  /** Whether the repo and revision exist (a gated repo's revisions are checked through repo info). */
  boolean revisionExists(HubClient client, RepoId repoId, String revision) {
    try {
      client.repoInfo(repoId, RepoInfoParams.builder().revision(revision).build());
      return true;
    } catch (GatedRepoException e) {
      return true;
    } catch (RepositoryNotFoundException | RevisionNotFoundException e) {
      return false;
    }
  }
}
