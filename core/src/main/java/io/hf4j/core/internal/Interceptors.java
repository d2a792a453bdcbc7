package io.hf4j.core.internal;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfOfflineException;
import io.hf4j.core.HfToken;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RateLimitInfo;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** hf4j's application interceptors, outermost first. */
final class Interceptors {
  private Interceptors() {}

  /**
   * Logs the Hub's {@code X-HF-Warning: topic; message} headers at WARN, each topic once per process, as the
   * Python client does ({@code _warn_on_warning_headers}). Control characters from the server are not printed.
   */
  static final class ServerWarnings implements Interceptor {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.hf4j.hub");
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public Response intercept(Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      for (String warning : response.headers("X-HF-Warning")) warn(warning);
      return response;
    }

    static void warn(String header) {
      int semi = header.indexOf(';');
      String topic = semi >= 0 ? header.substring(0, semi).strip() : "";
      String message = (semi >= 0 ? header.substring(semi + 1) : header).strip().replaceAll("\\p{Cntrl}", " ");
      if (message.isEmpty() || !WARNED.add(topic)) return;
      LOG.warn("{}", message);
    }
  }

  /** Refuses every request once the configuration is closed, before anything is sent. */
  static final class Closed implements Interceptor {
    private final HfConfig config;

    Closed(HfConfig config) {
      this.config = config;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      config.checkOpen(chain.request().method() + " " + Redaction.path(chain.request().url()));
      return chain.proceed(chain.request());
    }
  }

  /** Refuses every request in offline mode, before anything is sent. */
  static final class Offline implements Interceptor {
    @Override
    public Response intercept(Chain chain) {
      throw new HfOfflineException(
          "Offline mode is on (HF_HUB_OFFLINE): refusing " + chain.request().method() + " "
              + Redaction.path(chain.request().url()) + ". Unset HF_HUB_OFFLINE to reach the Hub.");
    }
  }

  /**
   * Adds the user agent and a trace id to every request, and the token plus configured headers only to
   * requests for the endpoint's own origin. Being an application interceptor, it runs once per call:
   * OkHttp then drops the Authorization header when a redirect leaves that origin.
   */
  static final class Headers implements Interceptor {
    private final HttpUrl endpoint;
    private final @Nullable HfToken token;
    private final String userAgent;
    private final Map<String, String> extra;

    Headers(HfConfig config) {
      this.endpoint = config.endpoint();
      this.token = config.token();
      this.userAgent = config.userAgent();
      this.extra = config.headers();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      Request.Builder b = request.newBuilder();
      if (request.header("User-Agent") == null) b.header("User-Agent", userAgent);
      if (request.header("X-Amzn-Trace-Id") == null) {
        String requestId = request.header("X-Request-Id");
        b.header("X-Amzn-Trace-Id", requestId != null ? requestId : UUID.randomUUID().toString());
      }
      if (sameOrigin(request.url(), endpoint)) {
        extra.forEach(b::header);
        if (token != null && request.header("Authorization") == null && request.tag(Anonymous.class) == null) {
          b.header("Authorization", "Bearer " + token.reveal());
        }
      } else if (request.tag(TokenForOrigin.class) != null) {
        if (token != null && request.header("Authorization") == null) b.header("Authorization", "Bearer " + token.reveal());
      } else {
        // Never let a caller-set token travel to a foreign host either.
        b.removeHeader("Authorization");
      }
      return chain.proceed(b.build());
    }
  }

  /** Tag for a request to the endpoint that must go without the token. */
  static final class Anonymous {
    static final Anonymous INSTANCE = new Anonymous();

    private Anonymous() {}
  }

  /** Tag: the token may go to this request's (foreign) origin. */
  static final class TokenForOrigin {
    static final TokenForOrigin INSTANCE = new TokenForOrigin();

    private TokenForOrigin() {}
  }

  /**
   * A network interceptor: on a hop whose origin differs from the call's (a redirect to another host),
   * drops the configured extra headers and every credential-like header, whoever set them. OkHttp
   * itself drops only {@code Authorization}.
   */
  static final class RedirectGuard implements Interceptor {
    private final java.util.Set<String> extraNames;

    RedirectGuard(HfConfig config) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (String n : config.headers().keySet()) names.add(n.toLowerCase(java.util.Locale.ROOT));
      this.extraNames = names;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      if (sameOrigin(request.url(), chain.call().request().url())) return chain.proceed(request);
      Request.Builder b = null;
      for (String name : request.headers().names()) {
        if (extraNames.contains(name.toLowerCase(java.util.Locale.ROOT)) || Redaction.isCredentialLike(name)) {
          if (b == null) b = request.newBuilder();
          b.removeHeader(name);
        }
      }
      return chain.proceed(b == null ? request : b.build());
    }
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  /** Waits for room in the server's rate-limit window before each attempt and learns from each response. */
  static final class RateLimit implements Interceptor {
    private final RateLimitTracker tracker;
    private final HfConfig config;

    RateLimit(HfConfig config, RateLimitTracker tracker) {
      this.config = config;
      this.tracker = tracker;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Request request = chain.request();
      String host = request.url().host();
      String bucket = RateLimitTracker.bucketFor(request.url().encodedPath());
      try {
        tracker.acquire(host, bucket, config.sleeper(), config.rateLimitPacing(), () -> chain.call().isCanceled());
        if (chain.call().isCanceled()) throw new java.io.IOException("Canceled");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while pacing for the rate limit");
      }
      Response response = chain.proceed(request);
      RateLimitInfo info = RateLimitHeaders.parse(response.headers(), config.clock().instant());
      tracker.record(host, bucket, info, response.code());
      return response;
    }
  }
}
