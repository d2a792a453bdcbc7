package io.hf4j.xet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A small CAS for tests, behind a MockWebServer: validates and stores xorbs (on disk) and shards,
 * answers global dedupe, reconstructions, and ranged xorb reads; can fail or corrupt on demand.
 */
final class FakeCas extends Dispatcher {
  final String token;
  final Path dir;
  final Map<XetHash, long[]> xorbOffsets = new ConcurrentHashMap<>();
  final Map<XetHash, int[]> xorbChunkLengths = new ConcurrentHashMap<>();
  final Map<XetHash, Shard.FileEntry> files = new ConcurrentHashMap<>();
  final Map<XetHash, byte[]> chunkToShard = new ConcurrentHashMap<>();
  final List<String> log = new CopyOnWriteArrayList<>();
  final AtomicInteger xorbPosts = new AtomicInteger();
  final AtomicInteger byteGroupedChunks = new AtomicInteger();
  final AtomicLong xorbBytesReceived = new AtomicLong();
  final AtomicInteger failNextXorbPosts = new AtomicInteger();
  final AtomicInteger failNextRangeReads = new AtomicInteger();
  volatile UnaryOperator<byte[]> rangeTamper = UnaryOperator.identity();
  volatile String baseUrl = "";
  /** Called with the xorb POST's number (from 1) before it is handled; a non-null answer is sent instead. */
  volatile java.util.function.IntFunction<MockResponse> xorbPostHook = n -> null;
  final AtomicInteger postsInProgress = new AtomicInteger();
  final AtomicInteger maxPostsInProgress = new AtomicInteger();

