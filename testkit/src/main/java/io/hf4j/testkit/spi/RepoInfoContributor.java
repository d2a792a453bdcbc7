package io.hf4j.testkit.spi;

import io.hf4j.testkit.RepoView;
import java.util.Map;

/**
 * Adds or replaces fields of the repo info JSON ({@code GET /api/{type}s/{id}} and {@code .../revision/{rev}}),
 * e.g. a Space's {@code runtime}. Called before {@code expand} filtering.
 */
@FunctionalInterface
public interface RepoInfoContributor {
  /**
   * Adds fields to the info JSON of a repository.
   *
   * @param repo the repository
   * @param info the info answer so far (mutable)
   */
  void contribute(RepoView repo, Map<String, Object> info);
}
