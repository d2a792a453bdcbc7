package io.hf4j.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip stream that writes exactly what {@link GZIPOutputStream} (default level, 8 KiB buffer, no sync flush) writes,
 * through the same calls on the stream below, but over a {@link Deflater} kept per thread and reset between bodies.
 * A new Deflater allocates and clears some 300 KiB of native memory, which costs more than compressing a small text
 * file; the emulator gzips every whole text file it serves.
 */
final class PooledGzip extends DeflaterOutputStream {
  private static final int TRAILER_SIZE = 8;
  /** The header this JDK's GZIPOutputStream writes (taken from it, so the bytes cannot drift). */
  private static final byte[] HEADER = jdkHeader();
  private static final ThreadLocal<Deflater> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));

  private final CRC32 crc = new CRC32();
  private boolean released;

  private PooledGzip(OutputStream out, Deflater deflater) {
    super(out, deflater, 8192, false);
  }

  /** A gzip stream over {@code out}; {@link #finish()} releases its Deflater to this thread. */
  static PooledGzip open(OutputStream out) throws IOException {
    Deflater deflater = DEFLATERS.get();
    deflater.reset();
    PooledGzip gz = new PooledGzip(out, deflater);
    out.write(HEADER);
    return gz;
  }

  private static byte[] jdkHeader() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(bytes.toByteArray(), 10);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    super.write(b, off, len);
    crc.update(b, off, len);
  }

  /** As {@link GZIPOutputStream#finish()}: the rest of the deflate stream, the trailer in its last write if it fits. */
  @Override
  public void finish() throws IOException {
    if (released) {
      return;
    }
    try {
      if (!def.finished()) {
        def.finish();
        while (!def.finished()) {
          int len = def.deflate(buf, 0, buf.length);
          if (def.finished() && len <= buf.length - TRAILER_SIZE) {
            writeTrailer(buf, len);
            out.write(buf, 0, len + TRAILER_SIZE);
            return;
          }
          if (len > 0) {
            out.write(buf, 0, len);
          }
        }
        byte[] trailer = new byte[TRAILER_SIZE];
        writeTrailer(trailer, 0);
        out.write(trailer);
      }
    } finally {
      released = true;
      def.reset();
    }
  }

  private void writeTrailer(byte[] b, int offset) {
    writeInt((int) crc.getValue(), b, offset);
    writeInt(def.getTotalIn(), b, offset + 4);
  }

  private static void writeInt(int v, byte[] b, int offset) {
    b[offset] = (byte) v;
    b[offset + 1] = (byte) (v >> 8);
    b[offset + 2] = (byte) (v >> 16);
    b[offset + 3] = (byte) (v >> 24);
  }
}
