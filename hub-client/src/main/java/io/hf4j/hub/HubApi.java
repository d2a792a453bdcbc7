package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.BoundedBody;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.UrlEncoding;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** URLs and HTTP helpers of the Hub API, on core's shared client. */
final class HubApi {
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType LFS_JSON = MediaType.get("application/vnd.git-lfs+json");
  static final MediaType NDJSON = MediaType.get("application/x-ndjson");
  private static final String DEFAULT_ENDPOINT = "https://huggingface.co";
  private static final String STAGING_ENDPOINT = "https://hub-ci.huggingface.co";

  final HfHttp http;
  final HfConfig config;
  private volatile @Nullable OkHttpClient plainClient;

  HubApi(HfHttp http) {
    this.http = http;
    this.config = http.config();
  }

  /** {@code {E}/api/{type}s/{namespace}/{name}{tail}} (the type from the id); {@code tail} is already encoded. */
  HttpUrl api(RepoId repo, String encodedTail) {
    return http.url("api/" + repo.type().apiSegment() + "/" + repoPath(repo) + encodedTail);
  }

  /** {@code {E}/{prefix}{namespace}/{name}}, the repo's page. */
  String repoWebUrl(RepoId repo) {
    return http.url(repo.type().urlPrefix() + repoPath(repo)).toString();
  }

  /** {@code {E}/{prefix}{id}.git/info/lfs/objects/batch}. */
  HttpUrl lfsBatchUrl(RepoId repo) {
    return http.url(repo.type().urlPrefix() + repoPath(repo) + ".git/info/lfs/objects/batch");
  }

  /** {@code {E}/{prefix}{id}/resolve/{rev}/{path}}. */
  HttpUrl resolveUrl(RepoId repo, String revision, String path) {
    return http.url(repo.type().urlPrefix() + repoPath(repo) + "/resolve/" + UrlEncoding.revision(revision) + "/"
        + UrlEncoding.path(path));
  }

  static String repoPath(RepoId repo) {
    String namespace = repo.namespace();
    String ns = namespace == null ? "" : UrlEncoding.segment(namespace) + "/";
    return ns + UrlEncoding.segment(repo.name());
  }

  /**
   * A URL the Hub returned, with the public endpoint replaced by the configured one (a proxy or an
   * emulator), as the Python client's {@code fix_hf_endpoint_in_url} does.
   */
  String fixEndpoint(String url) {
    String endpoint = config.endpoint().toString();
    if (endpoint.endsWith("/")) endpoint = endpoint.substring(0, endpoint.length() - 1);
    if (endpoint.equals(DEFAULT_ENDPOINT) || endpoint.equals(STAGING_ENDPOINT)) return url;
    return url.replace(DEFAULT_ENDPOINT, endpoint).replace(STAGING_ENDPOINT, endpoint);
  }

  /** A JSON body, exactly as given (keys in map order, nulls kept). */
  static RequestBody jsonBody(Object value, MediaType type) {
    return RequestBody.create(JsonObject.write(value).getBytes(StandardCharsets.UTF_8), type);
  }

  /** GET and decode a JSON answer (retried by core). */
  Object getJson(HttpUrl url, String what) {
    return readJson(new Request.Builder().url(url).get().build(), what, null);
  }

  /** POST a JSON body and decode the answer; retried by core only when {@code retrySafe}. */
  Object postJson(HttpUrl url, Object body, boolean retrySafe, String what) {
    Request.Builder b = new Request.Builder().url(url).post(jsonBody(body, JSON));
    if (retrySafe) RequestTags.retrySafe(b);
    return readJson(b.build(), what, null);
  }

  /**
   * Sends a request and decodes its JSON answer. Core's retry reads a small JSON answer inside its loop,
   * so an answer cut mid-body is retried like any transport failure when the request is repeatable.
   */
  Object readJson(Request request, String what, @Nullable CallTracker tracker) {
    return JsonObject.parse(readText(request, tracker), what);
  }

  /** Sends a request and reads its answer as text, bounded like a JSON answer (a caller with a parser of its own). */
  String readText(Request request, @Nullable CallTracker tracker) {
    try (Response response = execute(request, tracker)) {
      return text(response);
    } catch (IOException e) {
      throw ioFailure(request, e);
    }
  }

  /** Decodes a response's JSON answer, bounded whatever its content type: a JSON answer is never tens of MiB. */
  static Object json(Response response, String what) throws IOException {
    return JsonObject.parse(text(response), what);
  }

  /** A response's body as text, bounded like a JSON answer whatever its content type. */
  static String text(Response response) throws IOException {
    return BoundedBody.limit(response.body(), BoundedBody.MAX_JSON_BYTES).string();
  }

  /**
   * Sends a request: returns the response for status < 400 (the caller closes it), throws core's typed
   * exception otherwise, and {@link HfIoException} for transport failures. When a tracker is given the
   * call is registered with it, so that cancelling the upload cancels the call.
   */
  Response execute(Request request, @Nullable CallTracker tracker) {
    Call call = clientFor(request.url()).newCall(request);
    if (tracker != null) tracker.register(call);
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      if (tracker != null && (call.isCanceled() || e instanceof InterruptedIOException && tracker.aborted())) {
        throw tracker.abortSignal();
      }
      throw ioFailure(request, e);
    } catch (UncheckedIOException e) {
      throw ioFailure(request, e.getCause());
    } finally {
      if (tracker != null) tracker.unregister(call);
    }
    return http.raise(response);
  }

  /** Throws core's typed exception for a status >= 400 (closing the response); returns otherwise. */
  void raise(Response response) {
    http.raise(response);
  }

  /**
   * Core's client, or for plain {@code http://} URLs a variant with {@link BufferedSocketFactory}
   * (same interceptors, pool and dispatcher) when the configured client uses the default sockets.
   */
  OkHttpClient clientFor(HttpUrl url) {
    OkHttpClient base = http.client();
    if (url.isHttps() || base.socketFactory() != SocketFactory.getDefault()) return base;
    OkHttpClient c = plainClient;
    if (c == null) {
      c = base.newBuilder().socketFactory(new BufferedSocketFactory()).build();
      plainClient = c;
    }
    return c;
  }

  HfIoException ioFailure(Request request, IOException e) {
    return http.ioFailure(request, e);
  }

  /** Reads a whole (small) response body. */
  static byte[] bytes(Response response, Request request, HubApi api) {
    try {
      ResponseBody body = response.body();
      return body.bytes();
    } catch (IOException e) {
      throw api.ioFailure(request, e);
    }
  }

  static HfException unexpected(String what, String detail) {
    return new HfException("Unexpected answer from the Hub for " + what + ": " + detail);
  }
}
