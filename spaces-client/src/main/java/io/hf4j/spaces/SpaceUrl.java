package io.hf4j.spaces;

import io.hf4j.core.RepoId;
import java.util.Objects;

/**
 * Where a Space lives on the Hub, as returned when it is duplicated.
 *
 * @param url its Hub page, e.g. {@code https://huggingface.co/spaces/acme/demo}
 * @param repoId its id
 */
public record SpaceUrl(String url, RepoId repoId) {
  /**
   * Checks that both fields are present.
   *
   * @param url its Hub page, e.g. {@code https://huggingface.co/spaces/acme/demo}
   * @param repoId its id
   */
  public SpaceUrl {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(repoId, "repoId == null");
  }
}
