package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfToken;
import io.hf4j.core.Nullable;
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
  private static final int MAX_RELATIVE_REDIRECTS = 10;

  /** The answer to a metadata HEAD, after relative redirects (renamed repos) were followed. */
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
    this.secret = config.token().map(HfToken::reveal).orElse(null);
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
   * relative redirects only: an absolute one (to storage) is returned, its Location being the download URL.
   * The first attempt is not retried, as in Python, so that an unreachable Hub falls back to the cache fast.
   *
   * @param onError sees the headers of an error answer before its typed exception is thrown
   */
  Head head(HttpUrl url, boolean retry, Consumer<Headers> onError) {
    HttpUrl current = url;
    for (int hop = 0; ; hop++) {
      Request.Builder b = new Request.Builder().url(current).head().header("Accept-Encoding", "identity");
      if (!retry) RequestTags.noRetry(b);
      Request request = b.build();
      try (Response response = send(retry ? headRetryClient : headClient, request)) {
        if (response.code() >= 400) {
          onError.accept(response.headers());
          throw HttpErrors.exceptionFor(response, secret, config.clock());
        }
        String location = response.header("Location");
        if (response.isRedirect() && location != null && isRelative(location) && hop < MAX_RELATIVE_REDIRECTS) {
          HttpUrl next = current.resolve(location);
          if (next != null) {
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
    Request.Builder b = new Request.Builder().url(url).get();
    if (from > 0) b.header("Range", "bytes=" + from + "-");
    Request request = b.build();
    Response response = send(getClient, request);
    return HttpErrors.raise(response, secret, config.clock());
  }

  /** An API call on the shared client; the first attempt of a cache-backed call is not retried. */
  Response api(Request.Builder builder, boolean retry) {
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

  private static boolean isRelative(String location) {
    return !location.contains("://") && !location.startsWith("//");
  }
}
