package io.hf4j.hub;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import okio.Buffer;
import okio.BufferedSink;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a preupload call, {@code {"files":[{"path":..,"sample":..,"size":..},..],"gitIgnore":..}},
 * written straight through Moshi's streaming writer: the same bytes as serializing the equivalent maps (same writer,
 * same order, same escaping), without building a map per file and looking up an adapter for every value, which was
 * most of the calling thread's work per small file before the JIT has compiled it. Samples are encoded by
 * {@link Base64Chunks}, as the commit body's files are (the JDK encoder runs slowly until C2 compiles its caller).
 */
final class PreuploadBody {
  private PreuploadBody() {}

  /**
   * @param samples the first bytes of an item ({@link UploadItem#sample(java.util.concurrent.atomic.AtomicLong)}): the
   *     first {@link UploadItem#SAMPLE} of them at most are sent
   * @param gitIgnore the root {@code .gitignore} being uploaded, or null
   */
  static byte[] json(List<UploadItem> chunk, Function<UploadItem, byte[]> samples, @Nullable String gitIgnore) {
    Buffer out = new Buffer();
    byte[] encoded = new byte[Base64Chunks.encodedLength(UploadItem.SAMPLE)];
    try (JsonWriter w = JsonWriter.of(out)) {
      w.beginObject().name("files").beginArray();
      for (UploadItem item : chunk) {
        w.beginObject();
        w.name("path").value(item.path);
        byte[] sample = samples.apply(item);
        int len = Math.min(sample.length, UploadItem.SAMPLE);
        int n = Base64Chunks.encode(sample, 0, len, encoded);
        // Base64 needs no escaping: its bytes go into the body as they are, between quotes (the writer's own
        // string escaping, a loop per character, is for the path).
        try (BufferedSink v = w.name("sample").valueSink()) {
          v.writeByte('"').write(encoded, 0, n).writeByte('"');
        }
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
