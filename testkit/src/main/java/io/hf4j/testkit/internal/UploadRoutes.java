package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Preupload, NDJSON commit, LFS batch (basic + multipart), presigned storage PUTs, completion and verify. */
final class UploadRoutes {
  private static final long PRESIGN_SECONDS = 86_400;
  private static final int MAX_PREUPLOAD_FILES = 256;
  private static final int MAX_BATCH_OBJECTS = 1000;
  private static final long MAX_NDJSON_LINE = 512L * 1024 * 1024;

  /** A pending LFS upload handed out by the batch endpoint. */
  static final class Upload {
    final String repoKey;
    final String oid;
    final long size;
    final long chunkSize;
    final int parts;

    // Multipart state, guarded by this object's monitor.
    /** The parts received whole, by number. */
    final Map<Integer, Part> received = new LinkedHashMap<>();
    /** Held for each write into {@link #file} (see {@link BlobStore#copyAt}). */
    final Lock writes = new ReentrantLock();
    /** Parts whose first PUT is writing into {@link #file} now. */
    final Set<Integer> inFlight = new java.util.HashSet<>();
    /** The object being assembled: every part's first PUT writes its bytes at the part's offset. */
    Path file;
    /** SHA-256 of parts 1..{@link #hashedParts} as they lie in {@link #file}; null once that no longer holds. */
    MessageDigest digest = Hashes.digest("SHA-256");
    int hashedParts;
    /** The part being fed into {@link #digest} now (by its PUT as it arrives, or read back), else 0. */
    int hashingPart;

    Upload(String repoKey, String oid, long size, long chunkSize) {
      this.repoKey = repoKey;
      this.oid = oid;
      this.size = size;
      this.chunkSize = chunkSize;
      this.parts = chunkSize <= 0 ? 1 : (int) ((size + chunkSize - 1) / chunkSize);
    }

    long partSize(int n) {
      return n < parts ? chunkSize : size - chunkSize * (parts - 1);
    }

    long offset(int n) {
      return chunkSize * (n - 1);
    }
  }

  /**
   * A received part: its ETag; for a part not written in place, either its own file ({@code copy}) or, when its bytes
   * equal the stored blob the upload claims to be ({@code inBlob}), nothing.
   */
  record Part(String etag, BlobStore.Written copy, boolean inBlob) {
    boolean inPlace() {
      return copy == null && !inBlob;
    }
  }

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;
  private final long chunkSize;
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

