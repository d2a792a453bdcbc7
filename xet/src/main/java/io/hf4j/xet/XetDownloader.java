package io.hf4j.xet;

import io.hf4j.core.HfIoException;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Rebuilds files from a CAS: asks for the reconstruction, reads only the xorb ranges it names (streamed,
 * record by record), decodes and hashes the chunks in parallel batches, and checks the result against
 * the file hash and size. Memory holds one batch of chunks, whatever the file or xorb size.
 */
public final class XetDownloader {
  /** Chunks decoded at a time (about 8 MiB). */
  private static final int BATCH_CHUNKS = 128;

  private final CasClient cas;
  private final Executor executor;

  /**
   * A downloader reading through {@code cas}; chunks are decoded and hashed on a shared daemon pool.
   *
   * @param cas the CAS to read reconstructions and xorb ranges from
   */
  public XetDownloader(CasClient cas) {
    this(cas, null);
  }

  /**
   * A downloader reading through {@code cas} that decodes and hashes chunks on {@code executor} next to the
   * calling thread, which always helps (so any executor works); null: a shared daemon pool, one thread per core.
   *
   * @param cas the CAS to read reconstructions and xorb ranges from
   * @param executor where chunks are decoded and hashed next to the caller (null: the shared pool)
   */
  public XetDownloader(CasClient cas, @Nullable Executor executor) {
    this.cas = Objects.requireNonNull(cas, "cas");
    this.executor = Parallel.orDefault(executor);
  }

  /**
   * Writes the whole file into {@code target} (created or truncated; the caller moves it into place only
   * when this returns).
   *
   * @throws XetIntegrityException when a range is truncated or corrupt, a xorb is missing from the
   *     reconstruction, or the rebuilt bytes do not hash to {@code fileHash} / have another size
   * @param fileHash the file's Xet hash
   * @param size the file's size in bytes
   * @param target the file to write
   */
  public void download(XetHash fileHash, long size, Path target) {
    try (OutputStream out = Files.newOutputStream(target)) {
      download(fileHash, size, out);
    } catch (IOException e) {
      throw new HfIoException("cannot write " + target, e);
    }
  }

  /**
   * Streams the whole, verified file into {@code out} (see {@link #download(XetHash, long, Path)}).
   *
   * @param fileHash the file's Xet hash
   * @param size the file's size in bytes
   * @param out where the bytes go
   */
  public void download(XetHash fileHash, long size, OutputStream out) {
    if (size == 0 || fileHash.equals(XetHash.ZERO)) {
      if (size != 0 || !fileHash.equals(XetHash.ZERO)) {
        throw new XetIntegrityException("file " + fileHash.toHex() + ": size " + size + " and hash disagree");
      }
      return;
    }
    CasClient.Reconstruction rec = cas.reconstruction(fileHash);
    List<XetHashing.Node> nodes = new ArrayList<>();
    long written = write(rec, 0, Long.MAX_VALUE, out, nodes, fileHash);
    if (written != size) {
      throw new XetIntegrityException("file " + fileHash.toHex() + " rebuilt to " + written + " bytes, expected "
          + size);
    }
    XetHash actual = XetHashing.fileHash(nodes);
    if (!actual.equals(fileHash)) {
      throw new XetIntegrityException("file " + fileHash.toHex() + " rebuilt to content hashing to "
          + actual.toHex());
    }
  }

  /**
   * Streams bytes {@code [start, endInclusive]} of a file into {@code out}; chunks are format-checked and
   * the byte count is checked (a range cannot be checked against the whole file's hash).
   *
   * @param fileHash the file's Xet hash
   * @param start the first byte
   * @param endInclusive the last byte
   * @param out where the bytes go
   */
  public void downloadRange(XetHash fileHash, long start, long endInclusive, OutputStream out) {
    if (start < 0 || endInclusive < start) {
      throw new IllegalArgumentException("invalid range " + start + "-" + endInclusive);
    }
    CasClient.Reconstruction rec = cas.reconstruction(fileHash, start, endInclusive);
    long want = endInclusive - start + 1;
    long written = write(rec, rec.offsetIntoFirstRange(), want, out, new ArrayList<>(), fileHash);
    if (written != want) {
      throw new XetIntegrityException("range " + start + "-" + endInclusive + " of " + fileHash.toHex()
          + " rebuilt to " + written + " bytes");
    }
  }

  /** An open xorb range, read record by record. */
  private final class RangeStream implements AutoCloseable {
    final CasClient.FetchInfo info;
    final Response response;
    final BufferedSource source;
    int nextChunk;

