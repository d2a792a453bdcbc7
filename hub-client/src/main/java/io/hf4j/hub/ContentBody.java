package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A byte range of an upload item as a request body, read from disk each time it is written: a retry
 * re-reads the range, and the content never sits whole in the heap. No {@code Content-Type}, a real
 * {@code Content-Length} (presigned storage URLs reject chunked bodies).
 */
final class ContentBody extends RequestBody {
  private static final int STEP = 64 * 1024;
  /**
   * File content is read into a direct buffer and copied from there into the sink's segments: one copy fewer than
   * reading into a heap array (the JDK reads a file into a temporary direct buffer and copies it into the array).
   * Content in memory goes to the sink straight from its array.
   */
  private static final ThreadLocal<ByteBuffer> DIRECT = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STEP));
  private static final long REPORT_EVERY = 1 << 20;

  private final UploadItem item;
  private final long offset;
  private final long length;
  private final LongConsumer progress;

  /**
   * @param progress receives byte counts as they are handed to the socket; a retried write reports
   *     again from zero, negative to take back what the failed attempt reported
   */
  ContentBody(UploadItem item, long offset, long length, LongConsumer progress) {
    this.item = item;
    this.offset = offset;
    this.length = length;
    this.progress = progress;
  }

  @Override
  public @Nullable MediaType contentType() {
    return null;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    long written = 0;
    long reported = 0;
    boolean done = false;
    try (FileChannel ch = item.file != null ? FileChannel.open(item.file, StandardOpenOption.READ) : null) {
      while (written < length) {
        int want = (int) Math.min(STEP, length - written);
        ByteBuffer buf;
        if (ch != null) {
          buf = DIRECT.get();
          buf.clear().limit(want);
          if (ch.read(buf, offset + written) < 0) throw ended();
          buf.flip();
        } else {
          long from = offset + written;
          byte[] bytes = java.util.Objects.requireNonNull(item.bytes, "bytes");
          if (from >= bytes.length) throw ended();
          buf = ByteBuffer.wrap(bytes, (int) from, (int) Math.min(want, bytes.length - from));
        }
        int n = buf.remaining();
        while (buf.hasRemaining()) sink.write(buf);
        written += n;
        if (written - reported >= REPORT_EVERY) {
          progress.accept(written - reported);
          reported = written;
        }
      }
      sink.flush();
      done = true;
    } finally {
      if (done) {
        progress.accept(written - reported);
      } else if (reported > 0) {
        progress.accept(-reported);
      }
    }
  }

  private IOException ended() {
    return new IOException(item.source() + " changed while uploading: it ended before byte " + (offset + length));
  }
}
