package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A model repo's info ({@code GET /api/models/{id}}). Fields the Hub left out (with {@code expand})
 * are null or empty. Python: {@code ModelInfo}.
 *
 * @param id the repo id
 * @param repoType {@link RepoType#MODEL} (or {@link RepoType#KERNEL} for kernel repos)
 * @param author the namespace
 * @param sha the commit sha of the requested revision
 * @param createdAt creation time
 * @param lastModified last commit time
 * @param privateRepo whether private
 * @param disabled whether disabled
 * @param gated {@code auto} or {@code manual}; null when not gated
 * @param downloads downloads over the last 30 days
 * @param downloadsAllTime downloads since creation (with {@code expand})
 * @param likes likes
 * @param libraryName the library ({@code transformers}, ...)
 * @param tags tags
 * @param pipelineTag the task ({@code fill-mask}, ...)
 * @param maskToken the mask token of fill-mask models
 * @param inference the inference status ({@code warm}, ...), when given as a string
 * @param cardData the model card metadata
 * @param config the model's {@code config.json} summary
 * @param transformersInfo transformers auto-class info
 * @param widgetData widget examples (any JSON)
 * @param modelIndex evaluation results (any JSON)
 * @param siblings files
 * @param spaces Spaces using the model
 * @param safetensors safetensors parameter counts, when known
 * @param usedStorage storage used, in bytes
 * @param trendingScore the trending score
 * @param raw the whole answer
 */
public record ModelInfo(
    String id,
    RepoType repoType,
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
    @Nullable String libraryName,
    List<String> tags,
    @Nullable String pipelineTag,
    @Nullable String maskToken,
    @Nullable String inference,
    Map<String, Object> cardData,
    Map<String, Object> config,
    Map<String, Object> transformersInfo,
    @Nullable Object widgetData,
    @Nullable Object modelIndex,
    List<RepoSibling> siblings,
    List<String> spaces,
    @Nullable SafeTensorsInfo safetensors,
    @Nullable Long usedStorage,
    @Nullable Long trendingScore,
    Map<String, Object> raw)
    implements RepoInfo {
  /**
   * Checks the components; see the type's description.
   *
   * @param id the repo id
   * @param repoType {@link RepoType#MODEL} (or {@link RepoType#KERNEL} for kernel repos)
   * @param author the namespace
   * @param sha the commit sha of the requested revision
   * @param createdAt creation time
   * @param lastModified last commit time
   * @param privateRepo whether private
   * @param disabled whether disabled
   * @param gated {@code auto} or {@code manual}; null when not gated
   * @param downloads downloads over the last 30 days
   * @param downloadsAllTime downloads since creation (with {@code expand})
   * @param likes likes
   * @param libraryName the library ({@code transformers}, ...)
   * @param tags tags
   * @param pipelineTag the task ({@code fill-mask}, ...)
   * @param maskToken the mask token of fill-mask models
   * @param inference the inference status ({@code warm}, ...), when given as a string
   * @param cardData the model card metadata
   * @param config the model's {@code config.json} summary
   * @param transformersInfo transformers auto-class info
   * @param widgetData widget examples (any JSON)
   * @param modelIndex evaluation results (any JSON)
   * @param siblings files
   * @param spaces Spaces using the model
   * @param safetensors safetensors parameter counts, when known
   * @param usedStorage storage used, in bytes
   * @param trendingScore the trending score
   * @param raw the whole answer
   */
  public ModelInfo {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(repoType, "repoType == null");
    tags = List.copyOf(tags);
    siblings = List.copyOf(siblings);
    spaces = List.copyOf(spaces);
    cardData = JsonObject.unmodifiable(cardData);
    config = JsonObject.unmodifiable(config);
    transformersInfo = JsonObject.unmodifiable(transformersInfo);
    raw = JsonObject.unmodifiable(raw);
  }

  /**
   * Safetensors parameter counts. Python: {@code SafeTensorsInfo}.
   *
   * @param parameters parameter count per dtype
   * @param total total parameter count
   */
  public record SafeTensorsInfo(Map<String, Long> parameters, long total) {
    /**
     * Checks the components; see the type's description.
     *
     * @param parameters parameter count per dtype
     * @param total total parameter count
     */
    public SafeTensorsInfo {
      parameters = Map.copyOf(parameters);
    }
  }

  static ModelInfo from(JsonObject o, RepoType type) {
    SafeTensorsInfo st = null;
    JsonObject s = o.object("safetensors");
    if (s != null) {
      Map<String, Long> params = new java.util.LinkedHashMap<>();
      JsonObject p = s.object("parameters");
      if (p != null) {
        for (String k : p.raw().keySet()) {
          Long v = p.longValue(k);
          if (v != null) params.put(k, v);
        }
      }
      Long total = s.longValue("total");
      st = new SafeTensorsInfo(params, total == null ? 0 : total);
    }
    return new ModelInfo(
        o.requireString("id", "model info"),
        type,
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
        o.string("library_name"),
        o.strings("tags"),
        o.string("pipeline_tag"),
        o.string("mask_token"),
        o.string("inference"),
        o.rawObject("cardData"),
        o.rawObject("config"),
        o.rawObject("transformersInfo"),
        o.rawValue("widgetData"),
        o.rawValue("model-index"),
        o.objects("siblings").stream().filter(x -> x.string("rfilename") != null).map(RepoSibling::from).toList(),
        o.strings("spaces"),
        st,
        o.longValue("usedStorage"),
        o.longValue("trendingScore"),
        o.raw());
  }
}
