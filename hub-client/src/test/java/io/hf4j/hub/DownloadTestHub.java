package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import io.hf4j.core.Sleeper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

/**
 * A scripted Hub for MockWebServer tests: one repo at one commit, regular files answered on the Hub host
 * and LFS files redirected to a second server addressed by another host name (so the token must be
 * dropped), Range support, {@code X-Error-Code} 404s, revision info and a paginated tree. {@link
 * #override} injects faults before the normal answer.
 */
final class DownloadTestHub extends Dispatcher {
  static final String TOKEN = "hf_testTokenValue0123456789";
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  final MockWebServer hub = new MockWebServer();
  final MockWebServer storage = new MockWebServer();
  final Map<String, byte[]> files = new LinkedHashMap<>();
  final Set<String> lfs = ConcurrentHashMap.newKeySet();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> hubRequests = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> storageRequests = new CopyOnWriteArrayList<>();
  String repoPrefix = "/acme/demo";
  String apiRepo = "/api/models/acme/demo";
  String commit = COMMIT;
  final Set<String> revisions = ConcurrentHashMap.newKeySet();
  int treePageSize = 1000;
  volatile Function<RecordedRequest, MockResponse> override = r -> null;

  DownloadTestHub() {
    revisions.addAll(List.of("main", "refs/pr/1", "v1.0"));
  }

