package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset repo's info ({@code GET /api/datasets/{id}}). Python: {@code DatasetInfo}.
 *
 * @param id the repo id
 * @param author the namespace
 * @param sha the commit sha of the requested revision
 * @param createdAt creation time
 * @param lastModified last commit time
 * @param privateRepo whether private
 * @param disabled whether disabled
 * @param gated {@code auto} or {@code manual}; null when not gated
 * @param downloads downloads over the last 30 days
 * @param downloadsAllTime downloads since creation
 * @param likes likes
 * @param paperswithcodeId the Papers with Code id
 * @param description the dataset description
 * @param citation the citation
 * @param tags tags
 * @param cardData the dataset card metadata
 * @param siblings files
 * @param usedStorage storage used, in bytes
 * @param raw the whole answer
 */
public record DatasetInfo(
    String id,
    @Nullable String author,
    @Nullable String sha,
    @Nullable Instant createdAt,
    @Nullable Instant lastModified,
    @Nullable Boolean privateRepo,
    @Nullable Boolean disabled,
    @Nullable String gated,
    @Nullable Long downloads,
    @Nullable Long downloadsAllTime,
    @Nullable Long likes,
    @Nullable String paperswithcodeId,
    @Nullable String description,
    @Nullable String citation,
    List<String> tags,
    Map<String, Object> cardData,
    List<RepoSibling> siblings,
    @Nullable Long usedStorage,
    Map<String, Object> raw)
    implements RepoInfo {
  /**
   * Checks the components; see the type's description.
   *
   * @param id the repo id
   * @param author the namespace
   * @param sha the commit sha of the requested revision
   * @param createdAt creation time
   * @param lastModified last commit time
   * @param privateRepo whether private
   * @param disabled whether disabled
   * @param gated {@code auto} or {@code manual}; null when not gated
   * @param downloads downloads over the last 30 days
   * @param downloadsAllTime downloads since creation
   * @param likes likes
   * @param paperswithcodeId the Papers with Code id
   * @param description the dataset description
   * @param citation the citation
   * @param tags tags
   * @param cardData the dataset card metadata
   * @param siblings files
   * @param usedStorage storage used, in bytes
   * @param raw the whole answer
   */
  public DatasetInfo {
    Objects.requireNonNull(id, "id == null");
    tags = List.copyOf(tags);
    siblings = List.copyOf(siblings);
    cardData = JsonObject.unmodifiable(cardData);
    raw = JsonObject.unmodifiable(raw);
  }

  @Override
  public RepoType repoType() {
    return RepoType.DATASET;
  }

  static DatasetInfo from(JsonObject o) {
    return new DatasetInfo(
        o.requireString("id", "dataset info"),
        o.string("author"),
        o.string("sha"),
        o.instant("createdAt"),
        o.instant("lastModified"),
        o.bool("private"),
        o.bool("disabled"),
        o.string("gated"),
        o.longValue("downloads"),
        o.longValue("downloadsAllTime"),
        o.longValue("likes"),
        o.string("paperswithcode_id"),
        o.string("description"),
        o.string("citation"),
        o.strings("tags"),
        o.rawObject("cardData"),
        o.objects("siblings").stream().filter(x -> x.string("rfilename") != null).map(RepoSibling::from).toList(),
        o.longValue("usedStorage"),
        o.raw());
  }
}
