package io.hf4j.xet;

import io.hf4j.core.HfIoException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Rebuilds files from a CAS: asks for the reconstruction, reads only the xorb ranges it names, decodes
 * and hashes every chunk (in parallel), and checks the result against the file hash and size. Memory
 * holds one xorb range at a time.
 */
public final class XetDownloader {
  private final CasClient cas;

  /** A downloader reading through {@code cas}. */
  public XetDownloader(CasClient cas) {
    this.cas = Objects.requireNonNull(cas, "cas");
  }

  /**
   * Writes the whole file into {@code target} (created or truncated; the caller moves it into place only
   * when this returns).
   *
   * @throws XetIntegrityException when a range is truncated or corrupt, a xorb is missing from the
   *     reconstruction, or the rebuilt bytes do not hash to {@code fileHash} / have another size
   */
  public void download(XetHash fileHash, long size, Path target) {
    try (OutputStream out = Files.newOutputStream(target)) {
      download(fileHash, size, out);
    } catch (IOException e) {
      throw new HfIoException("cannot write " + target, e);
    }
  }

  /** Streams the whole, verified file into {@code out} (see {@link #download(XetHash, long, Path)}). */
  public void download(XetHash fileHash, long size, OutputStream out) {
    if (size == 0 || fileHash.equals(XetHash.ZERO)) {
      if (size != 0 || !fileHash.equals(XetHash.ZERO)) {
        throw new XetIntegrityException("file " + fileHash.toHex() + ": size " + size + " and hash disagree");
      }
      return;
    }
    CasClient.Reconstruction rec = cas.reconstruction(fileHash);
    List<XetHashing.Node> nodes = new ArrayList<>();
    long written = write(rec, 0, Long.MAX_VALUE, out, nodes);
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
   */
  public void downloadRange(XetHash fileHash, long start, long endInclusive, OutputStream out) {
    if (start < 0 || endInclusive < start) {
      throw new IllegalArgumentException("invalid range " + start + "-" + endInclusive);
    }
    CasClient.Reconstruction rec = cas.reconstruction(fileHash, start, endInclusive);
    long want = endInclusive - start + 1;
    long written = write(rec, rec.offsetIntoFirstRange(), want, out, new ArrayList<>());
    if (written != want) {
      throw new XetIntegrityException("range " + start + "-" + endInclusive + " of " + fileHash.toHex()
          + " rebuilt to " + written + " bytes");
    }
  }

  private long write(CasClient.Reconstruction rec, long skip, long limit, OutputStream out,
      List<XetHashing.Node> nodes) {
    long written = 0;
    long toSkip = skip;
    CasClient.FetchInfo cachedInfo = null;
    byte[] cached = null;
    try {
      for (CasClient.Term term : rec.terms()) {
        CasClient.FetchInfo fi = cover(rec, term);
        if (!fi.equals(cachedInfo)) {
          cached = cas.fetch(fi);
          cachedInfo = fi;
        }
        List<byte[]> chunks = decodeAndHash(cached, fi, term, nodes);
        long termBytes = 0;
        for (byte[] c : chunks) {
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
        if (termBytes != term.unpackedLength()) {
          throw new XetIntegrityException("xorb " + term.xorbHash().toHex() + " chunks [" + term.chunkStart() + ", "
              + term.chunkEnd() + ") hold " + termBytes + " bytes, the reconstruction says " + term.unpackedLength());
        }
        if (written >= limit) {
          break;
        }
      }
    } catch (IOException e) {
      throw new HfIoException("cannot write the downloaded file", e);
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

  /** Decodes the term's chunks out of a fetched range, hashing them in parallel; appends their nodes. */
  private static List<byte[]> decodeAndHash(byte[] range, CasClient.FetchInfo fi, CasClient.Term term,
      List<XetHashing.Node> nodes) {
    int skipChunks = term.chunkStart() - fi.chunkStart();
    int count = term.chunkEnd() - term.chunkStart();
    int p = 0;
    List<int[]> records = new ArrayList<>();
    int idx = 0;
    while (records.size() < count) {
      String where = "xorb " + term.xorbHash().toHex() + " chunk " + (fi.chunkStart() + idx);
      if (range.length - p < ChunkCodec.HEADER) {
        throw new XetIntegrityException(where + ": range truncated");
      }
      ChunkCodec.Header h = ChunkCodec.readHeader(range, p, where);
      int rec = ChunkCodec.HEADER + h.compressedLength();
      if (p + rec > range.length) {
        throw new XetIntegrityException(where + ": range truncated");
      }
      if (idx >= skipChunks) {
        records.add(new int[] {p, rec});
      }
      p += rec;
      idx++;
    }
    byte[][] data = new byte[count][];
    XetHash[] hashes = new XetHash[count];
    IntStream.range(0, count).parallel().forEach(i -> {
      int[] r = records.get(i);
      data[i] = Xorb.decodeChunk(range, r[0], r[1]);
      hashes[i] = XetHashing.chunkHash(data[i], 0, data[i].length);
    });
    for (int i = 0; i < count; i++) {
      nodes.add(new XetHashing.Node(hashes[i], data[i].length));
    }
    return List.of(data);
  }
}
