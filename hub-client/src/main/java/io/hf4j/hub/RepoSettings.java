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
    Map<String, Object> body = new LinkedHashMap<>();
    if (params.gated() != null) body.put("gated", params.gated());
    if (params.visibility() != null) body.put("visibility", params.visibility());
    if (params.discussionsDisabled() != null) body.put("discussionsDisabled", params.discussionsDisabled());
    Request request = new Request.Builder().url(api.api(params.repoType(), repoId, "/settings"))
        .put(HubApi.jsonBody(body, HubApi.JSON)).build();
    try (Response r = api.execute(request, null)) {
      r.body().close();
    }
  }

  void moveRepo(RepoId from, RepoId to, RepoType type) {
    Objects.requireNonNull(from, "fromId == null");
    Objects.requireNonNull(to, "toId == null");
    Objects.requireNonNull(type, "repoType == null");
    if (from.namespace().isEmpty() || to.namespace().isEmpty()) {
      throw new io.hf4j.core.HfValidationException("moveRepo needs full ids (namespace/name): got '" + from + "' to '"
          + to + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("fromRepo", from.toString());
    body.put("toRepo", to.toString());
    body.put("type", type.value());
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