  FakeCas(String token, Path dir) {
    this.token = token;
    this.dir = dir;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    log.add(request.getMethod() + " " + path);
    try {
      if (path.startsWith("/storage/")) {
        return range(request, XetHash.parse(path.substring("/storage/".length())));
      }
      if (path.equals("/token")) {
        String cas = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return json("{\"accessToken\":\"" + token + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600)
            + ",\"casUrl\":\"" + cas + "\"}");
      }
      if (!("Bearer " + token).equals(request.getHeaders().get("Authorization"))) {
        return new MockResponse.Builder().code(401).body("bad token").build();
      }
      if (request.getMethod().equals("POST") && path.startsWith("/v1/xorbs/default/")) {
        int now = postsInProgress.incrementAndGet();
        maxPostsInProgress.accumulateAndGet(now, Math::max);
        try {
          MockResponse hooked = xorbPostHook.apply(xorbPosts.incrementAndGet());
          if (hooked != null) {
            return hooked;
          }
          return postXorb(request, path);
        } finally {
          postsInProgress.decrementAndGet();
        }
      }
      if (request.getMethod().equals("POST") && path.equals("/v1/shards")) {
        Shard s;
        try {
          s = Shard.parse(request.getBody().toByteArray());
        } catch (XetIntegrityException e) {
          return new MockResponse.Builder().code(400).body(e.getMessage()).build();
        }
        for (Shard.FileEntry f : s.files()) {
          for (Shard.Segment seg : f.segments()) {
            if (!xorbOffsets.containsKey(seg.xorbHash())) {
              return new MockResponse.Builder().code(400).body("unknown xorb " + seg.xorbHash()).build();
            }
          }
        }
        boolean any = false;
        for (Shard.FileEntry f : s.files()) {
          any |= files.putIfAbsent(f.fileHash(), f) == null;
        }
        byte[] full = s.serializeWithFooter(1L);
        for (Shard.XorbEntry x : s.xorbs()) {
          for (Shard.ChunkEntry c : x.chunks()) {
            chunkToShard.put(c.hash(), full);
          }
        }
        return json("{\"result\":" + (any ? 1 : 0) + "}");
      }
      if (request.getMethod().equals("GET") && path.startsWith("/v1/chunks/default/")) {
        byte[] shard = chunkToShard.get(XetHash.parse(path.substring("/v1/chunks/default/".length())));
        if (shard == null) {
          return new MockResponse.Builder().code(404).build();
        }
        return new MockResponse.Builder().body(new Buffer().write(shard)).build();
      }
      if (request.getMethod().equals("GET") && path.startsWith("/v1/reconstructions/")) {
        Shard.FileEntry f = files.get(XetHash.parse(path.substring("/v1/reconstructions/".length())));
        if (f == null) {
          return new MockResponse.Builder().code(404).body("no such file").build();
        }
        String range = request.getHeaders().get("Range");
        long start = 0;
        long end = Long.MAX_VALUE;
        if (range != null) {
          String[] se = range.substring("bytes=".length()).split("-");
          start = Long.parseLong(se[0]);
          end = Long.parseLong(se[1]);
        }
        return json(reconstruction(f, start, end));
      }
      return new MockResponse.Builder().code(404).body("no route").build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse postXorb(RecordedRequest request, String path) throws IOException {
    if (failNextXorbPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse.Builder().code(503).body("try again").build();
    }
    XetHash h = XetHash.parse(path.substring("/v1/xorbs/default/".length()));
    byte[] body = request.getBody().toByteArray();
    xorbBytesReceived.addAndGet(body.length);
    Xorb x;
    try {
      x = Xorb.parse(body, h);
    } catch (XetIntegrityException e) {
      return new MockResponse.Builder().code(400).body(e.getMessage()).build();
    }
    for (Xorb.Chunk ch : x.chunks()) {
      if (body[(int) ch.byteOffset() + 4] == ChunkCodec.BG4_LZ4) {
        byteGroupedChunks.incrementAndGet();
      }
    }
    boolean inserted = !xorbOffsets.containsKey(h);
    Files.write(dir.resolve(h.toHex()), body);
    xorbOffsets.put(h, x.chunkOffsets());
    xorbChunkLengths.put(h, x.chunks().stream().mapToInt(Xorb.Chunk::length).toArray());
    return json("{\"was_inserted\":" + inserted + "}");
  }

  private String reconstruction(Shard.FileEntry f, long from, long to) {
    StringBuilder terms = new StringBuilder();
    StringBuilder fetch = new StringBuilder();
    List<XetHash> seen = new ArrayList<>();
    long pos = 0;
    long offsetIntoFirst = -1;
    for (Shard.Segment s : f.segments()) {
      int[] lens = xorbChunkLengths.get(s.xorbHash());
      int first = -1;
      int last = -1;
      long bytes = 0;
      for (int i = s.chunkStart(); i < s.chunkEnd(); i++) {
        int len = lens == null ? (int) s.unpackedBytes() : lens[i];
        if (pos + len > from && pos <= to) {
          if (first < 0) {
            first = i;
            if (offsetIntoFirst < 0) {
              offsetIntoFirst = from - pos;
            }
          }
          last = i;
          bytes += len;
        }
        pos += len;
      }
      if (first < 0) {
        continue;
      }
      if (terms.length() > 0) {
        terms.append(',');
      }
      terms.append("{\"hash\":\"").append(s.xorbHash().toHex()).append("\",\"unpacked_length\":")
          .append(bytes).append(",\"range\":{\"start\":").append(first).append(",\"end\":")
          .append(last + 1).append("}}");
      if (!seen.contains(s.xorbHash())) {
        seen.add(s.xorbHash());
        long[] off = xorbOffsets.get(s.xorbHash());
        int n = off == null ? 1 : off.length - 1;
        long end = off == null ? 99 : off[n] - 1;
        if (fetch.length() > 0) {
          fetch.append(',');
        }
        // one fetch entry covering the whole xorb
        fetch.append('"').append(s.xorbHash().toHex()).append("\":[{\"range\":{\"start\":0,\"end\":").append(n)
            .append("},\"url\":\"").append(baseUrl).append("storage/").append(s.xorbHash().toHex())
            .append("\",\"url_range\":{\"start\":0,\"end\":").append(end).append("}}]");
      }
    }
    return "{\"offset_into_first_range\":" + Math.max(0, offsetIntoFirst) + ",\"terms\":[" + terms + "],\"fetch_info\":{" + fetch + "}}";
  }

  private MockResponse range(RecordedRequest request, XetHash h) throws IOException {
    if (request.getHeaders().get("Authorization") != null) {
      return new MockResponse.Builder().code(400).body("presigned URLs take no Authorization").build();
    }
    if (failNextRangeReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return new MockResponse.Builder().code(500).body("flaky").build();
    }
    Path p = dir.resolve(h.toHex());
    if (!Files.exists(p)) {
      return new MockResponse.Builder().code(404).body("no such xorb").build();
    }
    byte[] all = Files.readAllBytes(p);
    String range = request.getHeaders().get("Range");
    String[] se = range.substring("bytes=".length()).split("-");
    int start = Integer.parseInt(se[0]);
    int end = Integer.parseInt(se[1]);
    byte[] part = java.util.Arrays.copyOfRange(all, start, end + 1);
    part = rangeTamper.apply(part);
    return new MockResponse.Builder().code(206).body(new Buffer().write(part)).build();
  }

  private static MockResponse json(String s) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(s).build();
  }
}
