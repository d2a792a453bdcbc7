package io.hf4j.testkit.internal;

import java.io.IOException;
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
}
