package io.hf4j.xet;

import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uploads files to a CAS the way the Xet upload protocol describes: chunk, deduplicate (within the
 * session, against chunks the CAS reports through global dedupe, and across runs through a local record
 * of stored xorbs), pack new chunks into xorbs, upload xorbs, then register files with a shard.
 *
 * <p>Xorbs are uploaded as they fill up, several at once on the options' executor (the calling thread uploads
 * those no executor thread has started when it has to wait for them), while the session goes on chunking: {@link
 * #add} returns once a file's chunks are packed, possibly before its xorbs are stored; {@link #awaitUploads} waits
 * for them, and {@link #flush} uploads the shard only after every xorb it references is stored. A xorb is recorded
 * as stored (for a later run, see {@link Options#uploadedXorbDir}) only once the CAS confirmed it.
 *
 * <p>The first failed xorb upload fails the session: the uploads still in flight are cancelled, nothing is
 * registered, the failure is thrown by the next call (and {@link IllegalStateException} by every call after it).
 * Cancelling the options' {@link CancellationToken} or interrupting a thread waiting in the session does the same
 * with {@link CancelledException}. No call returns or throws while an upload of the session is still running
 * after a failure.
 *
 * <p>Memory is bounded whatever the file size: the read blocks, one xorb being built, the xorbs in flight (at most
 * {@link #uploadsInFlight}, derived from the heap's limit) and per-file metadata (48 bytes per chunk). {@link #add}
 * may be called from several threads (files are processed one at a time; each uses all cores for hashing); {@link
 * #flush} registers every file added so far and the session stays usable; {@link #close} ends it.
 */
public final class XetUploadSession implements AutoCloseable {

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
   * @param executor        runs the CPU work (chunk hashes, sha256, compression) and the xorb uploads next to the
   *                        calling thread, which always helps, so any executor works (null: a shared daemon pool, one
   *                        thread per core)
   * @param cancellationToken cancels the session's work (null: none)
   */
  public record Options(boolean globalDedupe, int maxXorbBytes, @Nullable Path uploadedXorbDir,
      @Nullable ProgressListener progress, java.util.concurrent.@Nullable Executor executor,
      @Nullable CancellationToken cancellationToken) {
    /**
     * Checks {@code maxXorbBytes}: it must hold at least one largest chunk and be at most 64 MiB.
     *
     * @param globalDedupe query the CAS for chunks eligible for global dedupe
     * @param maxXorbBytes serialized xorb size limit (at most 64 MiB; smaller bounds memory further)
     * @param uploadedXorbDir where to record stored xorbs across runs (null: no record)
     * @param progress progress listener (null: none)
     * @param executor where chunking, hashing and xorb uploads run (null: a shared daemon pool)
     * @param cancellationToken cancels the session's work (null: none)
     */
    public Options {
      int min = ChunkCodec.maxRecordLength(GearChunker.MAX);
      if (maxXorbBytes < min || maxXorbBytes > Xorb.MAX_SERIALIZED_BYTES) {
        throw new HfValidationException("maxXorbBytes must be within [" + min + ", " + Xorb.MAX_SERIALIZED_BYTES
            + "] but was " + maxXorbBytes);
      }
    }

    /** {@return the defaults: global dedupe on, 64 MiB xorbs, no cross-run record, no listener, no token} */
    public static Options defaults() {
      return new Options(true, Xorb.MAX_SERIALIZED_BYTES, null, null, null, null);
    }

    /**
     * With a directory recording stored xorbs (e.g. under {@code $HF_HOME/xet}).
     *
     * @param dir the directory, or null for none
     * @return options with that directory
     */
    public Options withUploadedXorbDir(@Nullable Path dir) {
      return new Options(globalDedupe, maxXorbBytes, dir, progress, executor, cancellationToken);
    }

    /**
     * With a progress listener.
     *
     * @param listener the listener, or null for none
     * @return options with that listener
     */
    public Options withProgress(@Nullable ProgressListener listener) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, listener, executor, cancellationToken);
    }

    /**
     * With a xorb size limit.
     *
     * @param bytes the largest serialized xorb
     * @return options with that limit
     */
    public Options withMaxXorbBytes(int bytes) {
      return new Options(globalDedupe, bytes, uploadedXorbDir, progress, executor, cancellationToken);
    }

    /**
     * With the executor for the CPU work and the xorb upload in flight (null: the shared default pool).
     *
     * @param exec the executor (the caller always helps, so any executor works)
     * @return options with that executor
     */
    public Options withExecutor(java.util.concurrent.@Nullable Executor exec) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, progress, exec, cancellationToken);
    }

    /**
     * With global dedupe on or off.
     *
     * @param on whether to query the CAS for chunks it already has
     * @return options with that setting
     */
    public Options withGlobalDedupe(boolean on) {
      return new Options(on, maxXorbBytes, uploadedXorbDir, progress, executor, cancellationToken);
    }

    /**
     * With a cancellation token: cancelling it cancels the xorb uploads in flight and makes the session's calls
     * throw {@link CancelledException}.
     *
     * @param token the token, or null for none
     * @return options with that token
     */
    public Options withCancellationToken(@Nullable CancellationToken token) {
      return new Options(globalDedupe, maxXorbBytes, uploadedXorbDir, progress, executor, token);
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
  /** Xorb uploads submitted and not yet seen finished (only the thread holding {@link #lock} touches it). */
  private final List<Upload> inFlight = new ArrayList<>();
  /** Uploads that finished, as they finish (any thread adds, the lock holder takes). */
  private final LinkedBlockingQueue<Upload> finished = new LinkedBlockingQueue<>();
  /** At most this many xorb uploads in flight; 0: each xorb is uploaded by the calling thread when sealed. */
  private final int maxInFlight;
  /**
   * The first failure (of a xorb upload, or the cancellation): chunks may point at a xorb the CAS does not have,
   * so nothing more is sent.
   */
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  /** Whether a call already threw {@link #failure} itself (later calls throw IllegalStateException). */
  private boolean failureThrown;
  private boolean closed;
  /** Cancelled on the first failure: aborts the uploads in flight. */
  private final CancellationToken stop = CancellationToken.create();
  private final Runnable unhook;
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
    this.maxInFlight = uploadsInFlight(Runtime.getRuntime().maxMemory(), options.maxXorbBytes());
    CancellationToken user = options.cancellationToken();
    this.unhook = user == null ? () -> { }
        : user.onCancel(() -> fail(new CancelledException("the Xet upload was cancelled")));
  }

  /** Prepared files up to this size are chunked and hashed by the preparing thread alone. */
  private static final int PREPARE_INLINE_MAX = 1 << 20;
  /** Heap kept for everything but xorbs (read blocks, metadata, the HTTP stack, the application). */
  private static final long RESERVED_HEAP = 128L << 20;
  /** The most xorb uploads in flight, however much memory there is. */
  static final int MAX_UPLOADS_IN_FLIGHT = 4;

  /**
   * How many xorb uploads a session keeps in flight with a heap limit of {@code maxHeap}: each xorb in flight holds
   * up to {@code maxXorbBytes}, as does the one being built; twice that per xorb is kept free for the collector, and
   * {@value #RESERVED_HEAP} bytes for the rest. 0 (with 64 MiB xorbs below 384 MiB of heap, e.g. {@code -Xmx256m}):
   * each xorb is uploaded when sealed, by the calling thread.
   *
   * @param maxHeap the heap's limit ({@link Runtime#maxMemory()})
   * @param maxXorbBytes the largest serialized xorb
   * @return the bound, between 0 and {@value #MAX_UPLOADS_IN_FLIGHT}
   */
  static int uploadsInFlight(long maxHeap, int maxXorbBytes) {
    long slots = (maxHeap - RESERVED_HEAP) / (2L * maxXorbBytes) - 1;
    return (int) Math.max(0, Math.min(MAX_UPLOADS_IN_FLIGHT, slots));
  }

  /** {@return how many xorb uploads this session keeps in flight at most (0: none, each is uploaded when sealed)} */
  int maxUploadsInFlight() {
    return maxInFlight;
  }

  /** One xorb upload: run once, by an executor thread or by a thread waiting for it, whichever comes first. */
  private final class Upload implements Runnable {
    private XorbBuilder.@Nullable Built xorb;
    private final XetHash hash;
    private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

    Upload(XorbBuilder.Built xorb) {
      this.xorb = xorb;
      this.hash = xorb.hash();
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        XorbBuilder.Built x = Objects.requireNonNull(xorb);
        if (!stop.isCancelled()) {
          cas.uploadXorb(x, stop);
          record(hash); // only now: the CAS confirmed it
        }
      } catch (RuntimeException | Error e) {
        fail(e);
      } finally {
        xorb = null; // its memory goes as soon as it is sent
        finished.add(this);
      }
    }

    boolean claimed() {
      return claimed.get();
    }
  }

  /** Records the first failure and cancels the uploads in flight. */
  private void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      stop.cancel();
    }
  }

  /**
   * Waits until at most {@code keep} uploads are in flight, or none once the session failed; uploads no executor
   * thread has started yet are run here. An interrupt fails the session (and is kept on the thread).
   */
  private void settle(int keep) {
    boolean interrupted = false;
    try {
      while (true) {
        for (Upload u; (u = finished.poll()) != null; ) {
          inFlight.remove(u);
        }
        if (inFlight.isEmpty() || (inFlight.size() <= keep && failure.get() == null)) {
          return;
        }
        Upload idle = null;
        boolean running = false;
        for (Upload u : inFlight) {
          if (u.claimed()) {
            running = true;
          } else if (idle == null) {
            idle = u;
          }
        }
        if (idle != null && !running) {
          // No executor thread runs any of them (a busy or direct executor): upload one here (at once done after a
          // failure). While others run, wait for them instead: the executor picks the rest up, and this thread stays
          // where an interrupt reaches it.
          idle.run();
          continue;
        }
        try {
          inFlight.remove(finished.take());
        } catch (InterruptedException e) {
          interrupted = true;
          fail(new CancelledException("interrupted while uploading xorbs", e));
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Like {@link #settle}, then throws the session's failure, if any. */
  private void drain(int keep) {
    settle(keep);
    throwIfFailed();
  }

  /** An interrupt seen while chunking or compressing: fails the session, stops its uploads, throws. */
  private RuntimeException interrupted(io.hf4j.core.HfInterruptedException e) {
    if (failure.get() == e) {
      return e; // the session's own failure, on its way out already
    }
    fail(e instanceof CancelledException c ? c : new CancelledException(e.getMessage()));
    throwIfFailed();
    return e;
  }

  private void throwIfFailed() {
    Throwable f = failure.get();
    if (f == null) {
      return;
    }
    settle(0);
    if (!failureThrown) {
      failureThrown = true;
      if (f instanceof RuntimeException r) {
        throw r;
      }
      if (f instanceof Error e) {
        throw e;
      }
      throw new XetException("xorb upload failed", f);
    }
    throw new IllegalStateException("this Xet upload session failed earlier (" + f.getClass().getSimpleName()
        + ": " + f.getMessage() + "); start a new session", f);
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("this Xet upload session is closed");
    }
    throwIfFailed();
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
      return addStream(file.getFileName().toString(), in, Files.size(file));
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
    XetFileResult r = addStream(name, in, size);
    if (size >= 0 && r.size() != size) {
      throw new HfIoException("stream had " + r.size() + " bytes, expected " + size,
          new IOException("length mismatch"));
    }
    return r;
  }

  /** {@code sizeHint}: the expected length (sizes the first block), or -1. */
  private XetFileResult addStream(String name, InputStream in, long sizeHint) {
    synchronized (lock) {
      checkUsable();
      FileState st = new FileState(name);
      ChunkStream.Result res;
      try {
        res = ChunkStream.run(in, true, sizeHint, options.executor(), st::accept);
      } catch (IOException e) {
        if (e instanceof java.io.InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
          fail(new CancelledException("interrupted while chunking " + name));
        }
        throwIfFailed(); // a failed upload or the cancellation stopped the read
        throw new HfIoException("cannot read " + name, e);
      } catch (io.hf4j.core.HfInterruptedException e) {
        throw interrupted(e);
      }
      // the file's xorbs may still be uploading: awaitUploads or flush waits for them
      settle(maxInFlight);
      throwIfFailed();
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
    int[] starts;
    int[] lengths;
    XetHash[] hashes;
    String sha256Hex;
    if (content.length <= PREPARE_INLINE_MAX) {
      // Small: cut, hash and sha256 right here, in one go over the array (this runs on one of several threads
      // preparing files at once; no read block, no executor tasks per file).
      int[] st = new int[content.length / GearChunker.MIN + 2];
      int[] ln = new int[st.length];
      int n = 0;
      for (int pos = 0; pos < content.length; n++) {
        int cut = GearChunker.findCut(content, pos, content.length, true);
        st[n] = pos;
        ln[n] = cut - pos;
        pos = cut;
      }
      starts = java.util.Arrays.copyOf(st, n);
      lengths = java.util.Arrays.copyOf(ln, n);
      hashes = new XetHash[n];
      for (int i = 0; i < n; i++) {
        hashes[i] = XetHashing.chunkHash(content, starts[i], lengths[i]);
      }
      sha256Hex = java.util.HexFormat.of().formatHex(ChunkStream.sha().digest(content));
    } else {
      List<int[]> cuts = new ArrayList<>();
      List<XetHash> hs = new ArrayList<>();
      ChunkStream.Result res;
      try {
        res = ChunkStream.run(new java.io.ByteArrayInputStream(content), true,
            Math.min(content.length, ChunkStream.DEFAULT_BLOCK), Parallel.orDefault(options.executor()), (buf, at, lens, hs1, count) -> {
              for (int i = 0; i < count; i++) {
                cuts.add(new int[] {at[i], lens[i]});
                hs.add(hs1[i]);
              }
            });
      } catch (IOException e) {
        throw new HfIoException("cannot read " + name, e);
      }
      int n = hs.size();
      starts = new int[n];
      lengths = new int[n];
      int offset = 0;
      for (int i = 0; i < n; i++) {
        starts[i] = offset; // the chunk stream moves unfinished tails, so offsets are recomputed from the lengths
        lengths[i] = cuts.get(i)[1];
        offset += lengths[i];
      }
      hashes = hs.toArray(new XetHash[0]);
      sha256Hex = Objects.requireNonNull(res.sha256Hex(), "sha256");
    }
    if (options.globalDedupe()) {
      for (int i = 0; i < hashes.length; i++) {
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
    return new Prepared(name, content, starts, lengths, hashes, sha256Hex);
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
      if (file.hashes.length > 0) {
        try {
          st.accept(file.data, file.starts, file.lengths, file.hashes, file.hashes.length);
        } catch (io.hf4j.core.HfInterruptedException e) {
          throw interrupted(e);
        }
      }
      settle(maxInFlight);
      throwIfFailed();
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
      throwIfFailed(); // a failed upload or the cancellation stops the file at the next block
      boolean ok = false;
      try {
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
            int idx = builder.addBorrowed(buf, starts[i], lens[i], h); // compressed before this returns
            loc = new Loc(builderRef, idx);
            known.put(h, loc);
            fresh += lens[i];
          }
          appendSegment(segments, loc, lens[i], h);
          read += lens[i];
        }
        builder.flushBorrowed(); // the block's buffer is reused once this returns
        ok = true;
      } finally {
        if (!ok) {
          builder.detachBorrowed(); // failing: keep copies, compress nothing (an interrupt must stay as thrown)
        }
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
    if (recorded(built.hash())) {
      xorbsSkipped++;
    } else {
      bytesSent += built.length();
      xorbsUploaded++;
      Upload upload = new Upload(built);
      if (maxInFlight == 0) {
        inFlight.add(upload);
        upload.run();
        drain(0);
      } else {
        drain(maxInFlight - 1); // a free slot first: at most maxInFlight built xorbs wait or travel
        inFlight.add(upload);
        try {
          Parallel.orDefault(options.executor()).execute(upload);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // a waiting thread uploads it
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
    Path tmp = null;
    try {
      Files.createDirectories(f.getParent());
      tmp = Files.createTempFile(f.getParent(), ".xorb", ".tmp");
      Files.writeString(tmp, cas.casUrl() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      // the record only saves bandwidth in a later run; failing to write it changes nothing now
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // nothing else to do; a stray temporary file is never read as a record
        }
      }
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
      } catch (io.hf4j.core.HfInterruptedException e) {
        throw interrupted(e);
      }
      drain(0); // the shard only after every xorb it references is stored
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

  /**
   * Waits until every xorb sealed so far (every full xorb of the files added) is stored on the CAS and recorded;
   * the xorb still being filled is not sent. A run that stops after this re-sends none of those xorbs.
   *
   * @throws CancelledException when the session is cancelled or the thread interrupted meanwhile
   * @throws io.hf4j.core.HfException the failure of a xorb upload
   */
  public void awaitUploads() {
    synchronized (lock) {
      checkUsable();
      drain(0);
    }
  }

  /**
   * Ends the session: uploads still in flight are cancelled and waited for, files added since the last {@link
   * #flush} are not registered, the cancellation token is let go. Idempotent; never throws the session's failure.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      unhook.run();
      if (!inFlight.isEmpty()) {
        fail(new CancelledException("the Xet upload session was closed"));
      }
      settle(0);
    }
  }
}
