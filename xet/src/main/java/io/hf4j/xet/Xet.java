package io.hf4j.xet;

import io.hf4j.core.HfIoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/** Xet hash functions: file hashes of streams and files, chunk, xorb and verification hashes. */
public final class Xet {
  private Xet() {}

  /** A chunk as the chunker produced it: hash and length. */
  public record ChunkInfo(XetHash hash, int length) {}

  /** A file's Xet hash, size, and (when asked for) sha256. */
  public record FileHash(XetHash hash, long size, String sha256Hex) {}

  /**
   * The Xet file hash of everything the stream yields (the stream is not closed).
   *
   * @throws HfIoException when reading fails
   * @param in the content, read to its end
   * @return the file hash
   */
  public static XetHash fileHash(InputStream in) {
    return hashStream(in, false).hash();
  }

  /**
   * The Xet file hash, size and sha256 of a file, in one read pass.
   *
   * @throws HfIoException when reading fails
   * @param file the file
   * @return the Xet hash, size and SHA-256
   */
  public static FileHash hashFile(Path file) {
    return hashFile(file, null);
  }

  /**
   * Like {@link #hashFile(Path)}, with the chunk hashes and the sha256 computed on {@code executor} next to the
   * calling thread (which finds the chunk boundaries and always helps, so any executor works); null: a shared
   * daemon pool with one thread per core.
   *
   * @param file the file to hash
   * @param executor where the chunk hashes and the sha256 run next to the caller (null: the shared pool)
   * @return the file's Xet hash, sha256 and size
   * @throws HfIoException when reading fails
   */
  public static FileHash hashFile(Path file, @Nullable Executor executor) {
    try (InputStream in = Files.newInputStream(file)) {
      return hashStream(in, true, executor);
    } catch (IOException e) {
      throw new HfIoException("cannot read " + file, e);
    }
  }

  /**
   * The Xet file hash of a byte array.
   *
   * @param data the content
   * @return the file hash
   */
  public static XetHash fileHash(byte[] data) {
    return fileHash(new java.io.ByteArrayInputStream(data));
  }

  static FileHash hashStream(InputStream in, boolean sha256) {
    return hashStream(in, sha256, null);
  }

  static FileHash hashStream(InputStream in, boolean sha256, @Nullable Executor executor) {
    Objects.requireNonNull(in, "in");
    List<XetHashing.Node> nodes = new ArrayList<>();
    try {
      ChunkStream.Result r = ChunkStream.run(in, sha256, executor, (buf, starts, lens, hashes, count) -> {
        for (int i = 0; i < count; i++) {
          nodes.add(new XetHashing.Node(hashes[i], lens[i]));
        }
      });
      return new FileHash(XetHashing.fileHash(nodes), r.size(), r.sha256Hex());
    } catch (IOException e) {
      throw new HfIoException("cannot read the input", e);
    } catch (UncheckedIOException e) {
      throw new HfIoException("cannot read the input", e);
    }
  }

  /**
   * The chunks (hash and length) the Xet chunker cuts the stream into.
   *
   * @param in the content, read to its end
   * @return the chunks, in order
   */
  public static List<ChunkInfo> chunks(InputStream in) {
    List<ChunkInfo> out = new ArrayList<>();
    try {
      ChunkStream.run(in, false, (buf, starts, lens, hashes, count) -> {
        for (int i = 0; i < count; i++) {
          out.add(new ChunkInfo(hashes[i], lens[i]));
        }
      });
    } catch (IOException e) {
      throw new HfIoException("cannot read the input", e);
    }
    return out;
  }

  /**
   * The chunk hash of {@code data} (keyed BLAKE3 with the spec's data key).
   *
   * @param data the chunk's bytes
   * @return the chunk hash
   */
  public static XetHash chunkHash(byte[] data) {
    return XetHashing.chunkHash(data, 0, data.length);
  }

  /**
   * The xorb hash of a sequence of chunks.
   *
   * @param chunks the xorb's chunks, in order
   * @return the xorb hash
   */
  public static XetHash xorbHash(List<ChunkInfo> chunks) {
    return XetHashing.xorbHash(nodes(chunks));
  }

  /**
   * The file hash of a sequence of chunks (zero hash when empty).
   *
   * @param chunks the file's chunks, in order
   * @return the file hash
   */
  public static XetHash fileHash(List<ChunkInfo> chunks) {
    return XetHashing.fileHash(nodes(chunks));
  }

  /**
   * The verification hash of a range of chunk hashes, as recorded per segment in a shard.
   *
   * @param chunkHashes the chunk hashes of a term, in order
   * @return the verification hash
   */
  public static XetHash verificationHash(List<XetHash> chunkHashes) {
    return XetHashing.rangeHash(chunkHashes);
  }

  /**
   * {@code chunkHash} keyed with a shard's HMAC key (how global dedupe answers protect chunk hashes).
   *
   * @param chunkHash the chunk hash
   * @param key the shard's key
   * @return the keyed hash
   */
  public static XetHash hmac(XetHash chunkHash, XetHash key) {
    return XetHashing.hmac(chunkHash, key);
  }

  /**
   * Whether a chunk is eligible for the global dedupe query: its hash's last 64-bit word is a multiple
   * of 1024 (the first chunk of each file is queried as well, see the upload session).
   *
   * @param chunkHash the chunk hash
   * @return whether the chunk is queried for global dedupe
   */
  public static boolean isGlobalDedupeEligible(XetHash chunkHash) {
    return Long.remainderUnsigned(chunkHash.word(3), 1024) == 0;
  }

  private static List<XetHashing.Node> nodes(List<ChunkInfo> chunks) {
    List<XetHashing.Node> n = new ArrayList<>(chunks.size());
    for (ChunkInfo c : chunks) {
      n.add(new XetHashing.Node(c.hash(), c.length()));
    }
    return n;
  }
}
