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
   * @param executor        runs the CPU work (chunk hashes, sha256, compression) next to the calling thread, which
   *                        always helps, so any executor works (null: a shared daemon pool, one thread per core)
   */
  public record Options(boolean globalDedupe, int maxXorbBytes, @Nullable Path uploadedXorbDir,
      @Nullable ProgressListener progress, java.util.concurrent.@Nullable Executor executor) {
    /**
     * Checks {@code maxXorbBytes}: it must hold at least one largest chunk and be at most 64 MiB.
     *
     * @param globalDedupe query the CAS for chunks eligible for global dedupe
     * @param maxXorbBytes serialized xorb size limit (at most 64 MiB; smaller bounds memory further)
     * @param uploadedXorbDir where to record stored xorbs across runs (null: no record)
     * @param progress progress listener (null: none)
     * @param executor where chunking and hashing run (null: a shared daemon pool)
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
      return new Options(true, Xorb.MAX_SERIALIZED_BYTES, null, null, null);
    }

    /**
     * With a directory recording stored xorbs (e.g. under {@code $HF_HOME/xet}).
     *
     * @param dir the directory, or null for none
     * @return options with that directory
     */
    public Options withUploadedXorbDir(@Nullable Path dir) {
      return new Options(globalDedupe, maxXorbBytes, dir, progress, executor);
    }

    /**
     * With a progress listener.
     *
     * @param listener the listener, or null for none
     * @return options with that listener
     */
    public Options withProgress(@Nullable ProgressListener listener) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, listener, executor);
    }

    /**
     * With a xorb size limit.
     *
     * @param bytes the largest serialized xorb
     * @return options with that limit
     */
    public Options withMaxXorbBytes(int bytes) {
      return new Options(globalDedupe, bytes, uploadedXorbDir, progress, executor);
    }

    /**
     * With the executor for the CPU work and the xorb upload in flight (null: the shared default pool).
     *
     * @param exec the executor (the caller always helps, so any executor works)
     * @return options with that executor
     */
    public Options withExecutor(java.util.concurrent.@Nullable Executor exec) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, progress, exec);
    }

    /**
     * With global dedupe on or off.
     *
     * @param on whether to query the CAS for chunks it already has
     * @return options with that setting
     */
    public Options withGlobalDedupe(boolean on) {
      return new Options(on, maxXorbBytes, uploadedXorbDir, progress, executor);
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
  /** Global dedupe answers fetched by {@link #prepare} ahead of the file's turn (empty: no shard has the chunk). */
  private final Map<XetHash, java.util.Optional<Shard>> prefetched = new java.util.concurrent.ConcurrentHashMap<>();
  private XorbBuilder builder;
  /** The xorb upload in flight (overlapping the chunking of what follows), or null. */
  private java.util.concurrent.@Nullable FutureTask<?> inFlight;
  private final boolean overlapUploads;
  /** Set when a xorb upload failed: chunks may point at a xorb the CAS does not have, so nothing more is sent. */
  private volatile @Nullable RuntimeException failure;
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
    java.util.concurrent.FutureTask<?> f = inFlight;
    inFlight = null;
    if (f == null) {
      return;
    }
    try {
      // Not started yet (every thread of the executor busy): upload it here instead of waiting behind other work
      // on that executor. A no-op when another thread runs or ran it.
      f.run();
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
    return new XorbBuilder(options.maxXorbBytes(), Xorb.MAX_CHUNKS, Parallel.orDefault(options.executor()));
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
      FileState st = new FileState(name);
      ChunkStream.Result res;
      try {
        res = ChunkStream.run(in, true, options.executor(), st::accept);
      } catch (IOException e) {
        throw new HfIoException("cannot read " + name, e);
      } finally {
        // the uploads overlap this file's chunking; when add returns, its full xorbs are stored
        awaitInFlight();
      }
      return st.finish(res.size(), res.sha256Hex());
    }
  }

  /**
   * A small file chunked and hashed ahead of its turn by {@link #prepare}: its bytes, chunk boundaries and hashes,
   * and its sha256. Holds the whole content: only for small files.
   */
  public static final class Prepared {
    private final String name;
    private final byte[] data;
    private final int[] starts;
    private final int[] lengths;
    private final XetHash[] hashes;
    private final String sha256Hex;

    private Prepared(String name, byte[] data, int[] starts, int[] lengths, XetHash[] hashes, String sha256Hex) {
      this.name = name;
      this.data = data;
      this.starts = starts;
      this.lengths = lengths;
      this.hashes = hashes;
      this.sha256Hex = sha256Hex;
    }

    /** {@return the content's size} */
    public long size() {
      return data.length;
    }
  }

  /**
   * Chunks and hashes a small file's content (sha256 included) and asks the CAS about the chunks eligible for global
   * dedupe, all without the session's lock: several files can be prepared at once, on any threads, while
   * {@link #add(Prepared)} registers them one at a time in the caller's order (so xorbs are packed the same way
   * whatever the timing). The content is kept until then: call it for small files only.
   *
   * @param name the file's name, for messages
   * @param content the file's bytes
   * @return the prepared file, for {@link #add(Prepared)}
   */
  public Prepared prepare(String name, byte[] content) {
    Objects.requireNonNull(content, "content");
    List<int[]> cuts = new ArrayList<>();
    List<XetHash> hs = new ArrayList<>();
    ChunkStream.Result res;
    try {
      res = ChunkStream.run(new java.io.ByteArrayInputStream(content), true,
          Math.min(content.length, ChunkStream.DEFAULT_BLOCK), Parallel.orDefault(options.executor()), (buf, starts, lens, hashes, count) -> {
            for (int i = 0; i < count; i++) {
              cuts.add(new int[] {starts[i], lens[i]});
              hs.add(hashes[i]);
            }
          });
    } catch (IOException e) {
      throw new HfIoException("cannot read " + name, e);
    }
    int n = hs.size();
    int[] starts = new int[n];
    int[] lengths = new int[n];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      starts[i] = offset; // the chunk stream moves unfinished tails, so offsets are recomputed from the lengths
      lengths[i] = cuts.get(i)[1];
      offset += lengths[i];
    }
    XetHash[] hashes = hs.toArray(new XetHash[0]);
    if (options.globalDedupe()) {
      for (int i = 0; i < n; i++) {
        XetHash h = hashes[i];
        if ((i == 0 || Xet.isGlobalDedupeEligible(h)) && !prefetched.containsKey(h)) {
          synchronized (lock) {
            if (known.containsKey(h) || queried.contains(h)) {
              continue;
            }
          }
          prefetched.putIfAbsent(h, java.util.Optional.ofNullable(cas.queryChunk(h)));
        }
      }
    }
    return new Prepared(name, content, starts, lengths, hashes, res.sha256Hex());
  }

  /**
   * Registers a {@link #prepare prepared} file: like {@link #add(Path)}, with the reading and hashing done.
   *
   * @param file the prepared file
   * @return the file's Xet hash, sha256 and size
   */
  public XetFileResult add(Prepared file) {
    synchronized (lock) {
      checkUsable();
      FileState st = new FileState(file.name);
      try {
        if (file.hashes.length > 0) {
          st.accept(file.data, file.starts, file.lengths, file.hashes, file.hashes.length);
        }
      } finally {
        awaitInFlight();
      }
      return st.finish(file.data.length, file.sha256Hex);
    }
  }

  /** One file going through the session (under its lock): its chunks, segments and counters. */
  private final class FileState {
    final String name;
    final List<XetHashing.Node> nodes = new ArrayList<>();
    final List<PendingSegment> segments = new ArrayList<>();
    long read;
    long dedup;
    long fresh;

    FileState(String name) {
      this.name = name;
    }

    void accept(byte[] buf, int[] starts, int[] lens, XetHash[] hashes, int count) {
      for (int i = 0; i < count; i++) {
        boolean first = nodes.isEmpty();
        XetHash h = hashes[i];
        nodes.add(new XetHashing.Node(h, lens[i]));
        Loc loc = lookup(h, first);
        if (loc != null) {
          dedup += lens[i];
        } else {
          if (!builder.fits(lens[i])) {
            sealXorb();
          }
          int idx = builder.add(buf, starts[i], lens[i], h);
          loc = new Loc(builderRef, idx);
          known.put(h, loc);
          fresh += lens[i];
        }
        appendSegment(segments, loc, lens[i], h);
        read += lens[i];
      }
      if (options.progress() != null) {
        options.progress().onProgress(name, read, dedup, fresh);
      }
    }

    XetFileResult finish(long size, @Nullable String sha256Hex) {
      XetHash fileHash = XetHashing.fileHash(nodes);
      String sha = Objects.requireNonNull(sha256Hex, "sha256");
      XetFileResult result = new XetFileResult(fileHash, sha, size, dedup, fresh);
      pendingFiles.add(new PendingFile(fileHash, sha, segments, result));
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
      java.util.Optional<Shard> asked = prefetched.remove(h);
      Shard s = asked != null ? asked.orElse(null) : cas.queryChunk(h);
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
        java.util.concurrent.FutureTask<?> task = new java.util.concurrent.FutureTask<>(upload, null);
        inFlight = task;
        Parallel.orDefault(options.executor()).execute(task);
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
