package io.hf4j.core.internal;

import io.hf4j.core.HfConfig;
import org.jspecify.annotations.Nullable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Builds the one OkHttpClient of an {@link HfConfig}. */
public final class HttpStack {
  /** The client {@link #prepare} set up for the next {@link #build} of its kind, or null; guarded by the class. */
  private static @Nullable Prepared prepared;

  /** Whether {@link #warmUp} has run for a cleartext, and for an {@code https}, endpoint. */
  private static final java.util.concurrent.atomic.AtomicBoolean WARMED_CLEARTEXT =
      new java.util.concurrent.atomic.AtomicBoolean();
  private static final java.util.concurrent.atomic.AtomicBoolean WARMED_TLS =
      new java.util.concurrent.atomic.AtomicBoolean();

  private HttpStack() {}

  /**
   * Sets up, ahead of the first configuration that builds its own client, the part of that client which depends on
   * no configuration: OkHttp's platform probe (it instantiates every security provider of the JDK), its dispatcher
   * and connection pool, and the TLS set-up of an {@code https} endpoint (the JDK's trust store); then it warms up
   * what else the first request initialises (see {@link #warmUp}). A process start (the CLI) runs the returned work on
   * a second thread while it parses its command line.
   *
   * <p>The next {@link #build} without a base client whose endpoint is cleartext exactly when {@code cleartext}
   * says takes the client (any other build ignores it): it runs the work itself if no thread has started it yet,
   * else waits for the client, then builds on it as it would on a new one (the same settings; the prepared pools and
   * TLS set-up are used, not made twice). Nothing of the work is reported: if it fails, that build goes on as
   * without it and meets the same failure itself. A second call replaces a preparation not yet taken.
   *
   * @param cleartext whether the endpoint the caller expects is {@code http://}
   * @return the work; run it once (on any thread; later runs do nothing)
   */
  public static Runnable prepare(boolean cleartext) {
    // No lambda here: this runs first thing in a process, before the thread starts, and a process's first lambda
    // sets up the JDK's lambda machinery (~10-20 ms).
    return prepare(cleartext, null);
  }

  /** {@link #prepare(boolean)} with the bare client made by {@code bare} if not null (tests: a failing one). */
  static Prepared prepare(boolean cleartext, java.util.function.@Nullable Supplier<OkHttpClient> bare) {
    Prepared p = new Prepared(cleartext, bare);
    synchronized (HttpStack.class) {
      prepared = p;
    }
    return p;
  }

  /**
   * Whether a thread is already building a preparation not yet taken (the CLI's, started first thing in the
   * process): a configuration built meanwhile then starts no setup thread of its own, its first call takes that
   * preparation over as before.
   *
   * @return whether a preparation is under way on some thread
   */
  public static boolean preparationUnderWay() {
    Prepared p;
    synchronized (HttpStack.class) {
      p = prepared;
    }
    return p != null && p.started();
  }

  /** Drops a preparation not yet taken (tests). */
  static synchronized void forgetPrepared() {
    prepared = null;
  }

  /** A bare client built ahead, once, by whichever thread runs it first; others wait for it. */
  static final class Prepared implements Runnable {
    private final boolean cleartext;
    private final java.util.function.@Nullable Supplier<OkHttpClient> bare;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition built = lock.newCondition();
    private boolean started;
    private boolean done;
    private @Nullable OkHttpClient client;

    Prepared(boolean cleartext, java.util.function.@Nullable Supplier<OkHttpClient> bare) {
      this.cleartext = cleartext;
      this.bare = bare;
    }

    /** Whether a thread has started building the client. */
    boolean started() {
      lock.lock();
      try {
        return started;
      } finally {
        lock.unlock();
      }
    }

    /** The client built, or null (not yet, or it failed). */
    @Nullable OkHttpClient client() {
      lock.lock();
      try {
        return client;
      } finally {
        lock.unlock();
      }
    }