  UploadRoutes(EmulatorServer server, long chunkSize) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
    this.chunkSize = chunkSize;
  }

  void register(Router api, Router storage) {
    RepoRoutes.perType(api, "POST", "/preupload/{rev...}", this::preupload);
    RepoRoutes.perType(api, "POST", "/commit/{rev...}", this::commit);
    for (Map.Entry<String, String> e : Access.TYPES_BY_PLURAL.entrySet()) {
      String type = e.getValue();
      String prefix = "model".equals(type) ? "" : "/" + e.getKey();
      api.add("POST", prefix + "/{ns}/{name}.git/info/lfs/objects/batch",
          req -> batch(req, type, req.param("ns") + "/" + req.param("name")));
      api.add("POST", prefix + "/{ns}/{name}.git/info/lfs/objects/verify",
          req -> verify(req, type, req.param("ns") + "/" + req.param("name")));
    }
    api.add("POST", "/api/complete_multipart", this::completeMultipart);
    storage.add("PUT", "/upload/{id}", this::putObject);
    storage.add("PUT", "/upload/{id}/part/{n}", this::putPart);
  }

  // ---------------------------------------------------------------- preupload

  private Response preupload(Request req, String type, String id) {
    boolean createPr = Access.truthy(req.query("create_pr"));
    RepoData repo = access.committable(req, type, id, createPr);
    CommitData commit = state.commitAt(repo, req.param("rev"));
    Map<String, Object> body = req.jsonObject();
    List<Object> files = Json.asList(body.getOrDefault("files", List.of()), "files");
    if (files.size() > MAX_PREUPLOAD_FILES) {
      throw HubError.badRequest("Too many files in one preupload call: " + files.size() + " (at most "
          + MAX_PREUPLOAD_FILES + ")");
    }
    String gitattributes = Json.string(body, "gitAttributes");
    if (gitattributes == null) {
      gitattributes = state.textAt(commit, ".gitattributes");
    }
    String gitignore = Json.string(body, "gitIgnore");
    if (gitignore == null) {
      gitignore = state.textAt(commit, ".gitignore");
    }
    List<Object> out = new ArrayList<>();
    for (Object o : files) {
      Map<String, Object> f = Json.asObject(o, "file");
      String path = HubState.validatePath(Json.string(f, "path"));
      Long size = Json.integer(f, "size");
      if (size == null || size < 0) {
        throw HubError.badRequest("Invalid size for " + path);
      }
      byte[] sample;
      try {
        String s = Json.string(f, "sample");
        // Padded standard base64 (what clients send) by the plain loop, which gives the JDK decoder's bytes for all it
        // accepts; anything else by the JDK decoder, with its errors.
        byte[] fast = s == null ? new byte[0] : decodePadded(s);
        sample = fast != null ? fast : Base64.getDecoder().decode(s);
      } catch (IllegalArgumentException e) {
        throw HubError.badRequest("Invalid base64 sample for " + path);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", path);
      m.put("uploadMode", state.uploadMode(gitattributes, path, size, sample));
      m.put("shouldIgnore", Glob.isIgnored(gitignore, path));
      FileRef existing = commit.tree().get(path);
      if (existing != null) {
        m.put("oid", existing.lfs() ? existing.sha256() : existing.gitOid());
      }
      out.add(m);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("files", out);
    answer.put("commitOid", commit.id());
    return Response.json(200, answer);
  }

  // ---------------------------------------------------------------- commit

  private Response commit(Request req, String type, String id) throws IOException {
    boolean createPr = Access.truthy(req.query("create_pr"));
    RepoData repo = access.committable(req, type, id, createPr);
    Caller caller = req.requireCaller();
    String rev = req.param("rev");
    state.commitAt(repo, rev);
    String title = null;
    String description = "";
    String parentCommit = null;
    List<HubState.Op> ops = new ArrayList<>();
    LineReader lines = new LineReader(req.body());
    int lineNo = 0;
    byte[] line;
    while ((line = lines.next()) != null) {
      if (isBlank(line)) {
        continue;
      }
      lineNo++;
      Map<String, Object> obj;
      try {
        obj = Json.asObject(Json.parse(line), "line");
      } catch (IllegalArgumentException e) {
        throw HubError.badRequest("Invalid NDJSON at line " + lineNo + ": " + e.getMessage());
      }
      String key = Json.string(obj, "key");
      Object v = obj.get("value");
      if (!(v instanceof Map<?, ?>)) {
        throw HubError.badRequest("Line " + lineNo + " has no object value");
      }
      Map<String, Object> value = Json.asObject(v, "value");
      if (lineNo == 1) {
        if (!"header".equals(key)) {
          throw HubError.badRequest("The first line of a commit must be the header");
        }
        title = Json.string(value, "summary");
        String d = Json.string(value, "description");
        description = d == null ? "" : d;
        parentCommit = Json.string(value, "parentCommit");
        continue;
      }
      ops.add(operation(repo, key, value, lineNo));
    }
    if (lineNo == 0) {
      throw HubError.badRequest("Empty commit body: an NDJSON header line is required");
    }
    if (title == null || title.isBlank()) {
      throw HubError.badRequest("A commit summary is required");
    }
    HubState.CommitResult result = state.commit(repo, rev, createPr, parentCommit, ops, title, description, caller.user());
    String repoUrl = server.apiUrl() + "/" + repo.urlPrefix() + repo.id;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    out.put("commitOid", result.commitId());
    out.put("commitUrl", repoUrl + "/commit/" + result.commitId());
    out.put("hookOutput", "");
    if (result.pullRequest() != null) {
      out.put("pullRequestUrl", repoUrl + "/discussions/" + result.pullRequest());
    }
    return Response.json(200, out);
  }

  private HubState.Op operation(RepoData repo, String key, Map<String, Object> value, int lineNo) {
    String rawPath = Json.string(value, "path");
    if (rawPath == null) {
      throw HubError.badRequest("Line " + lineNo + ": path is required");
    }
    String oldPath = Json.string(value, "oldPath");
    if (key == null) {
      throw HubError.badRequest("Line " + lineNo + ": key is required");
    }
    switch (key) {
      case "file": {
        String path = HubState.validatePath(rawPath);
        String content = Json.string(value, "content");
        if (content == null && oldPath != null) {
          return new HubState.Rename(path, HubState.validatePath(oldPath));
        }
        if (content == null) {
          throw HubError.badRequest("Line " + lineNo + ": content is required for " + path);
        }
        String encoding = Json.string(value, "encoding");
        byte[] bytes;
        if (encoding == null || encoding.equals("base64")) {
          try {
            bytes = decodeBase64(content);
          } catch (IllegalArgumentException e) {
            throw HubError.badRequest("Line " + lineNo + ": invalid base64 content for " + path);
          }
        } else if (encoding.equals("utf-8") || encoding.equals("utf8")) {
          bytes = content.getBytes(StandardCharsets.UTF_8);
        } else {
          throw HubError.badRequest("Line " + lineNo + ": unknown encoding " + encoding);
        }
        if (bytes.length >= state.lfsThreshold()) {
          throw HubError.badRequest("Your push was rejected because it contains files larger than "
              + state.lfsThreshold() + " bytes: " + path + ". Please use LFS (see the preupload answer).");
        }
        int sniff = Math.min(512, bytes.length);
        for (int i = 0; i < sniff; i++) {
          if (bytes[i] == 0) {
            throw HubError.badRequest("Your push was rejected because it contains binary files: " + path
                + ". Please use LFS (see the preupload answer).");
          }
        }
        return new HubState.Add(path, state.putRegular(bytes));
      }
      case "lfsFile": {
        String path = HubState.validatePath(rawPath);
        String oid = Json.string(value, "oid");
        if (oid == null && oldPath != null) {
          return new HubState.Rename(path, HubState.validatePath(oldPath));
        }
        String algo = Json.string(value, "algo");
        if (algo != null && !algo.equals("sha256")) {
          throw HubError.badRequest("Line " + lineNo + ": unsupported algo " + algo);
        }
        if (!Hashes.isSha256Hex(oid)) {
          throw HubError.badRequest("Line " + lineNo + ": invalid LFS oid for " + path);
        }
        boolean known = state.read(() -> repo.lfsObjects.contains(oid)) && state.blobs().has(oid);
        if (!known) {
          throw HubError.badRequest("Your push was rejected because an LFS pointer pointed to a file that does not "
              + "exist: " + path + " (oid " + oid + ")");
        }
        long stored = state.blobs().size(oid);
        Long size = Json.integer(value, "size");
        if (size != null && size != stored) {
          throw HubError.badRequest("LFS file " + path + " has size " + stored + " on the server but the commit says "
              + size);
        }
        return new HubState.Add(path, FileRef.lfs(oid, stored));
      }
      case "deletedFile":
        return new HubState.Delete(HubState.validatePath(rawPath));
      case "deletedFolder":
        return new HubState.DeleteFolder(HubState.validatePath(rawPath));
      default:
        throw HubError.badRequest("Line " + lineNo + ": unknown key " + key);
    }
  }

  /**
   * Base64 as the Hub reads it (line breaks and other characters outside the alphabet are skipped, as by the MIME
   * decoder). Clients send one unbroken line, which the plain decoder reads faster; anything it refuses goes to the
   * MIME decoder, which gives the same bytes for every input both accept.
   */
  static byte[] decodeBase64(String content) {
    byte[] fast = decodePadded(content);
    if (fast != null) {
      return fast;
    }
    try {
      return Base64.getDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      return Base64.getMimeDecoder().decode(content);
    }
  }

  /** Sextet values of the standard alphabet by character, -1 outside it. */
  private static final byte[] SEXTETS = new byte[128];

  static {
    java.util.Arrays.fill(SEXTETS, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      SEXTETS[alphabet.charAt(i)] = (byte) i;
    }
  }

  /**
   * Padded standard base64 without anything else (what clients send), decoded by a plain loop: the JDK decoder's
   * intrinsic needs some 15 000 calls, one per file line, before C2 compiles its caller, and runs at ~100 MB/s until
   * then. Null for any other input (the JDK decoders then decide), so the bytes are the JDK decoder's for every input
   * this accepts.
   */
  static byte[] decodePadded(String s) {
    int len = s.length();
    if (len % 4 != 0) {
      return null;
    }
    int pad = len == 0 ? 0 : s.charAt(len - 1) != '=' ? 0 : s.charAt(len - 2) != '=' ? 1 : 2;
    byte[] out = new byte[len / 4 * 3 - pad];
    byte[] t = SEXTETS;
    int full = pad == 0 ? len : len - 4;
    int o = 0;
    for (int i = 0; i < full; i += 4) {
      char c0 = s.charAt(i);
      char c1 = s.charAt(i + 1);
      char c2 = s.charAt(i + 2);
      char c3 = s.charAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 128) {
        return null;
      }
      int b = t[c0] << 18 | t[c1] << 12 | t[c2] << 6 | t[c3];
      if (b < 0) {
        return null;
      }
      out[o] = (byte) (b >> 16);
      out[o + 1] = (byte) (b >> 8);
      out[o + 2] = (byte) b;
      o += 3;
    }
    if (pad > 0) {
      char c0 = s.charAt(full);
      char c1 = s.charAt(full + 1);
      char c2 = pad == 1 ? s.charAt(full + 2) : 'A';
      if ((c0 | c1 | c2) >= 128) {
        return null;
      }
      int b = t[c0] << 18 | t[c1] << 12 | t[c2] << 6;
      if (b < 0) {
        return null;
      }
      out[o] = (byte) (b >> 16);
      if (pad == 1) {
        out[o + 1] = (byte) (b >> 8);
      }
    }
    return out;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * The lines of an NDJSON body, without their terminators: scans a buffer for the newline instead of reading byte by
   * byte. The buffer is filled as far as the body allows (the JDK server hands out 8 KiB per read), and a line that
   * reaches its end is moved to its start before the next read, so a line is copied once, into the array returned; the
   * buffer grows (doubling) only for a line longer than it. Refuses lines above {@link #MAX_NDJSON_LINE}.
   */
  static final class LineReader {
    private static final int INITIAL = 64 * 1024;
    private final InputStream in;
    private byte[] buf = new byte[INITIAL];
    private int pos;
    private int end;
    /** Where the newline scan of the line at {@link #pos} goes on (the bytes before it hold none). */
    private int scanned;
    private boolean eof;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line, or null at the end. */
    byte[] next() throws IOException {
      scanned = pos;
      while (true) {
        int nl = scanned;
        while (nl < end && buf[nl] != '\n') {
          nl++;
        }
        if ((long) nl - pos > MAX_NDJSON_LINE) {
          throw new HubError(413, null, "A commit line is too large");
        }
        if (nl < end) {
          byte[] line = java.util.Arrays.copyOfRange(buf, pos, nl);
          pos = nl + 1;
          return line;
        }
        scanned = end;
        if (eof || !fill()) {
          if (pos == end) {
            return null;
          }
          byte[] line = java.util.Arrays.copyOfRange(buf, pos, end);
          pos = end;
          return line;
        }
      }
    }

    /** Reads more of the body after {@link #end}, first making room; false at the end of the body. */
    private boolean fill() throws IOException {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, end - pos);
        end -= pos;
        scanned -= pos;
        pos = 0;
      }
      if (end == buf.length) {
        if ((long) buf.length > MAX_NDJSON_LINE) {
          throw new HubError(413, null, "A commit line is too large");
        }
        buf = java.util.Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, MAX_NDJSON_LINE + 2));
      }
      int before = end;
      while (end < buf.length) {
        int n = in.read(buf, end, buf.length - end);
        if (n <= 0) {
          eof = true;
          break;
        }
        end += n;
      }
      return end > before;
    }
  }

  // ---------------------------------------------------------------- LFS batch

  private Response batch(Request req, String type, String id) {
    Map<String, Object> body = req.jsonObject();
    String operation = Json.string(body, "operation");
    Object refObj = body.get("ref");
    RepoData repo;
    if ("upload".equals(operation)) {
      req.requireCaller();
      repo = refObj == null ? access.committable(req, type, id, true) : access.writable(req, type, id);
    } else if ("download".equals(operation)) {
      repo = access.downloadable(req, type, id);
    } else {
      throw HubError.unprocessable("operation must be upload or download");
    }
    String hashAlgo = Json.string(body, "hash_algo");
    if (hashAlgo != null && !hashAlgo.equals("sha256") && !hashAlgo.equals("sha_256")) {
      return lfsJson(409, Map.of("message", "Unsupported hash algorithm: " + hashAlgo));
    }
    List<String> transfers = new ArrayList<>();
    for (Object t : Json.asList(body.getOrDefault("transfers", List.of("basic")), "transfers")) {
      transfers.add(String.valueOf(t));
    }
    if (!transfers.contains("basic") && !transfers.contains("multipart")) {
      return lfsJson(422, Map.of("message", "No supported transfer adapter offered (basic, multipart)"));
    }
    boolean multipartOffered = transfers.contains("multipart");
    List<Object> objects = Json.asList(body.getOrDefault("objects", List.of()), "objects");
    if (objects.size() > MAX_BATCH_OBJECTS) {
      return lfsJson(422, Map.of("message", "Too many objects in one batch (at most " + MAX_BATCH_OBJECTS + ")"));
    }
    boolean anyMultipart = false;
    List<Object> out = new ArrayList<>();
    for (Object o : objects) {
      Map<String, Object> obj = Json.asObject(o, "object");
      String oid = Json.string(obj, "oid");
      Long size = Json.integer(obj, "size");
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("oid", oid);
      m.put("size", size);
      if (!Hashes.isSha256Hex(oid) || size == null || size < 0) {
        m.put("error", Map.of("code", 422, "message", "Invalid object: oid must be 64 lowercase hex and size >= 0"));
        out.add(m);
        continue;
      }
      boolean present = state.read(() -> repo.lfsObjects.contains(oid)) && state.blobs().has(oid)
          && state.blobs().size(oid) == size;
      if ("download".equals(operation)) {
        if (!present) {
          m.put("error", Map.of("code", 404, "message", "Object does not exist"));
        } else {
          m.put("authenticated", true);
          m.put("actions", Map.of("download", action(DownloadRoutes.objectUrl(server, oid), Map.of())));
        }
        out.add(m);
        continue;
      }
      if (present) {
        out.add(m);
        continue;
      }
      m.put("authenticated", true);
      Map<String, Object> actions = new LinkedHashMap<>();
      String uploadId = Ids.randomHex(16);
      if (multipartOffered && size > chunkSize) {
        anyMultipart = true;
        Upload up = new Upload(repo.key(), oid, size, chunkSize);
        uploads.put(uploadId, up);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("chunk_size", String.valueOf(chunkSize));
        for (int n = 1; n <= up.parts; n++) {
          String path = "/upload/" + uploadId + "/part/" + n;
          header.put(String.format("%05d", n), presigned(server.storageUrl(), path));
        }
        String completion = presigned(server.apiUrl(), "/api/complete_multipart")
            .replace("?", "?uploadId=" + uploadId + "&");
        actions.put("upload", action(completion, header));
      } else {
        uploads.put(uploadId, new Upload(repo.key(), oid, size, 0));
        actions.put("upload", action(presigned(server.storageUrl(), "/upload/" + uploadId), Map.of()));
      }
      String verify = server.apiUrl() + "/" + repo.urlPrefix() + repo.id + ".git/info/lfs/objects/verify";
      actions.put("verify", action(verify, Map.of()));
      m.put("actions", actions);
      out.add(m);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("transfer", anyMultipart ? "multipart" : "basic");
    answer.put("objects", out);
    answer.put("hash_algo", "sha256");
    return lfsJson(200, answer);
  }

  private static Response lfsJson(int status, Map<String, Object> body) {
    return Response.bytes(status, "application/vnd.git-lfs+json", Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> action(String href, Map<String, Object> header) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("href", href);
    m.put("header", header);
    m.put("expires_in", PRESIGN_SECONDS);
    return m;
  }

  private String presigned(String base, String path) {
    return base + path + "?" + server.signer().presignQuery(path, state.clock(), PRESIGN_SECONDS);
  }

  private Response checkSignature(Request req, String path) {
    String error = server.signer().check(path, req.query("X-Amz-Date"), req.query("X-Amz-Signature"), state.clock());
    if (error == null) {
      return null;
    }
    return EmulatorServer.S3Errors.error(403, error, "AccessDenied".equals(error)
        ? "Request has expired or is not signed" : "The request signature we calculated does not match the signature you provided.");
  }

  // ---------------------------------------------------------------- storage PUTs

  private Response putObject(Request req) throws IOException {
    String uploadId = req.param("id");
    Response denied = checkSignature(req, req.rawPath());
    if (denied != null) {
      return denied;
    }
    Upload up = uploads.get(uploadId);
    if (up == null || up.parts != 1 || up.chunkSize != 0) {
      return EmulatorServer.S3Errors.error(404, "NoSuchUpload", "The specified upload does not exist.");
    }
    if (storedWhole(up)) {
      BlobStore.Compared c = state.blobs().receiveAgainst(req.body(), up.oid, 0, up.size, true);
      if (c.written() == null) {
        if (c.total() != up.size) {
          return EmulatorServer.S3Errors.error(400, c.total() < up.size ? "IncompleteBody" : "BadDigest",
              "Expected " + up.size + " bytes but received "
                  + (c.total() > up.size ? "more" : String.valueOf(c.total())));
        }
        // Byte for byte the stored blob, whose SHA-256 is the oid: nothing to write.
        addToRepo(up);
        uploads.remove(uploadId);
        return Response.empty(200).header("ETag", "\"" + up.oid.substring(0, 32) + "\"");
      }
      return putObjectWritten(uploadId, up, c.written());
    }
    return putObjectWritten(uploadId, up, state.blobs().write(req.body(), up.size));
  }

  /** Whether the store holds the object an upload claims to be, at its size (then bodies are compared with it). */
  private boolean storedWhole(Upload up) {
    return state.blobs().has(up.oid) && state.blobs().size(up.oid) == up.size;
  }

  private Response putObjectWritten(String uploadId, Upload up, BlobStore.Written w) throws IOException {
    if (w.size() != up.size) {
      state.blobs().discard(w);
      return EmulatorServer.S3Errors.error(400, w.size() < up.size ? "IncompleteBody" : "BadDigest",
          "Expected " + up.size + " bytes but received " + (w.size() > up.size ? "more" : String.valueOf(w.size())));
    }
    if (!w.sha256().equals(up.oid)) {
      state.blobs().discard(w);
      return EmulatorServer.S3Errors.error(400, "BadDigest",
          "The SHA256 you specified did not match what we received (expected " + up.oid + ").");
    }
    state.blobs().adopt(w);
    addToRepo(up);
    uploads.remove(uploadId);
    return Response.empty(200).header("ETag", "\"" + w.etag() + "\"");
  }

  private void addToRepo(Upload up) {
    int slash = up.repoKey.indexOf('/');
    state.find(up.repoKey.substring(0, slash), up.repoKey.substring(slash + 1))
        .ifPresent(r -> state.mutate(r, () -> r.lfsObjects.add(up.oid)));
  }

  private Response putPart(Request req) throws IOException {
    Response denied = checkSignature(req, req.rawPath());
    if (denied != null) {
      return denied;
    }
    Upload up = uploads.get(req.param("id"));
    if (up == null || up.chunkSize == 0) {
      return EmulatorServer.S3Errors.error(404, "NoSuchUpload", "The specified multipart upload does not exist.");
    }
    int n;
    try {
      n = Integer.parseInt(req.param("n"));
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > up.parts) {
      return EmulatorServer.S3Errors.invalidArgument("Part number must be an integer between 1 and " + up.parts);
    }
    long expected = up.partSize(n);
    int part = n;
    if (storedWhole(up)) {
      BlobStore.Compared c = state.blobs().receiveAgainst(req.body(), up.oid, up.offset(part), expected, false);
      BlobStore.Written w = c.written();
      long got = w == null ? c.total() : w.size();
      if (got != expected) {
        state.blobs().discard(w);
        return partTooShortOrLong(part, got, expected);
      }
      return keepPart(up, part, w == null ? new Part(Ids.randomHex(16), null, true) : new Part(w.etag(), w, false));
    }
    boolean first;
    boolean hashHere;
    synchronized (up) {
      // A part's first PUT writes in place; a part sent again (a retry, or two PUTs at once) goes to its own file,
      // so a second attempt cut short cannot spoil the bytes of the first, and is copied in at the completion.
      first = !up.received.containsKey(part) && !up.inFlight.contains(part);
      hashHere = first && up.digest != null && up.hashingPart == 0 && part == up.hashedParts + 1;
      if (first) {
        up.inFlight.add(part);
        if (up.file == null) {
          up.file = state.blobs().newTempFile();
        }
      }
      if (hashHere) {
        up.hashingPart = part;
      }
    }
    if (!first) {
      BlobStore.Written w = state.blobs().write(req.body(), expected, false);
      if (w.size() != expected) {
        state.blobs().discard(w);
        return partTooShortOrLong(part, w.size(), expected);
      }
      return keepPart(up, part, new Part(w.etag(), w, false));
    }
    long got = -1;
    try {
      try (FileChannel out = FileChannel.open(up.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        got = BlobStore.copyAt(req.body(), out, up.offset(part), expected, hashHere ? up.digest : null, up.writes);
      }
    } finally {
      boolean ok = got == expected;
      synchronized (up) {
        up.inFlight.remove(part);
        if (hashHere) {
          up.hashingPart = 0;
          if (ok && up.digest != null) {
            up.hashedParts = part;
          } else {
            up.digest = null;
          }
        }
        if (ok) {
          // The last PUT to finish wins, as with S3: a copy received meanwhile is dropped.
          discardCopy(up.received.put(part, new Part(Ids.randomHex(16), null, false)));
        }
      }
    }
    if (got != expected) {
      return partTooShortOrLong(part, got, expected);
    }
    hashReceivedParts(up);
    String etag;
    synchronized (up) {
      etag = up.received.get(part).etag();
    }
    return Response.empty(200).header("ETag", "\"" + etag + "\"");
  }

  /**
   * Keeps {@code received} as part {@code part} (the last PUT to finish wins, as with S3) and answers its ETag. A part
   * in its own file ends hashing as the parts arrive: the completion hashes the whole object.
   */
  private Response keepPart(Upload up, int part, Part received) {
    Part previous;
    synchronized (up) {
      previous = up.received.put(part, received);
      if (received.copy() != null) {
        up.digest = null;
      }
    }
    discardCopy(previous);
    return Response.empty(200).header("ETag", "\"" + received.etag() + "\"");
  }

  private static Response partTooShortOrLong(int n, long got, long expected) {
    return EmulatorServer.S3Errors.error(400, got < expected ? "IncompleteBody" : "EntityTooLarge",
        "Part " + n + " must be " + expected + " bytes");
  }

  private void discardCopy(Part part) {
    if (part != null) {
      state.blobs().discard(part.copy());
    }
  }

  /**
   * Feeds the parts that follow the hashed ones, already received in place, into the upload's SHA-256 (read back from
   * the page cache), so the completion finds the object hashed: parts sent in order are hashed as they arrive, parts
   * that overtook an earlier one as soon as the gap closes. One thread at a time hashes; the one that hashed a part
   * checks, under the lock, whether the next one has arrived meanwhile.
   */
  private static void hashReceivedParts(Upload up) throws IOException {
    int next;
    MessageDigest digest;
    synchronized (up) {
      next = nextToHash(up);
      if (next == 0) {
        return;
      }
      up.hashingPart = next;
      digest = up.digest; // taken under the lock: a part kept apart meanwhile drops up.digest, not this one
    }
    ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    try (FileChannel in = FileChannel.open(up.file, StandardOpenOption.READ)) {
      while (next != 0) {
        boolean ok = false;
        try {
          ok = hashRange(in, up.offset(next), up.partSize(next), digest, buf);
        } finally {
          synchronized (up) {
            up.hashingPart = 0;
            if (ok && up.digest == digest) {
              up.hashedParts = next;
              next = nextToHash(up);
              up.hashingPart = next;
            } else {
              up.digest = null;
              next = 0;
            }
          }
        }
      }
    }
  }


  /** The part to hash next (received in place, not being hashed), or 0. Called under the upload's lock. */
  private static int nextToHash(Upload up) {
    int next = up.hashedParts + 1;
    Part p = up.received.get(next);
    boolean ready = up.digest != null && up.hashingPart == 0 && next <= up.parts && p != null && p.inPlace()
        && !up.inFlight.contains(next);
    return ready ? next : 0;
  }

  // ---------------------------------------------------------------- completion and verify

  private Response completeMultipart(Request req) throws IOException {
    String uploadId = req.query("uploadId");
    String signature = server.signer().check("/api/complete_multipart", req.query("X-Amz-Date"),
        req.query("X-Amz-Signature"), state.clock());
    if (signature != null) {
      throw HubError.forbidden("Invalid or expired completion URL");
    }
    Upload up = uploadId == null ? null : uploads.get(uploadId);
    if (up == null || up.chunkSize == 0) {
      throw HubError.notFound("Unknown multipart upload");
    }
    Map<String, Object> body = req.jsonObject();
    if (!up.oid.equals(Json.string(body, "oid"))) {
      throw HubError.badRequest("oid does not match the multipart upload");
    }
    List<Object> parts = Json.asList(body.getOrDefault("parts", List.of()), "parts");
    Map<Integer, String> etags = new LinkedHashMap<>();
    for (Object p : parts) {
      Map<String, Object> pm = Json.asObject(p, "part");
      Long num = Json.integer(pm, "partNumber");
      String etag = Json.string(pm, "etag");
      if (num == null || num < 1 || num > up.parts || etag == null) {
        throw HubError.badRequest("Invalid part: " + Json.write(pm));
      }
      if (etags.put(num.intValue(), etag) != null) {
        throw HubError.badRequest("Part " + num + " is listed twice");
      }
    }
    synchronized (up) {
      for (int n = 1; n <= up.parts; n++) {
        if (!etags.containsKey(n)) {
          throw HubError.badRequest("Missing part " + n + " of " + up.parts + " in the completion request");
        }
        Part p = up.received.get(n);
        if (p == null) {
          throw HubError.badRequest("Part " + n + " was never uploaded");
        }
        if (!unquote(etags.get(n)).equals(p.etag())) {
          throw HubError.badRequest("InvalidPart: the ETag of part " + n + " does not match the uploaded part");
        }
      }
      if (!up.inFlight.isEmpty()) {
        throw HubError.badRequest("Part " + up.inFlight.iterator().next() + " is still being uploaded");
      }
      boolean allInBlob = true;
      for (Part p : up.received.values()) {
        allInBlob &= p.inBlob();
      }
      if (allInBlob && up.received.size() == up.parts && storedWhole(up)) {
        // Every part equals the stored blob's bytes at its offset, and that blob's SHA-256 is the oid.
        if (up.file != null) {
          Files.deleteIfExists(up.file);
          up.file = null;
        }
        up.digest = null;
      } else {
        completeInPlace(up);
      }
    }
    addToRepo(up);
    uploads.remove(uploadId);
    return Response.json(200, Map.of());
  }

  /**
   * Assembles the object in the upload's file (parts kept apart are copied in) and checks it against the oid:
   * with the digest built as the parts arrived when it covers them all, else with one pass over the file.
   */
  private void completeInPlace(Upload up) throws IOException {
    if (up.file == null) {
      up.file = state.blobs().newTempFile();
    }
    Path joined = up.file;
    // Parts not written in place: copy them in (the digest no longer covers what is in place).
    for (int n = 1; n <= up.parts; n++) {
      Part p = up.received.get(n);
      if (!p.inPlace()) {
        Path from = p.inBlob() ? state.blobs().path(up.oid) : p.copy().file();
        long at = p.inBlob() ? up.offset(n) : 0;
        long size = up.partSize(n);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
            FileChannel to = FileChannel.open(joined, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          long done = 0;
          while (done < size) {
            long moved = to.transferFrom(in.position(at + done), up.offset(n) + done, size - done);
            if (moved <= 0) {
              throw new IOException("short copy of part " + n);
            }
            done += moved;
          }
        }
        up.received.put(n, new Part(p.etag(), null, false));
        if (p.copy() != null) {
          state.blobs().discard(p.copy());
        }
        up.digest = null;
      }
    }
    String digest;
    if (up.digest != null && up.hashedParts == up.parts && up.hashingPart == 0) {
      digest = Hashes.hex(up.digest.digest());
    } else {
      digest = sha256Of(joined);
    }
    up.digest = null;
    long total = Files.size(joined);
    if (total != up.size || !digest.equals(up.oid)) {
      throw HubError.badRequest("The uploaded parts do not match the object: expected sha256 " + up.oid + " and "
          + up.size + " bytes, got " + digest + " and " + total + " bytes");
    }
    state.blobs().adopt(new BlobStore.Written(joined, digest, digest.substring(0, 32), total));
    up.file = null;
  }

  private static String sha256Of(Path file) throws IOException {
    MessageDigest sha = Hashes.digest("SHA-256");
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      hashRange(in, 0, in.size(), sha, ByteBuffer.allocate(1 << 20));
    }
    return Hashes.hex(sha.digest());
  }

  /**
   * Feeds {@code length} bytes of {@code in} from {@code at} into {@code digest} through {@code buf} (a heap buffer);
   * false when the file ends sooner.
   */
  private static boolean hashRange(FileChannel in, long at, long length, MessageDigest digest, ByteBuffer buf)
      throws IOException {
    long left = length;
    while (left > 0) {
      buf.clear().limit((int) Math.min(buf.capacity(), left));
      int r = in.read(buf, at);
      if (r <= 0) {
        return false;
      }
      digest.update(buf.array(), 0, r);
      at += r;
      left -= r;
    }
    return true;
  }

  private static String unquote(String etag) {
    String e = etag.strip();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }

  private Response verify(Request req, String type, String id) {
    RepoData repo = access.readable(req, type, id);
    Map<String, Object> body = req.jsonObject();
    String oid = Json.string(body, "oid");
    Long size = Json.integer(body, "size");
    Set<String> objects = state.read(() -> Set.copyOf(repo.lfsObjects));
    if (oid == null || !objects.contains(oid) || !state.blobs().has(oid)) {
      return lfsJson(404, Map.of("message", "Object " + oid + " does not exist"));
    }
    long stored = state.blobs().size(oid);
    if (size == null || size != stored) {
      return lfsJson(422, Map.of("message", "Object " + oid + " has size " + stored + ", not " + size));
    }
    return lfsJson(200, Map.of());
  }
}
