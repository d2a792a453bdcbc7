package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The NDJSON body of a commit, written line by line to the socket: regular files are read from disk
 * and base64-encoded on the fly, so a commit of many files never sits whole in the heap. The exact
 * length is known in advance; the body can be written again.
 *
 * <p>Lines: a header, then one per operation, each ending with {@code \n} (as the Python client).
 */
final class CommitBody extends RequestBody {
  private static final byte[] FILE_PREFIX = "{\"key\":\"file\",\"value\":{\"content\":\"".getBytes(StandardCharsets.UTF_8);
  private static final int CHUNK = 3 * 16 * 1024;
  /** Per thread: file bytes read for a line (a multiple of 3, so pieces encode without padding) and their base64. */
  private static final ThreadLocal<byte[]> CHUNKS = ThreadLocal.withInitial(() -> new byte[CHUNK]);
  private static final ThreadLocal<byte[]> ENCODED = ThreadLocal.withInitial(() -> new byte[Base64Chunks.encodedLength(CHUNK)]);

  private final List<Line> lines;
  private final List<Expect> expected;
  private final long length;
  private volatile IOException localFailure;

  private CommitBody(List<Line> lines, List<Expect> expected) {
    this.lines = List.copyOf(lines);
    this.expected = List.copyOf(expected);
    long n = 0;
    for (Line l : this.lines) n += l.length();
    this.length = n;
  }

  @Override
  public MediaType contentType() {
    return HubApi.NDJSON;
  }

  @Override
  public long contentLength() {
    return length;
  }

  /**
   * One-shot for OkHttp, so that neither OkHttp's connection-failure recovery nor core's retry ever
   * re-sends a commit on its own: {@link CommitPoster} decides, after reading the branch. The body can
   * still be written again for the request it builds then.
   */
  @Override
  public boolean isOneShot() {
    return true;
  }

  /** A local read error of the last write (the request never reached the server whole). */
  IOException localFailure() {
    return localFailure;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    localFailure = null;
    for (Line line : lines) line.write(sink, this);
    sink.flush();
  }

  int operationCount() {
    return lines.size() - 1;
  }

  /** What each operation leaves at its path once the commit has landed, in body order. */
  List<Expect> expected() {
    return expected;
  }

  /**
   * The state one operation leaves at a path: a regular file with the content of {@code item}, an LFS
   * file with {@code sha256}, or nothing ({@code absent}, for deletions).
   */
  record Expect(String path, @Nullable UploadItem item, @Nullable String sha256, boolean absent) {}

  /** Builds a commit body. */
  static final class Builder {
    private final List<Line> lines = new ArrayList<>();
    private final List<Expect> expected = new ArrayList<>();

    Builder(String summary, String description, String parentCommit) {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("summary", summary);
      header.put("description", description);
      if (parentCommit != null) header.put("parentCommit", parentCommit);
      lines.add(fixed("header", header));
    }

    /** A regular file, inlined as base64. */
    Builder file(UploadItem item) {
      lines.add(new FileLine(item));
      expected.add(new Expect(item.path, item, null, false));
      return this;
    }

    /** A file whose content is in LFS storage; {@code size} null for copies (as Python). */
    Builder lfsFile(String path, String sha256, Long size) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("path", path);
      v.put("algo", "sha256");
      v.put("oid", sha256);
      if (size != null) v.put("size", size);
      lines.add(fixed("lfsFile", v));
      expected.add(new Expect(path, null, sha256, false));
      return this;
    }

    Builder delete(String path, boolean folder) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("path", path);
      lines.add(fixed(folder ? "deletedFolder" : "deletedFile", v));
      expected.add(new Expect(path, null, null, true));
      return this;
    }

    int operations() {
      return lines.size() - 1;
    }

    CommitBody build() {
      return new CommitBody(lines, expected);
    }

    private static Line fixed(String key, Map<String, Object> value) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("key", key);
      line.put("value", value);
      return new FixedLine((JsonObject.write(line) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private interface Line {
    long length();

    void write(BufferedSink sink, CommitBody body) throws IOException;
  }

  private record FixedLine(byte[] bytes) implements Line {
    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public void write(BufferedSink sink, CommitBody body) throws IOException {
      sink.write(bytes);
    }
  }

  /** {@code {"key":"file","value":{"content":"<base64>","path":"...","encoding":"base64"}}}. */
  private static final class FileLine implements Line {
    private final UploadItem item;
    private final byte[] suffix;

    FileLine(UploadItem item) {
      this.item = item;
      this.suffix = ("\",\"path\":" + JsonObject.quote(item.path) + ",\"encoding\":\"base64\"}}\n")
          .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public long length() {
      return FILE_PREFIX.length + 4 * ((item.size + 2) / 3) + suffix.length;
    }

    @Override
    public void write(BufferedSink sink, CommitBody body) throws IOException {
      sink.write(FILE_PREFIX);
      byte[] encoded = ENCODED.get();
      byte[] held = item.memory();
      if (held != null && held.length == item.size) {
        // Read with the preupload sample (or given as bytes): encoded straight from the array, in the same pieces.
        for (int off = 0; off < held.length; off += CHUNK) {
          sink.write(encoded, 0, Base64Chunks.encode(held, off, Math.min(CHUNK, held.length - off), encoded));
          sink.emitCompleteSegments();
        }
        sink.write(suffix);
        return;
      }
      byte[] chunk = CHUNKS.get();
      long total = 0;
      try (InputStream in = item.open(0)) {
        while (true) {
          int filled = 0;
          while (filled < chunk.length) {
            int r = in.read(chunk, filled, chunk.length - filled);
            if (r < 0) break;
            filled += r;
          }
          if (filled == 0) break;
          total += filled;
          if (total > item.size) break;
          sink.write(encoded, 0, Base64Chunks.encode(chunk, 0, filled, encoded));
          sink.emitCompleteSegments();
          if (filled < chunk.length) break;
        }
      } catch (IOException e) {
        IOException local = new IOException("Cannot read " + item.source() + ": " + e.getMessage(), e);
        body.localFailure = local;
        throw local;
      }
      if (total != item.size) {
        IOException local = new IOException(item.source() + " changed while uploading: it has "
            + (total > item.size ? "more than " + item.size : String.valueOf(total)) + " bytes, " + item.size
            + " were listed");
        body.localFailure = local;
        throw local;
      }
      sink.write(suffix);
    }
  }
}