    /** The work of the thread started for it: the client, then the warm-up of what else the command needs. */
    @Override
    public void run() {
      // The JDK's security providers first: OkHttp's platform probe (Security.getProviders(), on the client's build)
      // loads and initialises every one of them (~50-70 ms), and nothing in it logs. SLF4J's start (LoggingStart)
      // comes after it, so that a main thread that needs SLF4J meanwhile starts it itself, beside this work, instead
      // of waiting for this thread to get through both.
      try {
        java.security.Security.getProviders();
      } catch (Throwable e) {
        // Only a head start: the client's build meets and reports any failure.
      }
      LoggingStart.ensure();
      if (buildOnce()) warmUp(cleartext);
    }

    /** Builds the client unless a thread has started to; whether this call built it. */
    private boolean buildOnce() {
      lock.lock();
      try {
        if (started) return false;
        started = true;
      } finally {
        lock.unlock();
      }
      OkHttpClient c = null;
      try {
        c = bare != null ? bare.get() : newBuilder(cleartext).build();
      } catch (Throwable e) {
        // Not reported here (nor by the thread's handler): the build that takes this goes on without it and meets
        // the failure itself.
      } finally {
        lock.lock();
        try {
          client = c;
          done = true;
          built.signalAll();
        } finally {
          lock.unlock();
        }
      }
      return true;
    }

    /** The client, waiting for the thread building it; null if building it failed or the wait was interrupted. */
    @Nullable OkHttpClient await() {
      buildOnce();
      lock.lock();
      try {
        while (!done) built.await();
        return client;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * What a command initialises on its way to the first request besides the client, initialised while it parses its
   * command line and builds its configuration: the host canonicalisation of an endpoint's parse (IDN, which loads
   * the JDK's Unicode normalisation data), the logging back-end (the client's loggers start SLF4J), a request with a
   * tag (Kotlin's class mapping), a request id's {@code SecureRandom}, and the JDK's address classes (a literal
   * address: no lookup), and hf4j's JSON reader (Moshi, the answers' parse). The JVM initialises each class once: a
   * thread that needs one meanwhile waits for it. Failures are ignored.
   *
   * @param cleartext whether the endpoint is {@code http://}
   */
  public static void warmUp(boolean cleartext) {
    // Once per kind of endpoint in a process: every configuration's setup thread comes here, only the first gains.
    if (!(cleartext ? WARMED_CLEARTEXT : WARMED_TLS).compareAndSet(false, true)) return;
    try {
      String url = cleartext ? "http://localhost/" : "https://huggingface.co/";
      HttpUrl.get(url);
      LoggingStart.ensure();
      new okhttp3.Request.Builder().url(url).tag(String.class, "").build();
      java.util.UUID.randomUUID();
      java.net.InetAddress.getByName("127.0.0.1");
      Json.moshi().adapter(Object.class).fromJson("{\"a\":[1,\"b\",true,null]}");
    } catch (Throwable e) {
      // Only a head start: the command itself meets and reports any failure.
    }
  }

  private static OkHttpClient.Builder newBuilder(boolean cleartext) {
    OkHttpClient.Builder b = new OkHttpClient.Builder();
    if (cleartext) {
      // A cleartext endpoint (the emulator, a local mirror): TLS is set up on the first https connection, if any.
      LazyTls tls = new LazyTls();
      b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }
    return b;
  }

  /** The prepared client for a build of this kind, or null (none, another kind, or building it failed). */
  private static @Nullable OkHttpClient takePrepared(boolean cleartext) {
    Prepared p;
    synchronized (HttpStack.class) {
      p = prepared;
      if (p == null || p.cleartext != cleartext) return null;
      prepared = null;
    }
    return p.await();
  }

  /** Called once per configuration by {@link HfConfig#httpClient()}. */
  public static OkHttpClient build(HfConfig config, @Nullable OkHttpClient base, RateLimitTracker tracker) {
    boolean cleartext = !config.endpoint().isHttps();
    OkHttpClient.Builder b;
    if (base != null) {
      b = base.newBuilder();
      // A base client that is already an hf4j client: keep its pools, drop its hf4j interceptors.
      b.interceptors().removeIf(i -> i.getClass().getName().startsWith("io.hf4j.core.internal."));
      b.networkInterceptors().removeIf(i -> i.getClass().getName().startsWith("io.hf4j.core.internal."));
    } else {
      OkHttpClient prepared = takePrepared(cleartext);
      b = prepared != null ? prepared.newBuilder() : newBuilder(cleartext);
    }
    b.connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(true)
        .followSslRedirects(true);
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