  void start() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    hub.setDispatcher(this);
    storage.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        storageRequests.add(request);
        MockResponse o = override.apply(request);
        if (o != null) return o;
        String sha = request.getUrl().pathSegments().get(1);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          if (sha256(e.getValue()).equals(sha)) return content(request, e.getValue(), null);
        }
        return new MockResponse.Builder().code(404).build();
      }
    });
    hub.start(loopback, 0);
    storage.start(loopback, 0);
  }

  void shutdown() {
    hub.close();
    storage.close();
  }

  /** The Hub as {@code http://127.0.0.1:<port>}. */
  HttpUrl hubUrl() {
    return new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(hub.getPort()).build();
  }

  /** The storage as {@code http://localhost:<port>}: another origin than the Hub. */
  HttpUrl storageUrl() {
    return new HttpUrl.Builder().scheme("http").host("localhost").port(storage.getPort()).build();
  }

  HfConfig.Builder config(java.nio.file.Path cache) {
    Sleeper sleeper = sleeps::add;
    return HfConfig.builder()
        .endpoint(hubUrl().toString())
        .token(TOKEN)
        .hubCache(cache)
        .sleeper(sleeper)
        .maxRetries(1)
        .jitter(0)
        .rateLimitPacing(false);
  }

  DownloadTestHub file(String path, String content) {
    files.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  DownloadTestHub lfsFile(String path, byte[] content) {
    files.put(path, content);
    lfs.add(path);
    return this;
  }

  List<String> hubRequestLines() {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : hubRequests) out.add(r.getMethod() + " " + r.getTarget());
    return out;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    hubRequests.add(request);
    MockResponse o = override.apply(request);
    if (o != null) return o;
    HttpUrl url = request.getUrl();
    String path = url.encodedPath();
    if (path.startsWith(apiRepo + "/revision/")) {
      String rev = decode(path.substring((apiRepo + "/revision/").length()));
      if (!revisions.contains(rev) && !rev.equals(commit)) return error(404, "RevisionNotFound", null);
      return new MockResponse.Builder().setHeader("Content-Type", "application/json")
          .body("{\"_id\":\"x\",\"id\":\"acme/demo\",\"sha\":\"" + commit + "\",\"siblings\":[]}").build();
    }
    if (path.startsWith(apiRepo + "/tree/")) return tree(url);
    String resolve = repoPrefix + "/resolve/";
    if (path.startsWith(resolve)) {
      String rest = path.substring(resolve.length());
      int slash = rest.indexOf('/');
      String rev = decode(rest.substring(0, slash));
      String file = decodePath(rest.substring(slash + 1));
      if (!revisions.contains(rev) && !rev.equals(commit)) return error(404, "RevisionNotFound", null);
      byte[] content = files.get(file);
      if (content == null) return error(404, "EntryNotFound", commit);
      if (lfs.contains(file)) {
        String sha = sha256(content);
        return new MockResponse.Builder().code(302)
            .setHeader("Location", storageUrl().newBuilder().addPathSegment("lfs").addPathSegment(sha)
                .addQueryParameter("X-Amz-Signature", "sig").build().toString())
            .setHeader("X-Repo-Commit", commit)
            .setHeader("X-Linked-Etag", "\"" + sha + "\"")
            .setHeader("X-Linked-Size", content.length)
            .build();
      }
      return content(request, content, "\"" + gitBlobSha1(content) + "\"");
    }
    return error(404, "RepoNotFound", null);
  }

  private MockResponse tree(HttpUrl url) {
    List<String> paths = new ArrayList<>(files.keySet());
    Collections.sort(paths);
    int start = url.queryParameter("cursor") == null ? 0 : Integer.parseInt(url.queryParameter("cursor"));
    int end = Math.min(paths.size(), start + treePageSize);
    StringBuilder json = new StringBuilder("[");
    for (int i = start; i < end; i++) {
      String p = paths.get(i);
      byte[] c = files.get(p);
      if (i > start) json.append(',');
      json.append("{\"type\":\"file\",\"path\":\"").append(p).append("\",\"size\":").append(c.length);
      if (lfs.contains(p)) {
        json.append(",\"oid\":\"").append(gitBlobSha1(("pointer " + p).getBytes(StandardCharsets.UTF_8))).append('"');
        json.append(",\"lfs\":{\"oid\":\"").append(sha256(c)).append("\",\"size\":").append(c.length).append(",\"pointerSize\":130}");
      } else {
        json.append(",\"oid\":\"").append(gitBlobSha1(c)).append('"');
      }
      json.append('}');
    }
    if (start == 0) json.append(start < end ? "," : "").append("{\"type\":\"directory\",\"path\":\"dir\",\"oid\":\"").append(COMMIT).append("\"}");
    json.append(']');
    MockResponse.Builder b = new MockResponse.Builder().setHeader("Content-Type", "application/json").body(json.toString());
    if (end < paths.size()) {
      b.setHeader("Link", "<" + url.newBuilder().setQueryParameter("cursor", String.valueOf(end)).build() + ">; rel=\"next\"");
    }
    return b.build();
  }

  /** A 200 (or 206 for a Range request) with the content, or just its headers for a HEAD. */
  MockResponse content(RecordedRequest request, byte[] content, String etag) {
    MockResponse.Builder b = new MockResponse.Builder().setHeader("X-Repo-Commit", commit).setHeader("Accept-Ranges", "bytes");
    if (etag != null) b.setHeader("ETag", etag);
    if (request.getMethod().equals("HEAD")) {
      return b.setHeader("Content-Length", content.length).build();
    }
    String range = request.getHeaders().get("Range");
    int from = 0;
    if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
      from = Integer.parseInt(range.substring(6, range.length() - 1));
      if (from >= content.length) return new MockResponse.Builder().code(416).build();
      b.code(206).setHeader("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
    }
    return b.body(new Buffer().write(content, from, content.length - from)).build();
  }

  static MockResponse error(int code, String errorCode, String repoCommit) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).setHeader("X-Error-Code", errorCode)
        .setHeader("X-Request-Id", "req-" + errorCode).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"" + errorCode + " for this request\"}");
    if (repoCommit != null) b.setHeader("X-Repo-Commit", repoCommit);
    return b.build();
  }

  static String decode(String encoded) {
    return HttpUrl.parse("http://h/" + encoded).pathSegments().get(0);
  }

  static String decodePath(String encoded) {
    return String.join("/", HttpUrl.parse("http://h/" + encoded).pathSegments());
  }

  static String sha256(byte[] content) {
    return hex("SHA-256", new byte[0], content);
  }

  static String gitBlobSha1(byte[] content) {
    return hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
  }

  private static String hex(String algorithm, byte[] prefix, byte[] content) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      md.update(prefix);
      md.update(content);
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    java.util.Random r = new java.util.Random(seed);
    r.nextBytes(b);
    return b;
  }
}
