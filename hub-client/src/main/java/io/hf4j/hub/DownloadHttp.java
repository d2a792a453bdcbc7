package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfToken;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.HttpErrors;
import io.hf4j.core.internal.Redaction;
import io.hf4j.core.internal.RequestTags;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The requests of a download, on clients derived from the configuration's shared one (same pool, same
 * interceptors: the token goes only to the endpoint's origin, so it is never sent to a storage host,
 * whether reached directly or through a redirect).
 */
final class DownloadHttp {
  private static final Duration HEAD_RETRY_TIMEOUT = Duration.ofSeconds(60);
  private static final int MAX_REDIRECTS = 10;
  /**
   * Python tags every request of {@code hf_hub_download} / {@code snapshot_download} with it
   * ({@code utils/_http.py}, {@code flag_as_download_call}); the Hub's download statistics count on it.
   */
  static final String DOWNLOAD_COUNTER = "X-HF-Download-Counter";

  /** The answer to a metadata HEAD, after redirects on the Hub (renamed repos, resolve caches) were followed. */
  record Head(int code, Headers headers, HttpUrl url) {
    boolean isRedirect() {
      return code >= 300 && code < 400;
    }
  }

  private final HfHttp http;
  private final HfConfig config;
  private final @Nullable String secret;
  private final OkHttpClient headClient;
  private final OkHttpClient headRetryClient;
  private final OkHttpClient getClient;

  DownloadHttp(HfHttp http) {
    this.http = http;
    this.config = http.config();
    this.secret = config.token() == null ? null : config.token().reveal();
    OkHttpClient base = http.client();
    Duration etag = config.etagTimeout();
    this.headClient = base.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .readTimeout(etag.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    Duration retryTimeout = etag.isZero() || etag.compareTo(HEAD_RETRY_TIMEOUT) > 0 ? etag : HEAD_RETRY_TIMEOUT;
    this.headRetryClient = base.newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .readTimeout(retryTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    this.getClient = base.newBuilder()
        .readTimeout(config.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .build();
  }

  HfHttp hfHttp() {
    return http;
  }

  HfConfig config() {
    return config;
  }

  /**
   * {@code HEAD} with {@code Accept-Encoding: identity} (so Content-Length is the real size), following
   * redirects that stay on the Hub (relative, same host, a Hub host): one to storage is returned, its Location
   * being the download URL.
   * The first attempt is not retried, as in Python, so that an unreachable Hub falls back to the cache fast.
   *
   * @param onError sees the headers of an error answer before its typed exception is thrown
   */
  Head head(HttpUrl url, boolean retry, Consumer<Headers> onError) {
    HttpUrl current = url;
    for (int hop = 0; ; hop++) {
      Request.Builder b = new Request.Builder().url(current).head().header("Accept-Encoding", "identity")
          .header(DOWNLOAD_COUNTER, "1");
      if (!retry) RequestTags.noRetry(b);
      Request request = b.build();
      try (Response response = send(retry ? headRetryClient : headClient, request)) {
        if (response.code() >= 400) {
          onError.accept(response.headers());
          throw HttpErrors.exceptionFor(response, secret, config.clock());
        }
        String location = response.header("Location");
        if (response.isRedirect() && location != null && hop < MAX_REDIRECTS) {
          HttpUrl next = current.resolve(location);
          if (next != null && staysOnTheHub(current, next, config.endpoint())) {
            current = next;
            continue;
          }
        }
        return new Head(response.code(), response.headers(), current);
      }
    }
  }

  /** {@code GET}, from byte {@code from} on with a {@code Range} header when above zero. The caller closes the response. */
  Response get(HttpUrl url, long from) {
    return execute(newGet(url, from));
  }

  /** The call of {@link #get}, not yet sent, so that a cancellation hook can cancel it while its body streams. */
  Call newGet(HttpUrl url, long from) {
    Request.Builder b = new Request.Builder().url(url).get().header(DOWNLOAD_COUNTER, "1");
    if (from > 0) b.header("Range", "bytes=" + from + "-");
    return getClient.newCall(b.build());
  }

  /** Sends a call made by {@link #newGet}; the caller closes the response. */
  Response execute(Call call) {
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw ioFailure(call.request(), e);
    } catch (UncheckedIOException e) {
      throw ioFailure(call.request(), e.getCause());
    }
    return HttpErrors.raise(response, secret, config.clock());
  }

  /** An API call on the shared client; the first attempt of a cache-backed call is not retried. */
  Response api(Request.Builder builder, boolean retry) {
    builder.header(DOWNLOAD_COUNTER, "1");
    if (!retry) RequestTags.noRetry(builder);
    return http.execute(builder.build());
  }

  HfIoException ioFailure(Request request, IOException e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (secret != null) msg = Redaction.scrub(msg, secret);
    return new HfIoException(request.method() + " " + Redaction.path(request.url()) + " failed: " + msg, e);
  }

  private Response send(OkHttpClient client, Request request) {
    try {
      return client.newCall(request).execute();
    } catch (IOException e) {
      throw ioFailure(request, e);
    } catch (UncheckedIOException e) {
      throw ioFailure(request, e.getCause());
    }
  }

  /** The Hub's own hosts (Python's {@code constants.HF_URL_HOSTS}, with the endpoint's host added by the caller). */
  static final java.util.Set<String> HUB_HOSTS = java.util.Set.of("huggingface.co", "hf.co", "hub-ci.huggingface.co");

  /**
   * Whether a metadata HEAD follows a redirect: to the same host or a Hub host, as Python's
   * {@code _httpx2_follow_hub_redirects_with_backoff}; a redirect to storage or a CDN is not followed (its
   * answer carries the metadata, its Location is the download URL). The token goes only to the endpoint's origin.
   */
  static boolean staysOnTheHub(HttpUrl from, HttpUrl to, HttpUrl endpoint) {
    String host = to.host().toLowerCase(java.util.Locale.ROOT);
    return host.equals(from.host().toLowerCase(java.util.Locale.ROOT)) || HUB_HOSTS.contains(host)
        || host.equals(endpoint.host().toLowerCase(java.util.Locale.ROOT));
  }
}
