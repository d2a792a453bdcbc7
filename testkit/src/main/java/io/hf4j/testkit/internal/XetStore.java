package io.hf4j.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The emulator's Xet CAS storage: xorbs and shards on disk (under {@code <root>/xet}), and in memory the chunk
 * layout of every xorb, the files registered by shards, the global-dedupe index and the issued Xet tokens. On a
 * restart with a data directory everything is rebuilt by re-parsing the stored xorbs and shards.
 */
public final class XetStore {
  private static final System.Logger LOG = System.getLogger(XetStore.class.getName());
  /** Above this many issued tokens the expired ones are dropped (resolve answers issue one each). */
  private static final int MAX_TOKENS = 10_000;

  /** A registered file: its Xet hash, size, SHA-256 (null when the shard gave none) and segments. */
  public record XetFile(String hash, long size, String sha256, List<XetFormats.Segment> segments) {}

  /** An issued Xet access token, scoped to one repo. */
  public record Token(String value, String repoType, String repoId, boolean write, Instant expiresAt) {}

  private final Path xorbDir;
  private final Path shardDir;
  private final Path tmpDir;
  private final XetFormats formats;
  private final Map<String, XetFormats.Xorb> xorbs = new ConcurrentHashMap<>();
  private final Map<String, XetFile> files = new ConcurrentHashMap<>();
  private final Map<String, String> fileBySha256 = new ConcurrentHashMap<>();
  private final Map<String, String> shardByChunk = new ConcurrentHashMap<>();
  private final Set<String> shards = ConcurrentHashMap.newKeySet();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, Integer> refusedRepos = new ConcurrentHashMap<>();
  private final AtomicLong xorbUploads = new AtomicLong();
  private final AtomicLong xorbBytesReceived = new AtomicLong();
  private final AtomicLong shardUploads = new AtomicLong();
  private volatile Duration tokenTtl = Duration.ofHours(1);
  private volatile int refuseAllStatus;

  public XetStore(Path root) {
    this(root, new XetFormatsImpl());
  }

