package io.hf4j.hub;

import org.jspecify.annotations.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One file to add: where it goes, where its bytes come from, and what the upload learned about it. The
 * preupload fields are written by the coordinator before the item is handed to other threads; the
 * hashes are written by one hashing task each. Fields are volatile because the item then travels
 * through several pools.
 */
final class UploadItem {
  final String path;
  final @Nullable Path file;
  final byte @Nullable [] bytes;
  final long size;

  volatile boolean lfs;
  volatile boolean ignored;
  volatile @Nullable String remoteOid;
  volatile @Nullable String sha256;
  /** Stored through Xet (registered by the next flush), not through LFS. */
  volatile boolean viaXet;

  UploadItem(String path, @Nullable Path file, byte @Nullable [] bytes, long size) {
    this.path = path;
    this.file = file;
    this.bytes = bytes;
    this.size = size;
  }

  static UploadItem ofFile(String path, Path file, long size) {
    return new UploadItem(path, file, null, size);
  }

  static UploadItem ofBytes(String path, byte[] bytes) {
    return new UploadItem(path, null, bytes, bytes.length);
  }

  /** The first {@code min(512, size)} bytes, for the preupload {@code sample}. */
  byte[] sample() throws IOException {
    int n = (int) Math.min(512, size);
    if (bytes != null) return Arrays.copyOf(bytes, n);
    ByteBuffer buf = ByteBuffer.allocate(n);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // fill
      }
    }
    return buf.position() == n ? buf.array() : Arrays.copyOf(buf.array(), buf.position());
  }

  /** A fresh stream over the content from {@code offset}. */
  InputStream open(long offset) throws IOException {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      ch.position(offset);
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    return Channels.newInputStream(ch);
  }

  /** Where the content comes from, for messages. */
  String source() {
    return file != null ? file.toString() : "<" + size + " bytes>";
  }

  @Override
  public String toString() {
    return path;
  }
}
