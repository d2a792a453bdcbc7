package io.hf4j.testkit.internal;

import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code /resolve/} and {@code /raw/} downloads on the API host, LFS object downloads on the storage host. */
final class DownloadRoutes {
  private static final long PRESIGN_SECONDS = 3600;

  private final EmulatorServer server;
  private final HubState state;
  private final Access access;

  DownloadRoutes(EmulatorServer server) {
    this.server = server;
    this.state = server.state();
    this.access = new Access(state);
  }

  void register(Router api, Router storage) {
    for (Map.Entry<String, String> e : Access.TYPES_BY_PLURAL.entrySet()) {
      String type = e.getValue();
      String prefix = "model".equals(type) ? "" : "/" + e.getKey();
      api.add("GET", prefix + "/{ns}/{name}/resolve/{rest...}", Routes.RESOLVERS_BUCKET,
          req -> resolve(req, type, prefix, req.param("ns") + "/" + req.param("name"), false));
      api.add("GET", prefix + "/{ns}/{name}/raw/{rest...}", Routes.RESOLVERS_BUCKET,
          req -> resolve(req, type, prefix, req.param("ns") + "/" + req.param("name"), true));
    }
    storage.add("GET", "/objects/{oid}", this::object);
  }

  /** A presigned storage URL for an LFS object. */
  static String objectUrl(EmulatorServer server, String oid) {
    String path = "/objects/" + oid;
    return server.storageUrl() + path + "?" + server.signer().presignQuery(path, server.state().clock(), PRESIGN_SECONDS);
  }

  private Response resolve(Request req, String type, String prefix, String id, boolean raw) {
    RepoData repo = access.downloadable(req, type, id);
    String rest = req.param("rest");
    String[] revPath = RepoRoutes.splitRevision(state, repo, rest);
    CommitData commit = state.commitAt(repo, revPath[0]);
    String path = revPath[1];
    FileRef f = commit.tree().get(path);
    if (f == null) {
      throw new HubError(404, "EntryNotFound", "Entry not found").header("X-Repo-Commit", commit.id());
    }
    if (server.absoluteResolveRedirects() && !revPath[0].equals(commit.id())) {
      // As the Hub sometimes does: an absolute URL on the same host, here the same file at the commit id.
      StringBuilder location = new StringBuilder(server.apiUrl()).append(prefix).append('/').append(id)
          .append(raw ? "/raw/" : "/resolve/").append(commit.id());
      for (String segment : path.split("/", -1)) {
        location.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
      }
      String query = req.uri().getRawQuery();
      if (query != null && !query.isEmpty()) {
        location.append('?').append(query);
      }
      return Response.text(307, "Temporary Redirect. Redirecting to " + location)
          .header("Location", location.toString())
          .header("X-Repo-Commit", commit.id());
    }
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    if (f.lfs() && !raw) {
      String location = objectUrl(server, f.sha256()) + "&response-content-disposition="
          + URLEncoder.encode(disposition(fileName), StandardCharsets.UTF_8).replace("+", "%20");
      Response found = Response.text(302, "Found. Redirecting to " + location)
          .header("Location", location)
          .header("X-Repo-Commit", commit.id())
          .header("X-Linked-Size", String.valueOf(f.size()))
          .header("X-Linked-Etag", "\"" + f.sha256() + "\"")
          .header("ETag", "\"" + f.sha256() + "\"");
      if (server.xetRoutes() != null) {
        server.xetRoutes().decorateResolve(found, repo, commit.id(), f.sha256());
      }
      return found;
    }
    if (f.lfs()) {
      byte[] pointer = Hashes.lfsPointer(f.sha256(), f.size()).getBytes(StandardCharsets.US_ASCII);
      return ranged(req, pointerSource(pointer), pointer.length, "\"" + f.gitOid() + "\"", fileName)
          .header("X-Repo-Commit", commit.id());
    }
    return ranged(req, fileSource(state.blobs().path(f.sha256())), f.size(), "\"" + f.gitOid() + "\"", fileName)
        .header("X-Repo-Commit", commit.id());
  }

