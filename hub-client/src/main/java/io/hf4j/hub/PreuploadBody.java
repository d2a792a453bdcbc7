package io.hf4j.hub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of a preupload call, {@code {"files":[{"path":..,"sample":..,"size":..},..],"gitIgnore":..}}, written
 * by hand: the same bytes as serializing the equivalent maps with the shared JSON writer (same order, no whitespace,
 * the same string escaping: {@link JsonText}), without the writer's per-value work (its scope stack, a look-up per
 * name, a loop per character in its own buffer), which was most of the calling thread's work per small file before
 * the JIT had compiled it. Samples are encoded by {@link Base64Chunks}, as the commit body's files are (the JDK
 * encoder runs slowly until C2 compiles its caller); base64 needs no escaping.
 */
final class PreuploadBody {
  private PreuploadBody() {}

  /**
   * @param samples the first bytes of an item ({@link UploadItem#sample(java.util.concurrent.atomic.AtomicLong)}): the
   *     first {@link UploadItem#SAMPLE} of them at most are sent
   * @param gitIgnore the root {@code .gitignore} being uploaded, or null
   */
  static byte[] json(List<UploadItem> chunk, Function<UploadItem, byte[]> samples, @Nullable String gitIgnore) {
    byte[] encoded = new byte[Base64Chunks.encodedLength(UploadItem.SAMPLE)];
    StringBuilder b = new StringBuilder(32 + chunk.size() * (encoded.length + 96));
    b.append("{\"files\":[");
    boolean first = true;
    for (UploadItem item : chunk) {
      b.append(first ? "{\"path\":" : ",{\"path\":");
      first = false;
      JsonText.appendQuoted(b, item.path);
      byte[] sample = samples.apply(item);
      int n = Base64Chunks.encode(sample, 0, Math.min(sample.length, UploadItem.SAMPLE), encoded);
      b.append(",\"sample\":\"").append(new String(encoded, 0, n, StandardCharsets.ISO_8859_1))
          .append("\",\"size\":").append(item.size).append('}');
    }
    b.append(']');
    if (gitIgnore != null) {
      b.append(",\"gitIgnore\":");
      JsonText.appendQuoted(b, gitIgnore);
    }
    return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
