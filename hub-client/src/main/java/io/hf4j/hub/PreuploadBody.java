package io.hf4j.hub;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a preupload call, {@code {"files":[{"path":..,"sample":..,"size":..},..],"gitIgnore":..}},
 * written straight through Moshi's streaming writer: the same bytes as serializing the equivalent maps (same writer,
 * same order, same escaping), without building a map per file and looking up an adapter for every value, which was
 * most of the calling thread's work per small file before the JIT has compiled it.
 */
final class PreuploadBody {
  private PreuploadBody() {}

  /**
   * @param samples the first bytes of an item ({@link UploadItem#sample()})
   * @param gitIgnore the root {@code .gitignore} being uploaded, or null
   */
  static byte[] json(List<UploadItem> chunk, Function<UploadItem, byte[]> samples, @Nullable String gitIgnore) {
    Buffer out = new Buffer();
    Base64.Encoder base64 = Base64.getEncoder();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.beginObject().name("files").beginArray();
      for (UploadItem item : chunk) {
        w.beginObject();
        w.name("path").value(item.path);
        w.name("sample").value(base64.encodeToString(samples.apply(item)));
        w.name("size").value(item.size);
        w.endObject();
      }
      w.endArray();
      if (gitIgnore != null) w.name("gitIgnore").value(gitIgnore);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory buffer does not fail
    }
    return out.readByteArray();
  }
}
