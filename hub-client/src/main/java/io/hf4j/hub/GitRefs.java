package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The references of a repo, from {@link HubClient#listRepoRefs}. Python: {@code GitRefs}.
 *
 * @param branches the branches
 * @param converts the conversion references (e.g. Parquet conversions of datasets)
 * @param tags the tags
 * @param pullRequests the {@code refs/pr/N} references; null unless asked for
 * @param raw the whole answer
 */
public record GitRefs(List<GitRefInfo> branches, List<GitRefInfo> converts, List<GitRefInfo> tags,
    @Nullable List<GitRefInfo> pullRequests, Map<String, Object> raw) {

  static GitRefs from(JsonObject o, boolean withPullRequests) {
    return new GitRefs(refs(o, "branches"), refs(o, "converts"), refs(o, "tags"),
        withPullRequests ? refs(o, "pullRequests") : null, o.raw());
  }

  private static List<GitRefInfo> refs(JsonObject o, String key) {
    return o.objects(key).stream().map(GitRefInfo::from).toList();
  }
}
