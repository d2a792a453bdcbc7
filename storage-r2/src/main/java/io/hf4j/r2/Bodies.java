package io.hf4j.r2;

import org.jspecify.annotations.Nullable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/** Request bodies that stream their bytes instead of holding them. */
final class Bodies {
  private static final int CHUNK = 64 * 1024;

  private Bodies() {}

  /**
   * A region of a file, read anew each time it is written: a retried request (a part of a multipart
   * upload, a single upload) re-reads its bytes from the file, so nothing is buffered in memory.
   */
  static final class FileRegion extends RequestBody {
    private final Path file;
    private final long offset;
    private final long length;

    FileRegion(Path file, long offset, long length) {
      this.file = file;
      this.offset = offset;
      this.length = length;
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
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(length, 1)));
        long position = offset;
        long remaining = length;
        while (remaining > 0) {
          buffer.clear();
          if (remaining < buffer.capacity()) buffer.limit((int) remaining);
          int n = channel.read(buffer, position);
          if (n < 0) {
            throw new EOFException(file + " ended at byte " + position + " but " + remaining
                + " more bytes were expected: was it changed during the upload?");
          }
          sink.write(buffer.array(), 0, n);
          position += n;
          remaining -= n;
        }
      }
    }
  }

  /** Exactly {@code length} bytes of a stream; can be written once only, so it is never retried. */
  static final class Stream extends RequestBody {
    private final InputStream in;
    private final long length;

    Stream(InputStream in, long length) {
      this.in = in;
      this.length = length;
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
    public boolean isOneShot() {
      return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(length, 1))];
      long remaining = length;
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) throw new EOFException("the stream ended " + remaining + " bytes before the promised " + length);
        sink.write(buffer, 0, n);
        remaining -= n;
      }
    }
  }
}
