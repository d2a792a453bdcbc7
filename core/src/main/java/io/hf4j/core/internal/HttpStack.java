package io.hf4j.core.internal;

import io.hf4j.core.HfConfig;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient of an {@link HfConfig}. */
public final class HttpStack {
  private HttpStack() {}

  /** Called once per configuration by {@link HfConfig#httpClient()}. */
  public static OkHttpClient build(HfConfig config, @Nullable OkHttpClient base, RateLimitTracker tracker) {
    OkHttpClient.Builder b = base != null ? base.newBuilder() : new OkHttpClient.Builder();
    if (base != null) {
      // A base client that is already an hf4j client: keep its pools, drop its hf4j interceptors.
      b.interceptors().removeIf(i -> i.getClass().getName().startsWith("io.hf4j.core.internal."));
      b.networkInterceptors().removeIf(i -> i.getClass().getName().startsWith("io.hf4j.core.internal."));
    }
    b.connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(true)
        .followSslRedirects(true);
    if (base == null && !config.endpoint().isHttps()) {
      // A cleartext endpoint (the emulator, a local mirror): TLS is set up on the first https connection, if any.
      LazyTls tls = new LazyTls();
      b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }
    if (config.offline()) b.interceptors().add(0, new Interceptors.Offline());
    b.interceptors().add(0, new Interceptors.Closed(config));
    b.addInterceptor(new BoundedBody.JsonLimit());
    b.addInterceptor(new Interceptors.Headers(config));
    b.addInterceptor(new Interceptors.ServerWarnings());
    b.addInterceptor(new RetryInterceptor(config, tracker));
    b.addInterceptor(new Interceptors.RateLimit(config, tracker));
    b.addNetworkInterceptor(new Interceptors.RedirectGuard(config));
    b.addNetworkInterceptor(new CurlLogger(config.debugRequests()));
    return b.build();
  }
}