    RangeStream(CasClient.FetchInfo info, XetHash xorb) {
      this.info = info;
      this.response = cas.openRange(info, xorb);
      this.source = response.body().source();
      this.nextChunk = info.chunkStart();
    }

    /** Reads the next record (header and payload). */
    byte[] next(XetHash xorb) throws IOException {
      String where = "xorb " + xorb.toHex() + " chunk " + nextChunk;
      byte[] header = new byte[ChunkCodec.HEADER];
      try {
        source.readFully(header);
        ChunkCodec.Header h = ChunkCodec.readHeader(header, 0, where);
        byte[] rec = new byte[ChunkCodec.HEADER + h.compressedLength()];
        System.arraycopy(header, 0, rec, 0, ChunkCodec.HEADER);
        int got = ChunkCodec.HEADER;
        while (got < rec.length) {
          int n = source.read(rec, got, rec.length - got);
          if (n < 0) {
            throw new EOFException();
          }
          got += n;
        }
        nextChunk++;
        return rec;
      } catch (EOFException e) {
        throw new XetIntegrityException(where + ": range truncated", e);
      }
    }

    @Override
    public void close() {
      response.close();
    }
  }

  private long write(CasClient.Reconstruction rec, long skip, long limit, OutputStream out,
      List<XetHashing.Node> nodes, XetHash fileHash) {
    long written = 0;
    long toSkip = skip;
    RangeStream open = null;
    try {
      for (CasClient.Term term : rec.terms()) {
        CasClient.FetchInfo fi = cover(rec, term);
        if (open == null || !open.info.equals(fi) || open.nextChunk > term.chunkStart()) {
          if (open != null) {
            open.close();
          }
          open = new RangeStream(fi, term.xorbHash());
        }
        while (open.nextChunk < term.chunkStart()) {
          open.next(term.xorbHash());
        }
        long termBytes = 0;
        int remaining = term.chunkEnd() - term.chunkStart();
        while (remaining > 0) {
          int n = Math.min(BATCH_CHUNKS, remaining);
          byte[][] records = new byte[n][];
          for (int i = 0; i < n; i++) {
            records[i] = open.next(term.xorbHash());
          }
          remaining -= n;
          for (byte[] c : decodeAndHash(records, nodes)) {
            termBytes += c.length;
            int off = 0;
            if (toSkip > 0) {
              off = (int) Math.min(toSkip, c.length);
              toSkip -= off;
            }
            int len = (int) Math.min(c.length - off, limit - written);
            if (len > 0) {
              out.write(c, off, len);
              written += len;
            }
          }
        }
        if (termBytes != term.unpackedLength()) {
          throw new XetIntegrityException("file " + fileHash.toHex() + ": xorb " + term.xorbHash().toHex()
              + " chunks [" + term.chunkStart() + ", " + term.chunkEnd() + ") hold " + termBytes
              + " bytes, the reconstruction says " + term.unpackedLength());
        }
        if (written >= limit) {
          break;
        }
      }
    } catch (XetIntegrityException e) {
      if (e.getMessage().contains(fileHash.toHex())) {
        throw e;
      }
      throw new XetIntegrityException("file " + fileHash.toHex() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new HfIoException("downloading " + fileHash.toHex() + " failed", e);
    } finally {
      if (open != null) {
        open.close();
      }
    }
    return written;
  }

  private static CasClient.FetchInfo cover(CasClient.Reconstruction rec, CasClient.Term term) {
    List<CasClient.FetchInfo> infos = rec.fetchInfo().get(term.xorbHash());
    if (infos != null) {
      for (CasClient.FetchInfo fi : infos) {
        if (fi.chunkStart() <= term.chunkStart() && fi.chunkEnd() >= term.chunkEnd()) {
          return fi;
        }
      }
    }
    throw new XetIntegrityException("the reconstruction gives no location for chunks [" + term.chunkStart() + ", "
        + term.chunkEnd() + ") of xorb " + term.xorbHash().toHex());
  }

  /** Decodes records in parallel, hashing each chunk; appends their nodes in order. */
  private List<byte[]> decodeAndHash(byte[][] records, List<XetHashing.Node> nodes) throws IOException {
    int count = records.length;
    byte[][] data = new byte[count][];
    XetHash[] hashes = new XetHash[count];
    Parallel.forEach(executor, count, i -> {
      data[i] = Xorb.decodeChunk(records[i], 0, records[i].length);
      hashes[i] = XetHashing.chunkHash(data[i], 0, data[i].length);
    });
    for (int i = 0; i < count; i++) {
      nodes.add(new XetHashing.Node(hashes[i], data[i].length));
    }
    return List.of(data);
  }
}
