package io.hf4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A request body that can be read straight into a (direct) buffer: the storage host's bodies
 * ({@link StorageHttpServer}), so the comparison with a stored blob ({@link BlobStore#receiveAgainst}) reads the socket
 * into a direct buffer without a copy through a heap array.
 */
interface DirectBody {
  /** Whether {@link #read(ByteBuffer)} reads from the socket itself (else bodies are read as streams). */
  boolean readsDirect();

  /** Reads at most {@code dst.remaining()} bytes into {@code dst}; -1 at the end of the body. */
  int read(ByteBuffer dst) throws IOException;

  /** {@link #read(ByteBuffer)} for a body that does not read directly: through an array, from {@code in}. */
  static int readThroughArray(InputStream in, ByteBuffer dst) throws IOException {
    byte[] b = new byte[Math.min(dst.remaining(), 64 * 1024)];
    int n = in.read(b, 0, b.length);
    if (n > 0) {
      dst.put(b, 0, n);
    }
    return n;
  }
}