  private static String disposition(String fileName) {
    String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_");
    return "inline; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20")
        + "; filename=\"" + ascii + "\";";
  }

  /** Opens a byte range of some content. */
  @FunctionalInterface
  interface Source {
    void copy(OutputStream out, long from, long length) throws IOException;
  }

  private static Source fileSource(Path file) {
    return (out, from, length) -> {
      try (InputStream in = Files.newInputStream(file)) {
        in.skipNBytes(from);
        // Sized to the range: most files are small, and a 64 KiB array zeroed per request costs more than the copy.
        byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(1, length))];
        long left = length;
        while (left > 0) {
          int n = in.read(buf, 0, (int) Math.min(buf.length, left));
          if (n < 0) {
            break;
          }
          out.write(buf, 0, n);
          left -= n;
        }
      }
    };
  }

  private static Source pointerSource(byte[] bytes) {
    return (out, from, length) -> out.write(bytes, (int) from, (int) length);
  }

  /** 200, 206 with {@code Content-Range}, or 416, honouring a single {@code Range: bytes=...}. */
  private static Response ranged(Request req, Source source, long size, String etag, String fileName) {
    String range = req.header("Range");
    long from = 0;
    long to = size - 1;
    boolean partial = false;
    if (range != null && range.startsWith("bytes=") && !range.contains(",")) {
      String spec = range.substring(6).strip();
      int dash = spec.indexOf('-');
      try {
        if (dash == 0) {
          long suffix = Long.parseLong(spec.substring(1));
          from = Math.max(0, size - suffix);
        } else if (dash > 0) {
          from = Long.parseLong(spec.substring(0, dash));
          if (dash < spec.length() - 1) {
            to = Math.min(size - 1, Long.parseLong(spec.substring(dash + 1)));
          }
        }
        partial = dash >= 0;
      } catch (NumberFormatException e) {
        partial = false;
      }
      if (partial && (from >= size || from > to)) {
        return Response.empty(416).header("Content-Range", "bytes */" + size).header("ETag", etag);
      }
    }
    long length = partial ? to - from + 1 : size;
    long start = from;
    if (!partial && size > 0 && req.method().equals("GET") && acceptsGzip(req.header("Accept-Encoding"))
        && isText(contentType(fileName))) {
      // As the Hub's CDN: a whole text file is sent gzip-encoded to a client that accepts it (no Content-Length).
      Response gz = Response.stream(200, contentType(fileName), -1, out -> {
        PooledGzip zip = PooledGzip.open(out);
        source.copy(zip, 0, size);
        zip.finish();
        zip.flush();
      });
      gz.header("Content-Encoding", "gzip").header("Vary", "Accept-Encoding");
      gz.header("ETag", etag).header("Accept-Ranges", "bytes").header("Content-Disposition", disposition(fileName));
      return gz;
    }
    Response r = length == 0
        ? Response.empty(200)
        : Response.stream(partial ? 206 : 200, contentType(fileName), length, out -> source.copy(out, start, length));
    if (length == 0) {
      r.header("Content-Type", contentType(fileName));
      r.header("Content-Length", "0");
    }
    r.header("ETag", etag).header("Accept-Ranges", "bytes").header("Content-Disposition", disposition(fileName));
    if (partial) {
      r.header("Content-Range", "bytes " + from + "-" + to + "/" + size);
    }
    return r;
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String coding = part.strip();
      int semi = coding.indexOf(';');
      String name = (semi >= 0 ? coding.substring(0, semi) : coding).strip();
      if (name.equalsIgnoreCase("gzip") && !coding.replace(" ", "").endsWith(";q=0")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isText(String contentType) {
    return contentType.startsWith("text/") || contentType.startsWith("application/json");
  }

  private static String contentType(String fileName) {
    String lower = fileName.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    if (lower.endsWith(".md") || lower.endsWith(".txt") || lower.endsWith(".py") || lower.endsWith(".yaml")
        || lower.endsWith(".yml") || lower.endsWith(".csv") || lower.equals(".gitattributes")
        || lower.equals(".gitignore")) {
      return "text/plain; charset=utf-8";
    }
    return "application/octet-stream";
  }

  private Response object(Request req) {
    String oid = req.param("oid");
    String error = server.signer().check(req.rawPath(), req.query("X-Amz-Date"), req.query("X-Amz-Signature"), state.clock());
    if (error != null) {
      return EmulatorServer.S3Errors.error(403, error, "Request has expired or is not signed");
    }
    if (!state.blobs().has(oid)) {
      return EmulatorServer.S3Errors.error(404, "NoSuchKey", "The specified key does not exist.");
    }
    String disposition = req.query("response-content-disposition");
    Response r = ranged(req, fileSource(state.blobs().path(oid)), state.blobs().size(oid), "\"" + oid + "\"", oid);
    if (disposition != null) {
      r.setHeader("Content-Disposition", disposition);
    }
    r.setHeader("Content-Type", "application/octet-stream");
    return r;
  }
}
