package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.RepoType;
import java.util.Objects;

/**
 * The web address of a repo, as returned by {@link HubClient#createRepo}. Python: {@code RepoUrl}.
 *
 * @param url the repo's page, for example {@code https://huggingface.co/spaces/acme/demo}
 * @param repoId the repo id
 * @param repoType the repo type
 * @param id the Hub's internal object id when the server returned one (a new repo), else null
 */
public record RepoUrl(String url, RepoId repoId, RepoType repoType, @Nullable String id) {
  /**
   * Checks the components; see the type's description.
   *
   * @param url the repo's page, for example {@code https://huggingface.co/spaces/acme/demo}
   * @param repoId the repo id
   * @param repoType the repo type
   * @param id the Hub's internal object id when the server returned one (a new repo), else null
   */
  public RepoUrl {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(repoId, "repoId == null");
    Objects.requireNonNull(repoType, "repoType == null");
  }

  @Override
  public String toString() {
    return url;
  }
}
