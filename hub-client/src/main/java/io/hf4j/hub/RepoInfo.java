package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@link HubClient#repoInfo} returns: a {@link ModelInfo}, {@link DatasetInfo} or {@link
 * SpaceInfo}. The common accessors are here; the records add their type's fields. Python: {@code
 * ModelInfo | DatasetInfo | SpaceInfo}.
 */
public sealed interface RepoInfo permits ModelInfo, DatasetInfo, SpaceInfo {
  /**
   * The repo id as the Hub spells it ({@code namespace/name}).
   *
   * @return the repo id as the Hub spells it ({
   */
  String id();

  /**
   * The repo type.
   *
   * @return the repo type
   */
  RepoType repoType();

  /**
   * The commit sha of the requested revision.
   *
   * @return the commit sha of the requested revision
   */
  @Nullable String sha();

  /**
   * The last modified.
   *
   * @return the last modified
   */
  @Nullable Instant lastModified();

  /**
   * Whether the repo is private (Python: {@code private}).
   *
   * @return whether the repo is private (Python: {
   */
  @Nullable Boolean privateRepo();

  /**
   * The gating mode, {@code auto} or {@code manual}; null when not gated.
   *
   * @return the gating mode, {
   */
  @Nullable String gated();

  /**
   * The repo's files; empty when the Hub did not list them (with {@code expand}).
   *
   * @return the repo's files; empty when the Hub did not list them (with {
   */
  List<RepoSibling> siblings();

  /**
   * The whole answer, for fields not modelled.
   *
   * @return the whole answer, for fields not modelled
   */
  Map<String, Object> raw();

  /**
   * Whether the repo is gated.
   *
   * @return whether the repo is gated
   */
  default boolean isGated() {
    return gated() != null;
  }
}
