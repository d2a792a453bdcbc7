package io.hf4j.hub;

import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.Response;

/** Repo settings (visibility, gating, discussions) and moves. */
final class RepoSettings {
  private final HubApi api;

  RepoSettings(HubApi api) {
    this.api = api;
  }

  void updateRepoSettings(RepoId repoId, RepoSettingsParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    if ("protected".equals(params.visibility()) && !repoId.type().equals(RepoType.SPACE)) {
      throw new io.hf4j.core.HfValidationException("Only Spaces can be 'protected' (" + repoId.toPrefixedString()
          + " is a " + repoId.type() + " repo). Please set visibility to 'public' or 'private'.");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (params.gated() != null) body.put("gated", params.gated());
    if (params.visibility() != null) body.put("visibility", params.visibility());
    if (params.discussionsDisabled() != null) body.put("discussionsDisabled", params.discussionsDisabled());
    Request request = new Request.Builder().url(api.api(repoId, "/settings"))
        .put(HubApi.jsonBody(body, HubApi.JSON)).build();
    try (Response r = api.execute(request, null)) {
      r.body().close();
    }
  }

  void moveRepo(RepoId from, RepoId to) {
    Objects.requireNonNull(from, "fromId == null");
    Objects.requireNonNull(to, "toId == null");
    if (!from.type().equals(to.type())) {
      throw new io.hf4j.core.HfValidationException("moveRepo cannot change the repo type: '" + from.toPrefixedString()
          + "' is a " + from.type() + " and '" + to.toPrefixedString() + "' a " + to.type() + "; use RepoId."
          + from.type() + "(\"" + to + "\") as the target");
    }
    if (from.namespace() == null || to.namespace() == null) {
      throw new io.hf4j.core.HfValidationException("moveRepo needs full ids (namespace/name): got '" + from + "' to '"
          + to + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fromRepo", from.toString());
    body.put("toRepo", to.toString());
    body.put("type", from.type().value());
    post(api, api.http.url("api/repos/move"), body);
  }

  /** POSTs a JSON body; the answer is not read (the Hub's answers to these calls carry nothing needed). */
  static void post(HubApi api, okhttp3.HttpUrl url, Object body) {
    Request request = new Request.Builder().url(url).post(HubApi.jsonBody(body, HubApi.JSON)).build();
    try (Response r = api.execute(request, null)) {
      r.body().close();
    }
  }
}
