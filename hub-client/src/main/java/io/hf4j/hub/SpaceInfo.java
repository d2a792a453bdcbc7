package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Space's info ({@code GET /api/spaces/{id}}). The runtime is kept as raw JSON here; the Spaces
 * client reads it typed. Python: {@code SpaceInfo}.
 *
 * @param id the repo id
 * @param author the namespace
 * @param sha the commit sha of the requested revision
 * @param createdAt creation time
 * @param lastModified last commit time
 * @param privateRepo whether private
 * @param disabled whether disabled
 * @param gated {@code auto} or {@code manual}; null when not gated
 * @param likes likes
 * @param sdk the SDK ({@code gradio}, {@code docker}...)
 * @param host the app's URL
 * @param subdomain the app's subdomain
 * @param tags tags
 * @param cardData the Space card metadata
 * @param runtime the runtime (stage, hardware...) as raw JSON
 * @param models models the Space uses
 * @param datasets datasets the Space uses
 * @param siblings files
 * @param usedStorage storage used, in bytes
 * @param raw the whole answer
 */
public record SpaceInfo(
    String id,
    @Nullable String author,
    @Nullable String sha,
    @Nullable Instant createdAt,
    @Nullable Instant lastModified,
    @Nullable Boolean privateRepo,
    @Nullable Boolean disabled,
    @Nullable String gated,
    @Nullable Long likes,
    @Nullable String sdk,
    @Nullable String host,
    @Nullable String subdomain,
    List<String> tags,
    Map<String, Object> cardData,
    Map<String, Object> runtime,
    List<String> models,
    List<String> datasets,
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
   * @param likes likes
   * @param sdk the SDK ({@code gradio}, {@code docker}...)
   * @param host the app's URL
   * @param subdomain the app's subdomain
   * @param tags tags
   * @param cardData the Space card metadata
   * @param runtime the runtime (stage, hardware...) as raw JSON
   * @param models models the Space uses
   * @param datasets datasets the Space uses
   * @param siblings files
   * @param usedStorage storage used, in bytes
   * @param raw the whole answer
   */
  public SpaceInfo {
    Objects.requireNonNull(id, "id == null");
    tags = List.copyOf(tags);
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    siblings = List.copyOf(siblings);
    cardData = JsonObject.unmodifiable(cardData);
    runtime = JsonObject.unmodifiable(runtime);
    raw = JsonObject.unmodifiable(raw);
  }

  @Override
  public RepoType repoType() {
    return RepoType.SPACE;
  }

  static SpaceInfo from(JsonObject o) {
    return new SpaceInfo(
        o.requireString("id", "space info"),
        o.string("author"),
        o.string("sha"),
        o.instant("createdAt"),
        o.instant("lastModified"),
        o.bool("private"),
        o.bool("disabled"),
        o.string("gated"),
        o.longValue("likes"),
        o.string("sdk"),
        o.string("host"),
        o.string("subdomain"),
        o.strings("tags"),
        o.rawObject("cardData"),
        o.rawObject("runtime"),
        o.strings("models"),
        o.strings("datasets"),
        o.objects("siblings").stream().filter(x -> x.string("rfilename") != null).map(RepoSibling::from).toList(),
        o.longValue("usedStorage"),
        o.raw());
  }
}