  XetStore(Path root, XetFormats formats) {
    this.formats = formats;
    this.xorbDir = root.resolve("xorbs");
    this.shardDir = root.resolve("shards");
    this.tmpDir = root.resolve("tmp");
    try {
      Files.createDirectories(xorbDir);
      Files.createDirectories(shardDir);
      Files.createDirectories(tmpDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reload();
  }

  XetFormats formats() {
    return formats;
  }

  private void reload() {
    try (Stream<Path> list = Files.list(xorbDir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        try {
          XetFormats.Xorb x = formats.parseXorb(Files.readAllBytes(p));
          xorbs.put(x.hash(), x);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "skipping unreadable stored xorb " + p.getFileName() + ": " + e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> list = Files.list(shardDir)) {
      for (Path p : (Iterable<Path>) list::iterator) {
        try {
          XetFormats.Shard s = formats.parseShard(Files.readAllBytes(p));
          index(p.getFileName().toString(), s);
        } catch (IOException | RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "skipping unreadable stored shard " + p.getFileName() + ": " + e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- tokens

  public Duration tokenTtl() {
    return tokenTtl;
  }

  public void tokenTtl(Duration ttl) {
    this.tokenTtl = ttl;
  }

  public Token issue(String repoType, String repoId, boolean write, Instant now) {
    Token t = new Token("xet_" + Ids.randomHex(24), repoType, repoId, write, now.plus(tokenTtl));
    if (tokens.size() >= MAX_TOKENS) {
      tokens.values().removeIf(x -> !now.isBefore(x.expiresAt()));
    }
    tokens.put(t.value(), t);
    return t;
  }

  public Optional<Token> token(String value) {
    return value == null ? Optional.empty() : Optional.ofNullable(tokens.get(value));
  }

  /** Makes every token issued so far expired (a long upload outliving its token). */
  public void expireTokens() {
    tokens.replaceAll((k, t) -> new Token(t.value(), t.repoType(), t.repoId(), t.write(), Instant.EPOCH));
  }

  /** The status the token routes answer for a repo ({@code 0}: tokens are issued). */
  public int refusal(String repoType, String repoId) {
    Integer s = refusedRepos.get(repoType + ":" + repoId);
    return s != null ? s : refuseAllStatus;
  }

  public void refuse(String repoType, String repoId, int status) {
    if (status == 0) {
      refusedRepos.remove(repoType + ":" + repoId);
    } else {
      refusedRepos.put(repoType + ":" + repoId, status);
    }
  }

  public void refuseAll(int status) {
    this.refuseAllStatus = status;
  }

  // ---------------------------------------------------------------- xorbs

  public Optional<XetFormats.Xorb> xorb(String hash) {
    return Optional.ofNullable(xorbs.get(hash));
  }

  public boolean hasXorb(String hash) {
    return xorbs.containsKey(hash) && Files.isRegularFile(xorbPath(hash));
  }

  Path xorbPath(String hash) {
    return xorbDir.resolve(hash);
  }

  public long xorbLength(String hash) {
    try {
      return Files.size(xorbPath(hash));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates and stores a xorb under {@code expectedHash}; false when it was already stored. */
  public boolean putXorb(String expectedHash, byte[] serialized) throws IOException {
    XetFormats.Xorb x = formats.parseXorb(serialized);
    if (!x.hash().equals(expectedHash)) {
      throw new IllegalArgumentException("the xorb's chunks hash to " + x.hash() + ", not " + expectedHash);
    }
    xorbBytesReceived.addAndGet(serialized.length);
    if (hasXorb(x.hash())) {
      return false;
    }
    Path tmp = tmpDir.resolve(Ids.randomHex(16));
    Files.write(tmp, serialized);
    move(tmp, xorbPath(x.hash()));
    xorbs.put(x.hash(), x);
    xorbUploads.incrementAndGet();
    return true;
  }

  /** Removes a stored xorb (tests: a reconstruction that references a missing xorb). */
  public boolean deleteXorb(String hash) {
    xorbs.remove(hash);
    try {
      return Files.deleteIfExists(xorbPath(hash));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code [from, toInclusive]} of a stored xorb. */
  public byte[] readXorb(String hash, long from, long toInclusive) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(xorbPath(hash).toFile(), "r")) {
      byte[] out = new byte[Math.toIntExact(toInclusive - from + 1)];
      f.seek(from);
      f.readFully(out);
      return out;
    }
  }

  public Set<String> xorbHashes() {
    return Set.copyOf(xorbs.keySet());
  }

  public long xorbUploads() {
    return xorbUploads.get();
  }

  public long xorbBytesReceived() {
    return xorbBytesReceived.get();
  }

  // ---------------------------------------------------------------- shards and files

  /** A file registered by a shard. */
  public Optional<XetFile> file(String hash) {
    return Optional.ofNullable(files.get(hash));
  }

  /** The Xet hash of the registered file with this SHA-256. */
  public Optional<String> xetHashOfSha256(String sha256) {
    return sha256 == null ? Optional.empty() : Optional.ofNullable(fileBySha256.get(sha256));
  }

  public int fileCount() {
    return files.size();
  }

  public int shardCount() {
    return shards.size();
  }

  public long shardUploads() {
    return shardUploads.get();
  }

  /** The stored shard holding a chunk (global dedupe), as bytes. */
  public Optional<byte[]> shardForChunk(String chunkHash, Instant now) throws IOException {
    String id = shardByChunk.get(chunkHash);
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(formats.dedupeAnswer(Files.readAllBytes(shardDir.resolve(id)), now.getEpochSecond()));
  }

  /**
   * Validates a shard against the stored xorbs: every xorb it lists or references is stored, chunk ranges and
   * sizes match, verification hashes and file hashes are right. Throws {@link IllegalArgumentException} naming what
   * is wrong; registering is a separate step ({@link #register}).
   */
  public Validated validateShard(byte[] serialized) {
    XetFormats.Shard s = formats.parseShard(serialized);
    for (XetFormats.CasEntry c : s.xorbs()) {
      XetFormats.Xorb stored = xorbs.get(c.xorb());
      if (stored == null || !hasXorb(c.xorb())) {
        throw new IllegalArgumentException("the shard lists xorb " + c.xorb() + ", which was never uploaded");
      }
      if (stored.chunks().size() != c.chunkHashes().size()) {
        throw new IllegalArgumentException("the shard lists " + c.chunkHashes().size() + " chunks for xorb " + c.xorb()
            + ", which has " + stored.chunks().size());
      }
      for (int i = 0; i < c.chunkHashes().size(); i++) {
        if (!stored.chunks().get(i).hash().equals(c.chunkHashes().get(i))) {
          throw new IllegalArgumentException("chunk " + i + " of xorb " + c.xorb() + " does not match the shard");
        }
      }
    }
    List<XetFile> out = new ArrayList<>();
    for (XetFormats.FileEntry f : s.files()) {
      List<String> hashes = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      long size = 0;
      for (int i = 0; i < f.segments().size(); i++) {
        XetFormats.Segment seg = f.segments().get(i);
        XetFormats.Xorb x = xorbs.get(seg.xorb());
        if (x == null || !hasXorb(seg.xorb())) {
          throw new IllegalArgumentException("file " + f.hash() + " references xorb " + seg.xorb()
              + ", which was never uploaded");
        }
        if (seg.chunkStart() < 0 || seg.chunkEnd() > x.chunks().size() || seg.chunkStart() >= seg.chunkEnd()) {
          throw new IllegalArgumentException("file " + f.hash() + " references chunks [" + seg.chunkStart() + ", "
              + seg.chunkEnd() + ") of xorb " + seg.xorb() + ", which has " + x.chunks().size());
        }
        long unpacked = 0;
        List<String> segHashes = new ArrayList<>();
        for (int c = seg.chunkStart(); c < seg.chunkEnd(); c++) {
          XetFormats.Chunk ch = x.chunks().get(c);
          hashes.add(ch.hash());
          segHashes.add(ch.hash());
          sizes.add(ch.size());
          unpacked += ch.size();
        }
        if (unpacked != seg.unpacked()) {
          throw new IllegalArgumentException("file " + f.hash() + " says " + seg.unpacked() + " bytes for chunks ["
              + seg.chunkStart() + ", " + seg.chunkEnd() + ") of xorb " + seg.xorb() + ", which hold " + unpacked);
        }
        if (!f.verification().isEmpty()) {
          String expected = formats.verificationHash(segHashes);
          if (!expected.equals(f.verification().get(i))) {
            throw new IllegalArgumentException("the verification hash of segment " + i + " of file " + f.hash()
                + " is wrong");
          }
        }
        size += unpacked;
      }
      String computed = formats.fileHash(hashes, sizes);
      if (!computed.equals(f.hash())) {
        throw new IllegalArgumentException("file " + f.hash() + " hashes to " + computed + " from its chunks");
      }
      out.add(new XetFile(f.hash(), size, f.sha256(), List.copyOf(f.segments())));
    }
    return new Validated(s, out, serialized);
  }

  /** A shard that passed validation, ready to be registered. */
  public record Validated(XetFormats.Shard shard, List<XetFile> files, byte[] bytes) {}

  /** Registers a validated shard; false when the same shard was stored before. */
  public synchronized boolean register(Validated v) throws IOException {
    String id = Hashes.sha256(v.bytes());
    shardUploads.incrementAndGet();
    boolean fresh = !Files.exists(shardDir.resolve(id));
    if (fresh) {
      Path tmp = tmpDir.resolve(Ids.randomHex(16));
      Files.write(tmp, v.bytes());
      move(tmp, shardDir.resolve(id));
    }
    index(id, v.shard());
    return fresh;
  }

  private synchronized void index(String id, XetFormats.Shard s) {
    shards.add(id);
    for (XetFormats.CasEntry c : s.xorbs()) {
      for (String h : c.chunkHashes()) {
        shardByChunk.putIfAbsent(h, id);
      }
    }
    for (XetFormats.FileEntry f : s.files()) {
      long size = 0;
      for (XetFormats.Segment seg : f.segments()) {
        size += seg.unpacked();
      }
      files.put(f.hash(), new XetFile(f.hash(), size, f.sha256(), List.copyOf(f.segments())));
      if (f.sha256() != null) {
        fileBySha256.put(f.sha256(), f.hash());
      }
    }
  }

  /** The most xorb bytes {@link #writePlain} reads at once. */
  private static final long READ_BYTES = 4L << 20;

  /**
   * Writes the plain bytes of a file (reassembled from its xorbs) to {@code out}, returning the SHA-256 of what
   * was written.
   */
  public String writePlain(XetFile f, OutputStream out) throws IOException {
    MessageDigest sha = Hashes.digest("SHA-256");
    Map<String, RandomAccessFile> open = new HashMap<>();
    try {
      for (XetFormats.Segment seg : f.segments()) {
        XetFormats.Xorb x = xorbs.get(seg.xorb());
        if (x == null) {
          throw new IOException("xorb " + seg.xorb() + " is missing");
        }
        RandomAccessFile raf = open.get(seg.xorb());
        if (raf == null) {
          raf = new RandomAccessFile(xorbPath(seg.xorb()).toFile(), "r");
          open.put(seg.xorb(), raf);
        }
        // the segment's records are contiguous in the xorb: one read, then decoded in order
        int from = seg.chunkStart();
        while (from < seg.chunkEnd()) {
          long start = x.chunks().get(from).byteStart();
          int to = from;
          while (to < seg.chunkEnd() && x.chunks().get(to).byteEnd() - start <= READ_BYTES) {
            to++;
          }
          to = Math.max(to, from + 1);
          byte[] raw = new byte[Math.toIntExact(x.chunks().get(to - 1).byteEnd() - start)];
          raf.seek(start);
          raf.readFully(raw);
          for (byte[] data : formats.chunksData(raw, to - from)) {
            sha.update(data);
            out.write(data);
          }
          from = to;
        }
      }
    } finally {
      for (RandomAccessFile r : open.values()) {
        r.close();
      }
    }
    return Hashes.hex(sha.digest());
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
