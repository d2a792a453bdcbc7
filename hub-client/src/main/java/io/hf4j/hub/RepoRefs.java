package io.hf4j.hub;

import io.hf4j.core.ConflictException;
import io.hf4j.core.HfValidationException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.UrlEncoding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.Response;

/** Branches and tags. */
final class RepoRefs {
  private final HubApi api;
  private final RepoListing listing;

  RepoRefs(HubApi api, RepoListing listing) {
    this.api = api;
    this.listing = listing;
  }

  void createBranch(RepoId repoId, String branch, CreateBranchParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    checkRefName(branch, "branch");
    Map<String, Object> body = new LinkedHashMap<>();
    if (params.revision() != null) body.put("startingPoint", params.revision());
    try {
      RepoSettings.post(api, api.api(repoId, "/branch/" + UrlEncoding.segment(branch)), body);
    } catch (ConflictException e) {
      if (!params.existOk()) throw e;
    } catch (PermissionDeniedException e) {
      if (!params.existOk()) throw e;
      GitRefs refs;
      try {
        refs = listing.listRepoRefs(repoId, ListRepoRefsParams.defaults());
      } catch (RuntimeException ignored) {
        throw e;
      }
      if (refs.branches().stream().noneMatch(r -> r.name().equals(branch))) throw e;
    }
  }

  void deleteBranch(RepoId repoId, String branch) {
    Objects.requireNonNull(repoId, "repoId == null");
    checkRefName(branch, "branch");
    delete(api.api(repoId, "/branch/" + UrlEncoding.segment(branch)));
  }

  void createTag(RepoId repoId, String tag, CreateTagParams params) {
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(params, "params == null");
    checkRefName(tag, "tag");
    String revision = params.revision() == null ? "main" : params.revision();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("tag", tag);
    if (params.tagMessage() != null) body.put("message", params.tagMessage());
    try {
      RepoSettings.post(api, api.api(repoId, "/tag/" + UrlEncoding.segment(revision)), body);
    } catch (ConflictException e) {
      if (!params.existOk()) throw e;
    }
  }

  void deleteTag(RepoId repoId, String tag) {
    Objects.requireNonNull(repoId, "repoId == null");
    checkRefName(tag, "tag");
    delete(api.api(repoId, "/tag/" + UrlEncoding.segment(tag)));
  }

  private void delete(okhttp3.HttpUrl url) {
    try (Response r = api.execute(new Request.Builder().url(url).delete().build(), null)) {
      r.body().close();
    }
  }

  /** The git rules the Hub applies to a new branch or tag name, checked before anything is sent. */
  static void checkRefName(String name, String what) {
    Objects.requireNonNull(name, what + " == null");
    if (name.isBlank() || name.startsWith("refs/") || name.startsWith("/") || name.endsWith("/") || name.contains("..")
        || name.contains("//") || name.endsWith(".lock") || name.endsWith(".") || name.contains("@{")
        || !name.chars().allMatch(c -> c > 32 && c < 127 && "~^:?*[\\".indexOf(c) < 0)) {
      throw new HfValidationException("Invalid " + what + " name '" + name + "': a git reference name without spaces,"
          + " '..', '~^:?*[\\', a leading 'refs/' or a trailing '/' or '.lock'");
    }
  }
}
