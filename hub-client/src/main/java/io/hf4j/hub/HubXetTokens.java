package io.hf4j.hub;

import io.hf4j.core.RepoId;
import io.hf4j.core.internal.UrlEncoding;
import io.hf4j.xet.XetToken;
import io.hf4j.xet.XetTokenProvider;
import java.time.Instant;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Xet tokens from the Hub's {@code xet-write-token} / {@code xet-read-token} routes (the "refresh route"), asked
 * with the Hub token through core's stack; the answer's JSON ({@code accessToken}, {@code exp}, {@code casUrl}).
 * Python: {@code utils/_xet.py}.
 */
final class HubXetTokens implements XetTokenProvider {
  private final HubApi api;
  private final HttpUrl url;

  HubXetTokens(HubApi api, HttpUrl url) {
    this.api = api;
    this.url = url;
  }

  /** The write-token route of a revision ({@code ?create_pr=1} when the commit opens a pull request). */
  static HubXetTokens write(HubApi api, RepoId repo, String revision, boolean createPr) {
    HttpUrl u = api.api(repo, "/xet-write-token/" + UrlEncoding.revision(revision));
    if (createPr) u = u.newBuilder().addQueryParameter("create_pr", "1").build();
    return new HubXetTokens(api, u);
  }

  /** The read-token route of a commit. */
  static HubXetTokens read(HubApi api, RepoId repo, String commit) {
    return new HubXetTokens(api, api.api(repo, "/xet-read-token/" + UrlEncoding.revision(commit)));
  }

  /** A refresh route announced by the Hub ({@code Link rel="xet-auth"} or {@code X-Xet-Refresh-Route}). */
  static HubXetTokens at(HubApi api, HttpUrl refreshRoute) {
    return new HubXetTokens(api, refreshRoute);
  }

  @Override
  public XetToken token(boolean forceRefresh) {
    JsonObject o = JsonObject.of(api.readJson(new Request.Builder().url(url).get().build(), "Xet token", null),
        "Xet token");
    String access = o.string("accessToken");
    String cas = o.string("casUrl");
    Long exp = o.longValue("exp");
    if (access == null || cas == null || exp == null) {
      throw HubApi.unexpected("Xet token", "accessToken, casUrl and exp are required");
    }
    return new XetToken(cas, access, Instant.ofEpochSecond(exp));
  }

  @Override
  public String toString() {
    return "HubXetTokens[" + url.encodedPath() + "]";
  }
}
