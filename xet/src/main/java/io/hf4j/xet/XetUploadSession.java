package io.hf4j.xet;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Uploads files to a CAS the way the Xet upload protocol describes: chunk, deduplicate (within the
 * session, against chunks the CAS reports through global dedupe, and across runs through a local record
 * of stored xorbs), pack new chunks into xorbs, upload xorbs, then register files with a shard.
 *
 * <p>Memory is bounded whatever the file size: one read block, one xorb being built, and per-file
 * metadata (48 bytes per chunk). {@link #add} may be called from several threads (files are processed
 * one at a time; each uses all cores for hashing); {@link #flush} registers every file added so far and
 * the session stays usable.
 */
public final class XetUploadSession {

  /** Progress of one file: bytes read so far, of which deduplicated and new. */
  @FunctionalInterface
  public interface ProgressListener {
    /**
     * Called after each block of a file.
     *
     * @param name the file's name, as given to {@code add}
     * @param bytesRead the bytes of the file read so far
     * @param bytesDeduplicated the bytes of the file found already stored so far
     * @param bytesNew the bytes of the file to be uploaded so far
     */
    void onProgress(String name, long bytesRead, long bytesDeduplicated, long bytesNew);
  }

  /**
   * Session options.
   *
   * @param globalDedupe    query the CAS for chunks eligible for global dedupe
   * @param maxXorbBytes    serialized xorb size limit (at most 64 MiB; smaller bounds memory further)
   * @param uploadedXorbDir where to record stored xorbs across runs (null: no record)
   * @param progress        progress listener (null: none)
   */
  public record Options(boolean globalDedupe, int maxXorbBytes, @Nullable Path uploadedXorbDir,
      @Nullable ProgressListener progress) {
    /**
     * Checks {@code maxXorbBytes}: it must hold at least one largest chunk and be at most 64 MiB.
     *
     * @param globalDedupe query the CAS for chunks eligible for global dedupe
     * @param maxXorbBytes serialized xorb size limit (at most 64 MiB; smaller bounds memory further)
     * @param uploadedXorbDir where to record stored xorbs across runs (null: no record)
     * @param progress progress listener (null: none)
     */
    public Options {
      int min = ChunkCodec.maxRecordLength(GearChunker.MAX);
      if (maxXorbBytes < min || maxXorbBytes > Xorb.MAX_SERIALIZED_BYTES) {
        throw new HfValidationException("maxXorbBytes must be within [" + min + ", " + Xorb.MAX_SERIALIZED_BYTES
            + "] but was " + maxXorbBytes);
      }
    }

    /** {@return the defaults: global dedupe on, 64 MiB xorbs, no cross-run record, no listener} */
    public static Options defaults() {
      return new Options(true, Xorb.MAX_SERIALIZED_BYTES, null, null);
    }

    /**
     * With a directory recording stored xorbs (e.g. under {@code $HF_HOME/xet}).
     *
     * @param dir the directory, or null for none
     * @return options with that directory
     */
    public Options withUploadedXorbDir(@Nullable Path dir) {
      return new Options(globalDedupe, maxXorbBytes, dir, progress);
    }

    /**
     * With a progress listener.
     *
     * @param listener the listener, or null for none
     * @return options with that listener
     */
    public Options withProgress(@Nullable ProgressListener listener) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, listener);
    }

    /**
     * With a xorb size limit.
     *
     * @param bytes the largest serialized xorb
     * @return options with that limit
     */
    public Options withMaxXorbBytes(int bytes) {
      return new Options(globalDedupe, bytes, uploadedXorbDir, progress);
    }

    /**
     * With global dedupe on or off.
     *
     * @param on whether to query the CAS for chunks it already has
     * @return options with that setting
     */
    public Options withGlobalDedupe(boolean on) {
      return new Options(on, maxXorbBytes, uploadedXorbDir, progress);
    }
  }

  /**
   * The outcome of one file.
   *
   * @param xetHash           the Xet file hash
   * @param sha256Hex         its sha256 (computed in the same read pass)
   * @param size              its size
   * @param bytesDeduplicated bytes found in xorbs already stored or already in this session
   * @param bytesNew          bytes packed into new xorbs
   */
  public record XetFileResult(XetHash xetHash, String sha256Hex, long size, long bytesDeduplicated, long bytesNew) {}

  /**
   * What a {@link #flush} sent.
   *
   * @param files          files registered by this flush
   * @param xorbsUploaded  xorbs sent to the CAS since the previous flush (stored or already present there)
   * @param xorbsSkipped   xorbs not sent because a previous run recorded them as stored
   * @param bytesSent      serialized xorb bytes sent since the previous flush
   * @param shardBytesSent shard bytes sent
   */
  public record XetUploadSummary(List<XetFileResult> files, int xorbsUploaded, int xorbsSkipped, long bytesSent,
      long shardBytesSent) {}

  /** A xorb of this session; its hash is known once built. */
  private static final class XorbRef {
    XetHash hash;
  }

  private record Loc(XorbRef xorb, int index) {}

  private record PendingSegment(XorbRef xorb, int start, int end, long bytes, List<XetHash> chunkHashes) {}

  private record PendingFile(XetHash hash, String sha256, List<PendingSegment> segments, XetFileResult result) {}

  private final CasClient cas;
  private final Options options;
  private final Object lock = new Object();
  private final Map<XetHash, Loc> known = new HashMap<>();
  private final List<Map.Entry<XetHash, Map<XetHash, Loc>>> protectedKnown = new ArrayList<>();
  private final Set<XetHash> queried = new HashSet<>();
  private XorbBuilder builder;
  /** The xorb upload in flight (overlapping the chunking of what follows), or null. */
  private java.util.concurrent.@Nullable Future<?> inFlight;
  private final boolean overlapUploads;
  /** Set when a xorb upload failed: chunks may point at a xorb the CAS does not have, so nothing more is sent. */
  private volatile @Nullable RuntimeException failure;
  private static final java.util.concurrent.ExecutorService UPLOADS =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hf4j-xet-xorb-upload");
        t.setDaemon(true);
        return t;
      });
  private XorbRef builderRef = new XorbRef();
  private final List<Shard.XorbEntry> xorbEntries = new ArrayList<>();
  private final List<PendingFile> pendingFiles = new ArrayList<>();
  private int xorbsUploaded;
  private int xorbsSkipped;
  private long bytesSent;

  /**
   * A session uploading through {@code cas}.
   *
   * @param cas the CAS to upload to
   * @param options dedupe, xorb size, record directory and listener
   */
  public XetUploadSession(CasClient cas, Options options) {
    this.cas = Objects.requireNonNull(cas, "cas");
    this.options = Objects.requireNonNull(options, "options");
    this.builder = newBuilder();
    // One upload in flight next to the xorb being built doubles the xorb memory: only with room for it.
    this.overlapUploads = Runtime.getRuntime().maxMemory() >= 4L * options.maxXorbBytes() + (128L << 20);
  }

  /** Waits for the xorb upload in flight; rethrows its failure. */
  private void awaitInFlight() {
    java.util.concurrent.Future<?> f = inFlight;
    inFlight = null;
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new io.hf4j.core.HfInterruptedException("interrupted while uploading a xorb", e);
    } catch (java.util.concurrent.ExecutionException e) {
      RuntimeException re = e.getCause() instanceof RuntimeException r ? r
          : new XetException("xorb upload failed", e.getCause());
      failure = re;
      throw re;
    }
  }

  private void checkUsable() {
    RuntimeException f = failure;
    if (f != null) {
      throw new IllegalStateException("this Xet upload session failed earlier (" + f.getClass().getSimpleName()
          + ": " + f.getMessage() + "); start a new session", f);
    }
  }

  private XorbBuilder newBuilder() {
    return new XorbBuilder(options.maxXorbBytes(), Xorb.MAX_CHUNKS);
  }

  /**
   * Chunks and deduplicates a file; new chunks go into xorbs (uploaded as they fill up).
   *
   * @throws HfIoException when the file cannot be read
   * @param file the file
   * @return the file's Xet hash, size and SHA-256
   */
  public XetFileResult add(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return add(file.getFileName().toString(), in);
    } catch (IOException e) {
      throw new HfIoException("cannot read " + file, e);
    }
  }

  /**
   * Chunks and deduplicates a stream of {@code size} bytes (the stream is not closed).
   *
   * @throws HfIoException when reading fails or the stream's length differs from {@code size}
   * @param in the content, read to its end
   * @param size the content's length in bytes
   * @return the file's Xet hash, size and SHA-256
   */
  public XetFileResult add(InputStream in, long size) {
    return add("stream", in, size);
  }

  /**
   * Like {@link #add(InputStream, long)}, with the name the progress listener reports.
   *
   * @throws HfIoException when reading fails or the stream's length differs from {@code size}
   * @param name the name reported to the progress listener
   * @param in the content, read to its end
   * @param size the content's length in bytes
   * @return the file's Xet hash, size and SHA-256
   */
  public XetFileResult add(String name, InputStream in, long size) {
    XetFileResult r = add(name, in);
    if (size >= 0 && r.size() != size) {
      throw new HfIoException("stream had " + r.size() + " bytes, expected " + size,
          new IOException("length mismatch"));
    }
    return r;
  }

  private XetFileResult add(String name, InputStream in) {
    synchronized (lock) {
      checkUsable();
      List<XetHashing.Node> nodes = new ArrayList<>();
      List<PendingSegment> segments = new ArrayList<>();
      long[] counters = new long[3]; // read, dedup, new
      ChunkStream.Result res;
      try {
        res = ChunkStream.run(in, true, (buf, starts, lens, hashes, count) -> {
          for (int i = 0; i < count; i++) {
            boolean first = nodes.isEmpty();
            XetHash h = hashes[i];
            nodes.add(new XetHashing.Node(h, lens[i]));
            Loc loc = lookup(h, first);
            if (loc != null) {
              counters[1] += lens[i];
            } else {
              if (!builder.fits(lens[i])) {
                sealXorb();
              }
              int idx = builder.add(buf, starts[i], lens[i], h);
              loc = new Loc(builderRef, idx);
              known.put(h, loc);
              counters[2] += lens[i];
            }
            appendSegment(segments, loc, lens[i], h);
            counters[0] += lens[i];
          }
          if (options.progress() != null) {
            options.progress().onProgress(name, counters[0], counters[1], counters[2]);
          }
        });
      } catch (IOException e) {
        throw new HfIoException("cannot read " + name, e);
      } finally {
        // the uploads overlap this file's chunking; when add returns, its full xorbs are stored
        awaitInFlight();
      }
      XetHash fileHash = XetHashing.fileHash(nodes);
      XetFileResult result = new XetFileResult(fileHash, res.sha256Hex(), res.size(), counters[1], counters[2]);
      pendingFiles.add(new PendingFile(fileHash, res.sha256Hex(), segments, result));
      return result;
    }
  }

  private static void appendSegment(List<PendingSegment> segments, Loc loc, int len, XetHash h) {
    if (!segments.isEmpty()) {
      PendingSegment last = segments.get(segments.size() - 1);
      if (last.xorb() == loc.xorb() && last.end() == loc.index()) {
        List<XetHash> hs = last.chunkHashes();
        hs.add(h);
        segments.set(segments.size() - 1, new PendingSegment(last.xorb(), last.start(), last.end() + 1,
            last.bytes() + len, hs));
        return;
      }
    }
    List<XetHash> hs = new ArrayList<>();
    hs.add(h);
    segments.add(new PendingSegment(loc.xorb(), loc.index(), loc.index() + 1, len, hs));
  }

  private @Nullable Loc lookup(XetHash h, boolean firstOfFile) {
    Loc loc = known.get(h);
    if (loc != null) {
      return loc;
    }
    for (Map.Entry<XetHash, Map<XetHash, Loc>> e : protectedKnown) {
      loc = e.getValue().get(XetHashing.hmac(h, e.getKey()));
      if (loc != null) {
        return loc;
      }
    }
    if (options.globalDedupe() && (firstOfFile || Xet.isGlobalDedupeEligible(h)) && queried.add(h)) {
      Shard s = cas.queryChunk(h);
      if (s != null) {
        Map<XetHash, Loc> target = new HashMap<>();
        for (Shard.XorbEntry x : s.xorbs()) {
          XorbRef ref = new XorbRef();
          ref.hash = x.xorbHash();
          for (int i = 0; i < x.chunks().size(); i++) {
            target.putIfAbsent(x.chunks().get(i).hash(), new Loc(ref, i));
          }
        }
        if (s.hmacKey() == null) {
          target.forEach(known::putIfAbsent);
        } else {
          protectedKnown.add(Map.entry(s.hmacKey(), target));
        }
        return lookup(h, false);
      }
    }
    return null;
  }

  /** Builds and uploads the current xorb (unless a previous run recorded it as stored). */
  private void sealXorb() {
    if (builder.isEmpty()) {
      return;
    }
    XorbBuilder.Built built = builder.build();
    builderRef.hash = built.hash();
    awaitInFlight();
    if (recorded(built.hash())) {
      xorbsSkipped++;
    } else {
      bytesSent += built.length();
      xorbsUploaded++;
      Runnable upload = () -> {
        cas.uploadXorb(built);
        record(built.hash());
      };
      if (overlapUploads) {
        inFlight = UPLOADS.submit(upload);
      } else {
        try {
          upload.run();
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        }
      }
    }
    List<Shard.ChunkEntry> chunks = new ArrayList<>();
    long offset = 0;
    for (Xorb.Chunk c : built.chunks()) {
      int flags = Xet.isGlobalDedupeEligible(c.hash()) ? Shard.CHUNK_FLAG_GLOBAL_DEDUP : 0;
      chunks.add(new Shard.ChunkEntry(c.hash(), offset, c.length(), flags));
      offset += c.length();
    }
    xorbEntries.add(new Shard.XorbEntry(built.hash(), 0, chunks, offset, built.length()));
    builder = newBuilder();
    builderRef = new XorbRef();
  }

  private @Nullable Path recordFile(XetHash h) {
    Path dir = options.uploadedXorbDir();
    if (dir == null) {
      return null;
    }
    String cas = Integer.toHexString(this.cas.casUrl().hashCode());
    return dir.resolve(cas).resolve(h.toHex());
  }

  private boolean recorded(XetHash h) {
    Path f = recordFile(h);
    return f != null && Files.isRegularFile(f);
  }

  private void record(XetHash h) {
    Path f = recordFile(h);
    if (f == null) {
      return;
    }
    try {
      Files.createDirectories(f.getParent());
      Path tmp = Files.createTempFile(f.getParent(), ".xorb", ".tmp");
      Files.writeString(tmp, cas.casUrl() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // the record only saves bandwidth in a later run; failing to write it changes nothing now
    }
  }

  /**
   * Uploads the pending xorb, then one shard registering every file added since the last flush (files
   * are registered only after all their xorbs are stored). The session stays usable.
   *
   * @return what was uploaded and deduplicated so far
   */
  public XetUploadSummary flush() {
    synchronized (lock) {
      checkUsable();
      try {
        sealXorb();
      } finally {
        awaitInFlight();
      }
      List<Shard.FileEntry> files = new ArrayList<>();
      List<XetFileResult> results = new ArrayList<>();
      for (PendingFile pf : pendingFiles) {
        List<Shard.Segment> segs = new ArrayList<>();
        List<XetHash> ver = new ArrayList<>();
        for (PendingSegment s : pf.segments()) {
          segs.add(new Shard.Segment(s.xorb().hash, 0, s.bytes(), s.start(), s.end()));
          ver.add(XetHashing.rangeHash(s.chunkHashes()));
        }
        if (!segs.isEmpty()) {
          files.add(new Shard.FileEntry(pf.hash(), segs, ver, pf.sha256()));
        }
        results.add(pf.result());
      }
      long shardBytes = 0;
      if (!files.isEmpty() || !xorbEntries.isEmpty()) {
        byte[] shard = new Shard(files, xorbEntries).serialize();
        cas.uploadShard(shard);
        shardBytes = shard.length;
      }
      pendingFiles.clear();
      xorbEntries.clear();
      XetUploadSummary summary = new XetUploadSummary(results, xorbsUploaded, xorbsSkipped, bytesSent, shardBytes);
      xorbsUploaded = 0;
      xorbsSkipped = 0;
      bytesSent = 0;
      return summary;
    }
  }

  /** {@return the same as {@link #flush()}: uploads what remains and registers the files} */
  public XetUploadSummary finish() {
    return flush();
  }
}
