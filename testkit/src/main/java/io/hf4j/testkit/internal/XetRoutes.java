package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Hub's Xet routes: token endpoints on the API host, the CAS API on its own origin (xorb and shard uploads,
 * global dedupe, reconstructions; only Xet access tokens are accepted there), and ranged xorb reads on the storage
 * host through presigned URLs. Also the Xet headers that resolve answers carry for Xet-backed files.
 */
public final class XetRoutes {
  private static final long PRESIGN_SECONDS = 3600;
  private static final long MAX_XORB_BYTES = 128L * 1024 * 1024;
  private static final long MAX_SHARD_BYTES = 512L * 1024 * 1024;

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;
  private final XetStore store;

  public XetRoutes(EmulatorServer server, XetStore store) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
    this.store = store;
  }

  void register(Router api, Router cas, Router storage) {
    RepoRoutes.perType(api, "GET", "/xet-write-token/{rev...}", (req, t, id) -> token(req, t, id, true));
    RepoRoutes.perType(api, "GET", "/xet-read-token/{rev...}", (req, t, id) -> token(req, t, id, false));
    cas.add("POST", "/v1/xorbs/{prefix}/{hash}", this::postXorb);
    cas.add("HEAD", "/v1/xorbs/{prefix}/{hash}", this::headXorb);
    cas.add("POST", "/v1/shards", this::postShard);
    cas.add("GET", "/v1/chunks/{prefix}/{hash}", this::dedupe);
    cas.add("GET", "/v1/reconstructions/{hash}", this::reconstruction);
    cas.add("HEAD", "/v1/files/{hash}", this::headFile);
    storage.add("GET", "/xorbs/{prefix}/{hash}", this::readXorb);
  }

  // ---------------------------------------------------------------- tokens (API host)

  private Response token(Request req, String type, String id, boolean write) {
    RepoData repo;
    if (write) {
      repo = access.committable(req, type, id, Access.truthy(req.query("create_pr")));
    } else {
      repo = access.readable(req, type, id);
    }
    int refused = store.refusal(type, repo.id);
    if (refused != 0) {
      throw new HubError(refused, null, "Xet storage is not enabled for " + type + " repo " + repo.id);
    }
    XetStore.Token t = store.issue(type, repo.id, write, state.clock().instant());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accessToken", t.value());
    body.put("exp", t.expiresAt().getEpochSecond());
    body.put("casUrl", server.casUrl());
    return Response.json(200, body)
        .header("X-Xet-Cas-Url", server.casUrl())
        .header("X-Xet-Access-Token", t.value())
        .header("X-Xet-Token-Expiration", String.valueOf(t.expiresAt().getEpochSecond()));
  }

  /** The refresh route of a repo revision: the read-token endpoint, as an absolute URL. */
  public String readTokenUrl(RepoData repo, String commit) {
    return server.apiUrl() + "/api/" + repo.type + "s/" + repo.id + "/xet-read-token/" + commit;
  }

  /**
   * Adds the Xet headers the Hub sends with a resolve answer for a Xet-backed file: the file's hash, the refresh
   * route (also as a {@code Link rel="xet-auth"}), and connection info with a fresh read token.
   */
  public void decorateResolve(Response r, RepoData repo, String commit, String sha256) {
    Optional<String> hash = store.xetHashOfSha256(sha256);
    if (hash.isEmpty() || store.refusal(repo.type, repo.id) != 0) {
      return;
    }
    String refresh = readTokenUrl(repo, commit);
    XetStore.Token t = store.issue(repo.type, repo.id, false, state.clock().instant());
    r.header("X-Xet-Hash", hash.get())
        .header("X-Xet-Refresh-Route", refresh)
        .header("X-Xet-Cas-Url", server.casUrl())
        .header("X-Xet-Access-Token", t.value())
        .header("X-Xet-Token-Expiration", String.valueOf(t.expiresAt().getEpochSecond()))
        .header("Link", "<" + refresh + ">; rel=\"xet-auth\", <" + server.casUrl() + "/v1/reconstructions/"
            + hash.get() + ">; rel=\"xet-reconstruction-info\"");
  }

  /** The Xet hash of a file with this SHA-256, for tree and paths-info entries. */
  public Optional<String> xetHash(String sha256) {
    return store.xetHashOfSha256(sha256);
  }

  // ---------------------------------------------------------------- CAS auth

  private XetStore.Token requireToken(Request req, boolean write) {
    String auth = req.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw HubError.unauthorized("A Xet access token is required (Authorization: Bearer <accessToken>)");
    }
    String value = auth.substring(7).strip();
    Optional<XetStore.Token> t = store.token(value);
    if (t.isEmpty()) {
      throw HubError.unauthorized("Invalid Xet access token (the CAS server accepts only tokens from the "
          + "xet-read-token and xet-write-token endpoints)");
    }
    if (!state.clock().instant().isBefore(t.get().expiresAt())) {
      throw HubError.unauthorized("Xet access token expired; refresh it through the token endpoint");
    }
    if (write && !t.get().write()) {
      throw HubError.forbidden("This Xet access token is read-only");
    }
    return t.get();
  }

  private static String hash(Request req) {
    String h = req.param("hash");
    if (h == null || h.length() != 64 || !h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw HubError.badRequest("Invalid hash: " + h);
    }
    return h;
  }

  // ---------------------------------------------------------------- xorbs

  private Response postXorb(Request req) throws IOException {
    requireToken(req, true);
    String hash = hash(req);
    byte[] body = req.bodyBytes(MAX_XORB_BYTES);
    boolean inserted;
    try {
      inserted = store.putXorb(hash, body);
    } catch (IllegalArgumentException e) {
      throw HubError.badRequest("Invalid xorb " + hash + ": " + e.getMessage());
    }
    return Response.json(200, Map.of("was_inserted", inserted));
  }

  private Response headXorb(Request req) {
    requireToken(req, false);
    String hash = hash(req);
    return store.hasXorb(hash) ? Response.empty(200).header("Content-Length", "0") : Response.empty(404);
  }

  // ---------------------------------------------------------------- shards

  private Response postShard(Request req) throws IOException {
    XetStore.Token token = requireToken(req, true);
    byte[] body = req.bodyBytes(MAX_SHARD_BYTES);
    XetStore.Validated v;
    try {
      v = store.validateShard(body);
    } catch (IllegalArgumentException e) {
      throw HubError.badRequest("Invalid shard: " + e.getMessage());
    }
    // The LFS bridge: plain bytes of every file under its SHA-256, verified before anything is registered.
    for (XetStore.XetFile f : v.files()) {
      if (f.sha256() == null || state.blobs().has(f.sha256())) {
        continue;
      }
      Path tmp = state.blobs().newTempFile();
      String sha;
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        sha = store.writePlain(f, out);
      }
      if (!sha.equals(f.sha256())) {
        Files.deleteIfExists(tmp);
        throw HubError.badRequest("Invalid shard: file " + f.hash() + " has SHA-256 " + sha + ", not " + f.sha256());
      }
      state.blobs().adopt(new BlobStore.Written(tmp, sha, sha.substring(0, 32), f.size()));
    }
    boolean fresh = store.register(v);
    state.find(token.repoType(), token.repoId()).ifPresent(r -> state.mutate(r, () -> {
      for (XetStore.XetFile f : v.files()) {
        if (f.sha256() != null) {
          r.lfsObjects.add(f.sha256());
        }
      }
      return null;
    }));
    return Response.json(200, Map.of("result", fresh ? 1 : 0));
  }

  private Response dedupe(Request req) throws IOException {
    requireToken(req, false);
    Optional<byte[]> shard = store.shardForChunk(hash(req), state.clock().instant());
    if (shard.isEmpty()) {
      throw HubError.notFound("No shard holds this chunk");
    }
    return Response.bytes(200, "application/octet-stream", shard.get());
  }

  private Response headFile(Request req) {
    requireToken(req, false);
    Optional<XetStore.XetFile> f = store.file(hash(req));
    return f.isPresent() ? Response.empty(200).header("Content-Length", String.valueOf(f.get().size()))
        : Response.empty(404);
  }

  // ---------------------------------------------------------------- reconstruction

  private Response reconstruction(Request req) {
    requireToken(req, false);
    String fileHash = hash(req);
    XetStore.XetFile f = store.file(fileHash)
        .orElseThrow(() -> HubError.notFound("No file with Xet hash " + fileHash));
    long start = 0;
    long end = f.size();
    String range = req.header("Range");
    if (range != null) {
      long[] r = parseRange(range, f.size());
      if (r == null) {
        return Response.text(416, "Range not satisfiable").header("Content-Range", "bytes */" + f.size());
      }
      start = r[0];
      end = r[1];
    }
    List<Object> terms = new ArrayList<>();
    Map<String, List<Object>> fetchInfo = new LinkedHashMap<>();
    long offsetIntoFirst = 0;
    boolean first = true;
    long pos = 0;
    for (XetFormats.Segment seg : f.segments()) {
      long segEnd = pos + seg.unpacked();
      if (segEnd <= start || pos >= end) {
        pos = segEnd;
        continue;
      }
      XetFormats.Xorb x = store.xorb(seg.xorb()).orElse(null);
      if (x == null) {
        // Referenced but gone (deleted): answer with the reconstruction anyway; the fetch fails on the storage host.
        x = new XetFormats.Xorb(seg.xorb(), List.of());
      }
      int c0 = seg.chunkStart();
      int c1 = seg.chunkEnd();
      long chunkPos = pos;
      if (!x.chunks().isEmpty()) {
        int c = seg.chunkStart();
        // first chunk ending after start
        while (c < seg.chunkEnd() && chunkPos + x.chunks().get(c).size() <= start) {
          chunkPos += x.chunks().get(c).size();
          c++;
        }
        c0 = c;
        long firstChunkPos = chunkPos;
        while (c < seg.chunkEnd() && chunkPos < end) {
          chunkPos += x.chunks().get(c).size();
          c++;
        }
        c1 = c;
        if (first) {
          offsetIntoFirst = start - firstChunkPos;
        }
      }
      long unpacked = 0;
      long byteStart = 0;
      long byteEnd = 0;
      if (!x.chunks().isEmpty()) {
        for (int c = c0; c < c1; c++) {
          unpacked += x.chunks().get(c).size();
        }
        byteStart = x.chunks().get(c0).byteStart();
        byteEnd = x.chunks().get(c1 - 1).byteEnd();
      } else {
        unpacked = seg.unpacked();
      }
      first = false;
      Map<String, Object> term = new LinkedHashMap<>();
      term.put("hash", seg.xorb());
      term.put("unpacked_length", unpacked);
      term.put("range", Map.of("start", c0, "end", c1));
      terms.add(term);
      Map<String, Object> fi = new LinkedHashMap<>();
      fi.put("range", Map.of("start", c0, "end", c1));
      fi.put("url", xorbUrl(seg.xorb()));
      fi.put("url_range", Map.of("start", byteStart, "end", Math.max(byteStart, byteEnd - 1)));
      List<Object> list = fetchInfo.computeIfAbsent(seg.xorb(), k -> new ArrayList<>());
      boolean dup = false;
      for (Object o : list) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        if (m.get("range").equals(fi.get("range"))) {
          dup = true;
        }
      }
      if (!dup) {
        list.add(fi);
      }
      pos = segEnd;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("offset_into_first_range", offsetIntoFirst);
    out.put("terms", terms);
    out.put("fetch_info", fetchInfo);
    return Response.json(200, out);
  }

  /** {@code [start, endExclusive)} of a single {@code bytes=} range, or null when not satisfiable. */
  static long[] parseRange(String header, long size) {
    String h = header.strip();
    if (!h.startsWith("bytes=") || h.contains(",")) {
      throw HubError.badRequest("Unsupported Range: " + header);
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      throw HubError.badRequest("Invalid Range: " + header);
    }
    try {
      long start;
      long end;
      if (dash == 0) {
        long suffix = Long.parseLong(spec.substring(1));
        start = Math.max(0, size - suffix);
        end = size;
      } else {
        start = Long.parseLong(spec.substring(0, dash));
        end = dash == spec.length() - 1 ? size : Math.min(size, Long.parseLong(spec.substring(dash + 1)) + 1);
      }
      if (start >= size || start >= end) {
        return null;
      }
      return new long[] {start, end};
    } catch (NumberFormatException e) {
      throw HubError.badRequest("Invalid Range: " + header);
    }
  }

  private String xorbUrl(String hash) {
    String path = "/xorbs/default/" + hash;
    return server.storageUrl() + path + "?" + server.signer().presignQuery(path, state.clock(), PRESIGN_SECONDS);
  }

  // ---------------------------------------------------------------- storage: ranged xorb reads

  private Response readXorb(Request req) throws IOException {
    String error = server.signer().check(req.rawPath(), req.query("X-Amz-Date"), req.query("X-Amz-Signature"),
        state.clock());
    if (error != null) {
      return EmulatorServer.S3Errors.error(403, error, "Request has expired or is not signed");
    }
    String hash = req.param("hash");
    if (!store.hasXorb(hash)) {
      return EmulatorServer.S3Errors.error(404, "NoSuchKey", "The specified key does not exist.");
    }
    long length = store.xorbLength(hash);
    long from = 0;
    long to = length - 1;
    boolean partial = false;
    String range = req.header("Range");
    if (range != null) {
      long[] r = parseRange(range, length);
      if (r == null) {
        return Response.empty(416).header("Content-Range", "bytes */" + length);
      }
      from = r[0];
      to = r[1] - 1;
      partial = true;
    }
    byte[] bytes = store.readXorb(hash, from, to);
    Response resp = Response.bytes(partial ? 206 : 200, "application/octet-stream", bytes)
        .header("Accept-Ranges", "bytes").header("ETag", "\"" + hash + "\"");
    if (partial) {
      resp.header("Content-Range", "bytes " + from + "-" + to + "/" + length);
    }
    return resp;
  }
}
