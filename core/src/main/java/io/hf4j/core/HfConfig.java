package io.hf4j.core;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.internal.HttpStack;
import io.hf4j.core.internal.RateLimitTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Everything an hf4j client needs to talk to the Hub: endpoint, token, timeouts, retry and
 * rate-limit policy, and one shared {@link OkHttpClient}. Immutable and thread-safe; build one per
 * application and hand it to every client so they share connections.
 *
 * <pre>{@code
 * HfConfig config = HfConfig.fromEnv();                      // HF_ENDPOINT, HF_TOKEN, token file...
 * HfConfig custom = HfConfig.builder().fromEnv()
 *     .endpoint("http://127.0.0.1:8080")                     // a setter beats the environment
 *     .readTimeout(Duration.ofMinutes(2))
 *     .build();
 * }</pre>
 *
 * <p>Precedence: a builder setter beats the environment, which beats the token file. {@link
 * #builder()} alone reads nothing from the machine; call {@link Builder#fromEnv()} to read it.
 *
 * <table>
 *   <caption>Settings read from the environment</caption>
 *   <tr><th>Setter</th><th>Environment</th><th>Default</th></tr>
 *   <tr><td>endpoint</td><td>HF_ENDPOINT</td><td>https://huggingface.co</td></tr>
 *   <tr><td>token</td><td>HF_TOKEN, HUGGING_FACE_HUB_TOKEN, then the file HF_TOKEN_PATH</td><td>$HF_HOME/token</td></tr>
 *   <tr><td>noToken</td><td>HF_HUB_DISABLE_IMPLICIT_TOKEN</td><td>false</td></tr>
 *   <tr><td>hfHome</td><td>HF_HOME, XDG_CACHE_HOME/huggingface</td><td>~/.cache/huggingface</td></tr>
 *   <tr><td>hubCache</td><td>HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE</td><td>$HF_HOME/hub</td></tr>
 *   <tr><td>offline</td><td>HF_HUB_OFFLINE, TRANSFORMERS_OFFLINE</td><td>false</td></tr>
 *   <tr><td>etagTimeout</td><td>HF_HUB_ETAG_TIMEOUT (seconds)</td><td>10 s</td></tr>
 *   <tr><td>downloadTimeout</td><td>HF_HUB_DOWNLOAD_TIMEOUT (seconds)</td><td>10 s</td></tr>
 *   <tr><td>debugRequests</td><td>HF_DEBUG</td><td>false (curl lines at DEBUG only)</td></tr>
 *   <tr><td>userAgentOrigin</td><td>HF_HUB_USER_AGENT_ORIGIN</td><td>none</td></tr>
 *   <tr><td>disableTelemetry</td><td>HF_HUB_DISABLE_TELEMETRY, DISABLE_TELEMETRY, DO_NOT_TRACK</td><td>false</td></tr>
 *   <tr><td>disableSymlinks</td><td>HF_HUB_DISABLE_SYMLINKS</td><td>false</td></tr>
 *   <tr><td>disableXet</td><td>HF_HUB_DISABLE_XET</td><td>false</td></tr>
 *   <tr><td>disableProgressBars</td><td>HF_HUB_DISABLE_PROGRESS_BARS</td><td>false</td></tr>
 * </table>
 *
 * <p>Other defaults: connect timeout 10 s, read and write timeouts 60 s, no call timeout; 5 retries
 * from 1 s doubling to an 8 s cap with 25 % jitter within a 5 minute budget; rate-limit pacing on.
 *
 * <p><b>Threads and lifecycle.</b> Background work (parallel hashing and transfers of uploads and downloads, R2
 * multipart parts, the {@code async()} views of the clients) runs on {@link #executor()}: the one given to {@link
 * Builder#executor(Executor)}, else a pool this configuration creates on first use (daemon threads named {@code
 * hf4j-worker-N}, at most {@link #DEFAULT_POOL_THREADS} of them, idle threads ending after 30 s). {@link #close()}
 * releases what the configuration owns: that pool, and the OkHttp client's dispatcher and connections (unless the
 * OkHttp client came from {@link Builder#httpClient(OkHttpClient)}). It never shuts down an executor or an OkHttp
 * client the application supplied. {@link Builder#build()} starts building the configuration's OkHttp client (and
 * what a first request initialises besides it) on a daemon thread of its own, {@code hf4j-http-setup-N}, which ends
 * once that is done: in a fresh JVM that is a few hundred milliseconds of class loading and set-up that the first
 * call would otherwise pay; a call made meanwhile waits for the client instead of building a second one, and a
 * failure there is met and reported by the call that needs the client. Nothing of it is started when the
 * application gives its own OkHttp client, nor when the process already prepares the client on a thread of its own
 * (the {@code hf4j} command does, first thing; its first call takes that over). Clients built from a
 * configuration ({@code HubClient}, {@code JobsClient}, {@code SpacesClient}, {@code R2Client}) own nothing of their
 * own: closing the configuration is all there is to close. Any call made after {@code close()} throws {@link ConfigClosedException}.
 */
public final class HfConfig implements AutoCloseable {
  /** The public Hub. */
  public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

  /**
   * The most threads of the pool a configuration creates when no executor is given: four per processor, at least
   * 16 and at most 64 (transfers wait on the network far more than they compute).
   */
  public static final int DEFAULT_POOL_THREADS =
      Math.min(64, Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));

  private static final AtomicInteger POOL_THREADS = new AtomicInteger();
  private static final AtomicInteger SETUP_THREADS = new AtomicInteger();

  private final HttpUrl endpoint;
  private final @Nullable HfToken token;
  private final Path hfHome;
  private final Path tokenPath;
  private final Path hubCache;
  private final boolean offline;
  private final boolean debugRequests;
  private final boolean disableSymlinks;
  private final boolean disableXet;
  private final boolean disableProgressBars;
  private final String userAgent;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration writeTimeout;
  private final Duration callTimeout;
  private final Duration etagTimeout;
  private final Duration downloadTimeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration retryBudget;
  private final double jitter;
  private final boolean rateLimitPacing;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private final Map<String, String> headers;
  private final @Nullable OkHttpClient baseClient;
  private final RateLimitTracker rateLimitTracker;
  private final Builder source;
  private volatile @Nullable OkHttpClient httpClient;
  /** The executor the application gave, or null when this configuration uses its own pool (or its parent's). */
  private final @Nullable Executor userExecutor;
  /** The configuration this one was derived from ({@link #toBuilder()}): shares its pool and its closing. */
  private final @Nullable HfConfig parent;
  private final ReentrantLock lifecycle = new ReentrantLock();
  /** Signalled when a build of the client ends (built or failed); with {@link #lifecycle}. */
  private final Condition clientBuildEnded = lifecycle.newCondition();
  /** Whether a thread is building the client (outside the lock); guarded by {@link #lifecycle}. */
  private boolean buildingClient;
  private @Nullable ThreadPoolExecutor ownPool;
  private volatile boolean closed;

  private HfConfig(Builder b, ResolvedEnv env) {
    this.source = b.copy();
    this.endpoint = env.endpoint;
    this.token = env.token;
    this.hfHome = env.hfHome;
    this.tokenPath = env.tokenPath;
    this.hubCache = env.hubCache;
    this.offline = env.offline;
    this.debugRequests = env.debug;
    this.disableSymlinks = env.disableSymlinks;
    this.disableXet = env.disableXet;
    this.disableProgressBars = env.disableProgressBars;
    this.userAgent = env.userAgent;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.writeTimeout = b.writeTimeout;
    this.callTimeout = b.callTimeout;
    this.etagTimeout = env.etagTimeout;
    this.downloadTimeout = env.downloadTimeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.retryBudget = b.retryBudget;
    this.jitter = b.jitter;
    this.rateLimitPacing = b.rateLimitPacing;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.headers = Map.copyOf(b.headers);
    this.baseClient = b.httpClient;
    this.userExecutor = b.executor;
    this.parent = b.parent;
    this.rateLimitTracker =
        b.sharedTracker != null && b.sharedTrackerEndpoint != null && b.sharedTrackerEndpoint.equals(endpoint)
            ? b.sharedTracker
            : new RateLimitTracker(clock);
  }

  /** {@return a configuration from this process's environment (see the class table)} */
  public static HfConfig fromEnv() {
    return builder().fromEnv().build();
  }

  /** {@return a builder that reads nothing from the machine until {@link Builder#fromEnv()} is called} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this configuration's settings; the built config shares this one's connections, rate-limit
   * state and executor (unless given its own). Closing the built config releases none of them; closing this one
   * does, and the built config then fails like this one.
   *
   * @return a builder with this configuration's settings
   */
  public Builder toBuilder() {
    Builder b = source.copy();
    b.httpClient = httpClient();
    b.sharedTracker = rateLimitTracker;
    b.sharedTrackerEndpoint = endpoint;
    b.parent = parent != null ? parent : this;
    return b;
  }

  /**
   * The executor hf4j runs background work on: the one given to {@link Builder#executor(Executor)}, else a shared
   * pool created on first use (see the class comment). Each call bounds its own share of it with its params'
   * concurrency, and the calling thread takes part in its call's work, so a call makes progress even when every
   * thread of a small executor is busy.
   *
   * @return the executor for background work
   * @throws ConfigClosedException after {@link #close()}
   */
  public Executor executor() {
    checkOpen("executor()");
    if (userExecutor != null) return userExecutor;
    if (parent != null) return parent.executor();
    lifecycle.lock();
    try {
      checkOpen("executor()");
      ThreadPoolExecutor pool = ownPool;
      if (pool == null) {
        pool = new ThreadPoolExecutor(DEFAULT_POOL_THREADS, DEFAULT_POOL_THREADS, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), new WorkerThreads());
        pool.allowCoreThreadTimeOut(true);
        ownPool = pool;
      }
      return pool;
    } finally {
      lifecycle.unlock();
    }
  }

  /** {@return whether {@link #close()} was called (on this configuration or on the one it shares its resources with)} */
  public boolean isClosed() {
    return closed || (parent != null && parent.closed);
  }

  /**
   * Throws {@link ConfigClosedException} naming {@code what} when this configuration is closed. For clients, before
   * they start a call.
   *
   * @param what the call refused, for the message
   * @throws ConfigClosedException if closed
   */
  public void checkOpen(String what) {
    if (isClosed()) {
      throw new ConfigClosedException("This HfConfig is closed: cannot run " + what + ". Build a new HfConfig.");
    }
  }

  /**
   * Releases what this configuration owns: its worker pool (threads running a task finish it; queued tasks are
   * dropped), the dispatcher and pooled connections of the OkHttp client it built. Never shuts down an executor or
   * an OkHttp client the application supplied, nor what a {@link #toBuilder()} parent owns. Idempotent; returns at
   * once, the threads end on their own shortly after. Every later call throws {@link ConfigClosedException}.
   */
  @Override
  public void close() {
    ThreadPoolExecutor pool;
    OkHttpClient client;
    lifecycle.lock();
    try {
      if (closed) return;
      closed = true;
      pool = ownPool;
      ownPool = null;
      client = httpClient;
      // A thread building the client meanwhile releases it itself when its build ends (see buildClient).
      clientBuildEnded.signalAll();
    } finally {
      lifecycle.unlock();
    }
    if (pool != null) pool.shutdownNow();
    if (client != null && baseClient == null) release(client);
  }

  /** {@return the Hub base URL, for example {@code https://huggingface.co}} */
  public HttpUrl endpoint() {
    return endpoint;
  }

  /**
   * A web URL on the Hub, e.g. {@code webUrl("spaces/acme/demo")} → {@code https://huggingface.co/spaces/acme/demo}.
   * The path is taken as already encoded; a leading slash is ignored.
   *
   * @param path the path after the endpoint, for example {@code datasets/acme/data}
   * @return the absolute URL
   */
  public String webUrl(String path) {
    String base = endpoint.toString();
    if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.isEmpty() ? base : base + "/" + p;
  }

  /** {@return the token sent to the endpoint's host, or null when there is none (see {@link #requireToken(String)})} */
  public @Nullable HfToken token() {
    return token;
  }

  /**
   * The token, or a {@link LocalTokenNotFoundException} that says where hf4j looked.
   *
   * @param action what needs the token, for the message (for example "create a repo")
   * @return the token
   */
  public HfToken requireToken(String action) {
    if (token != null) return token;
    throw new LocalTokenNotFoundException(
        "A token is required to " + action + ", but none was found: pass one to HfConfig.Builder.token(),"
            + " set HF_TOKEN, or write it to " + tokenPath + ". Create one at https://huggingface.co/settings/tokens");
  }

  /** {@return the Hugging Face home folder ({@code HF_HOME})} */
  public Path hfHome() {
    return hfHome;
  }

  /** {@return the token file path ({@code HF_TOKEN_PATH})} */
  public Path tokenPath() {
    return tokenPath;
  }

  /** {@return the download cache ({@code HF_HUB_CACHE}), laid out as the Python client lays it out} */
  public Path hubCache() {
    return hubCache;
  }

  /** {@return whether every request is refused before it is sent ({@code HF_HUB_OFFLINE})} */
  public boolean offline() {
    return offline;
  }

  /** {@return whether each request is logged as a curl line at INFO rather than DEBUG ({@code HF_DEBUG})} */
  public boolean debugRequests() {
    return debugRequests;
  }

  /** {@return whether downloads copy files into snapshots instead of symlinking ({@code HF_HUB_DISABLE_SYMLINKS})} */
  public boolean disableSymlinks() {
    return disableSymlinks;
  }

  /**
   * Whether uploads and downloads avoid Xet storage and use the Git LFS path only ({@code HF_HUB_DISABLE_XET}).
   *
   * @return whether Xet is off
   */
  public boolean disableXet() {
    return disableXet;
  }

  /** {@return whether progress bars are off ({@code HF_HUB_DISABLE_PROGRESS_BARS})} */
  public boolean disableProgressBars() {
    return disableProgressBars;
  }

  /** {@return the {@code User-Agent} sent on every request} */
  public String userAgent() {
    return userAgent;
  }

  /** {@return the timeout of opening a connection} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the longest silence allowed while reading an answer} */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** {@return the longest stall allowed while sending a request body} */
  public Duration writeTimeout() {
    return writeTimeout;
  }

  /** {@return the whole-call timeout; zero means none} */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** {@return the timeout of the metadata HEAD of a download ({@code HF_HUB_ETAG_TIMEOUT})} */
  public Duration etagTimeout() {
    return etagTimeout;
  }

  /** {@return the read timeout of a file download ({@code HF_HUB_DOWNLOAD_TIMEOUT})} */
  public Duration downloadTimeout() {
    return downloadTimeout;
  }

  /**
   * Retries after the first attempt.
   *
   * @return the number of retries; 0 when retries are off
   */
  public int maxRetries() {
    return maxRetries;
  }

  /** {@return the first exponential wait between attempts} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the cap of one exponential wait} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return the most time one call may spend waiting between attempts, rate-limit waits included} */
  public Duration retryBudget() {
    return retryBudget;
  }

  /** {@return the share (0 to 1) by which an exponential wait is randomly shortened} */
  public double jitter() {
    return jitter;
  }

  /** {@return whether calls are spread out when the server says few remain in the window} */
  public boolean rateLimitPacing() {
    return rateLimitPacing;
  }

  /** {@return the clock deadlines and rate-limit windows are measured with} */
  public Clock clock() {
    return clock;
  }

  /** {@return how waits between attempts and polls are made} */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** {@return the source of jitter} */
  public Random random() {
    return random;
  }

  /** {@return the extra headers sent on every request to the endpoint} */
  public Map<String, String> headers() {
    return headers;
  }

  /** {@return the rate limits last announced by the servers this configuration talked to} */
  public RateLimits rateLimits() {
    return rateLimitTracker;
  }

  /**
   * The shared client with hf4j's interceptors: the token only to the endpoint's host, user agent,
   * retries, rate-limit pacing and redacted request logging. Built once per configuration. Requests through it
   * fail with {@link ConfigClosedException} once this configuration is closed.
   *
   * @return the shared client
   * @throws ConfigClosedException after {@link #close()}
   */
  public OkHttpClient httpClient() {
    checkOpen("httpClient()");
    OkHttpClient c = httpClient;
    return c != null ? c : buildClient();
  }

  /**
   * Builds the client once: outside the lock, so that {@link #close()} never waits for a build; a caller arriving
   * while another thread (the one {@link Builder#build()} started) builds it waits for that build. A build that
   * failed leaves nothing behind: the next caller builds again and meets the failure itself.
   */
  private OkHttpClient buildClient() {
    lifecycle.lock();
    try {
      while (true) {
        checkOpen("httpClient()");
        OkHttpClient c = httpClient;
        if (c != null) return c;
        if (!buildingClient) break;
        clientBuildEnded.awaitUninterruptibly();
      }
      buildingClient = true;
    } finally {
      lifecycle.unlock();
    }
    OkHttpClient built = null;
    boolean closedMeanwhile;
    try {
      built = HttpStack.build(this, baseClient, rateLimitTracker);
    } finally {
      lifecycle.lock();
      try {
        buildingClient = false;
        closedMeanwhile = closed;
        if (built != null && !closedMeanwhile) httpClient = built;
        clientBuildEnded.signalAll();
      } finally {
        lifecycle.unlock();
      }
    }
    if (closedMeanwhile) {
      if (baseClient == null) release(built);
      checkOpen("httpClient()");
    }
    return built;
  }

  private static void release(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** The pool's daemon threads {@code hf4j-worker-N} (a class, not a lambda: nothing to link on a first call). */
  private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "hf4j-worker-" + POOL_THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /**
   * The work of the thread {@link Builder#build()} starts: the client, then what a first request initialises
   * besides it (see {@link HttpStack#warmUp}). Reports nothing: a failure here is met, and reported, by the call that
   * builds the client next.
   */
  private static final class PrepareClient implements Runnable {
    private final HfConfig config;

    PrepareClient(HfConfig config) {
      this.config = config;
    }

    @Override
    public void run() {
      try {
        if (config.isClosed()) return;
        config.httpClient();
        HttpStack.warmUp(!config.endpoint.isHttps());
      } catch (Throwable e) {
        // Only a head start (see the class comment).
      }
    }
  }

  @Override
  public String toString() {
    return "HfConfig{endpoint=" + endpoint + ", token=" + (token == null ? "none" : token) + ", hfHome=" + hfHome
        + ", offline=" + offline + ", maxRetries=" + maxRetries + "}";
  }

  /** Builds an {@link HfConfig}. Setters validate at once and throw {@link HfValidationException}. */
  public static final class Builder {
    private @Nullable Map<String, String> env;
    private @Nullable String endpoint;
    private @Nullable String token;
    private boolean noToken;
    private @Nullable Path hfHome;
    private @Nullable Path hubCache;
    private @Nullable Path tokenPath;
    private @Nullable Boolean offline;
    private @Nullable Boolean debugRequests;
    private @Nullable Boolean disableSymlinks;
    private @Nullable Boolean disableXet;
    private @Nullable String userAgentOrigin;
    private @Nullable String libraryName;
    private @Nullable String libraryVersion;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Duration writeTimeout = Duration.ofSeconds(60);
    private Duration callTimeout = Duration.ZERO;
    private @Nullable Duration etagTimeout;
    private @Nullable Duration downloadTimeout;
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration retryBudget = Duration.ofMinutes(5);
    private double jitter = 0.25;
    private boolean rateLimitPacing = true;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private Map<String, String> headers = new LinkedHashMap<>();
    private @Nullable OkHttpClient httpClient;
    private @Nullable RateLimitTracker sharedTracker;
    private @Nullable HttpUrl sharedTrackerEndpoint;
    private @Nullable Executor executor;
    private @Nullable HfConfig parent;

    Builder() {}

    Builder copy() {
      Builder b = new Builder();
      b.env = env;
      b.endpoint = endpoint;
      b.token = token;
      b.noToken = noToken;
      b.hfHome = hfHome;
      b.hubCache = hubCache;
      b.tokenPath = tokenPath;
      b.offline = offline;
      b.debugRequests = debugRequests;
      b.disableSymlinks = disableSymlinks;
      b.disableXet = disableXet;
      b.userAgentOrigin = userAgentOrigin;
      b.libraryName = libraryName;
      b.libraryVersion = libraryVersion;
      b.connectTimeout = connectTimeout;
      b.readTimeout = readTimeout;
      b.writeTimeout = writeTimeout;
      b.callTimeout = callTimeout;
      b.etagTimeout = etagTimeout;
      b.downloadTimeout = downloadTimeout;
      b.maxRetries = maxRetries;
      b.initialBackoff = initialBackoff;
      b.maxBackoff = maxBackoff;
      b.retryBudget = retryBudget;
      b.jitter = jitter;
      b.rateLimitPacing = rateLimitPacing;
      b.clock = clock;
      b.sleeper = sleeper;
      b.random = random;
      b.headers = new LinkedHashMap<>(headers);
      b.httpClient = httpClient;
      b.sharedTracker = sharedTracker;
      b.sharedTrackerEndpoint = sharedTrackerEndpoint;
      b.executor = executor;
      b.parent = parent;
      return b;
    }

    /**
     * Reads this process's environment variables (see the {@link HfConfig} table).
     *
     * @return this builder
     */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    /**
     * Reads settings from an environment map; explicit setters still win.
     *
     * @param env the variables to read, for example {@code System.getenv()}
     * @return this builder
     */
    public Builder fromEnv(Map<String, String> env) {
      this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
      return this;
    }

    /**
     * The Hub base URL. A trailing slash is dropped.
     *
     * @throws HfValidationException if it is not an http(s) URL
     * @param endpoint the base URL, for example {@code https://huggingface.co}
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      parseEndpoint(endpoint, "endpoint");
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The token to send; wins over the environment and the token file.
     *
     * @param token the token text (a Hub access token, {@code hf_...})
     * @return this builder
     */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token == null");
      HfToken.of(token, HfToken.Source.EXPLICIT);
      this.token = token;
      this.noToken = false;
      return this;
    }

    /**
     * Send no token at all, whatever the environment holds.
     *
     * @return this builder
     */
    public Builder noToken() {
      this.token = null;
      this.noToken = true;
      return this;
    }

    /**
     * The Hugging Face home folder (default {@code HF_HOME}, else {@code ~/.cache/huggingface}).
     *
     * @param hfHome the folder
     * @return this builder
     */
    public Builder hfHome(Path hfHome) {
      this.hfHome = Objects.requireNonNull(hfHome, "hfHome == null");
      return this;
    }

    /**
     * The download cache (default {@code HF_HUB_CACHE}, else {@code <hfHome>/hub}).
     *
     * @param hubCache the cache folder
     * @return this builder
     */
    public Builder hubCache(Path hubCache) {
      this.hubCache = Objects.requireNonNull(hubCache, "hubCache == null");
      return this;
    }

    /**
     * The token file (default {@code HF_TOKEN_PATH}, else {@code <hfHome>/token}).
     *
     * @param tokenPath the file
     * @return this builder
     */
    public Builder tokenPath(Path tokenPath) {
      this.tokenPath = Objects.requireNonNull(tokenPath, "tokenPath == null");
      return this;
    }

    /**
     * Refuse every request before it is sent (default {@code HF_HUB_OFFLINE}).
     *
     * @param offline true to work offline
     * @return this builder
     */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /**
     * Log every request as a curl line (token redacted) at INFO instead of DEBUG.
     *
     * @param debugRequests true to log requests at INFO
     * @return this builder
     */
    public Builder debugRequests(boolean debugRequests) {
      this.debugRequests = debugRequests;
      return this;
    }

    /**
     * Copy downloaded files into snapshots instead of symlinking them to blobs.
     *
     * @param disableSymlinks true to copy instead of symlinking
     * @return this builder
     */
    public Builder disableSymlinks(boolean disableSymlinks) {
      this.disableSymlinks = disableSymlinks;
      return this;
    }

    /**
     * Transfer through the Git LFS path only, never through Xet storage (default: {@code HF_HUB_DISABLE_XET}).
     *
     * @param disableXet true to never use Xet storage
     * @return this builder
     */
    public Builder disableXet(boolean disableXet) {
      this.disableXet = disableXet;
      return this;
    }

    /**
     * Appended to the user agent as {@code origin/<value>}.
     *
     * @param origin the origin, for example the name of the program using hf4j
     * @return this builder
     */
    public Builder userAgentOrigin(String origin) {
      this.userAgentOrigin = Objects.requireNonNull(origin, "origin == null");
      return this;
    }

    /**
     * Put {@code name/version} first in the user agent, as libraries built on hf4j should.
     *
     * @param name the library's name
     * @param version the library's version
     * @return this builder
     */
    public Builder library(String name, String version) {
      this.libraryName = Objects.requireNonNull(name, "name == null");
      this.libraryVersion = Objects.requireNonNull(version, "version == null");
      return this;
    }

    /**
     * The timeout of opening a connection.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonNegative(timeout, "connectTimeout");
      return this;
    }

    /**
     * The longest silence allowed while reading an answer.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = nonNegative(timeout, "readTimeout");
      return this;
    }

    /**
     * The longest stall allowed while sending a request body.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = nonNegative(timeout, "writeTimeout");
      return this;
    }

    /**
     * The whole-call timeout; zero for none.
     *
     * @param timeout the timeout; zero for none
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = nonNegative(timeout, "callTimeout");
      return this;
    }

    /**
     * The timeout of the metadata HEAD of a download (default {@code HF_HUB_ETAG_TIMEOUT}).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder etagTimeout(Duration timeout) {
      this.etagTimeout = nonNegative(timeout, "etagTimeout");
      return this;
    }

    /**
     * The read timeout of a file download (default {@code HF_HUB_DOWNLOAD_TIMEOUT}).
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder downloadTimeout(Duration timeout) {
      this.downloadTimeout = nonNegative(timeout, "downloadTimeout");
      return this;
    }

    /**
     * Retries after the first attempt; 0 disables retries.
     *
     * @param maxRetries the number of retries, 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) throw new HfValidationException("maxRetries must be >= 0 but was " + maxRetries);
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * The first exponential wait between attempts.
     *
     * @param backoff the wait
     * @return this builder
     */
    public Builder initialBackoff(Duration backoff) {
      this.initialBackoff = nonNegative(backoff, "initialBackoff");
      return this;
    }

    /**
     * The cap of one exponential wait.
     *
     * @param backoff the cap
     * @return this builder
     */
    public Builder maxBackoff(Duration backoff) {
      this.maxBackoff = nonNegative(backoff, "maxBackoff");
      return this;
    }

    /**
     * The most time one call may spend waiting between attempts.
     *
     * @param budget the longest total wait of one call
     * @return this builder
     */
    public Builder retryBudget(Duration budget) {
      this.retryBudget = nonNegative(budget, "retryBudget");
      return this;
    }

    /**
     * The share (0 to 1) by which an exponential wait may be randomly shortened; 0 for exact waits.
     *
     * @param jitter the share, from 0 to 1
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) throw new HfValidationException("jitter must be within [0, 1] but was " + jitter);
      this.jitter = jitter;
      return this;
    }

    /**
     * Spread calls out when the server announces that few remain in its window (default on).
     *
     * @param pacing false to never slow down ahead of a 429
     * @return this builder
     */
    public Builder rateLimitPacing(boolean pacing) {
      this.rateLimitPacing = pacing;
      return this;
    }

    /**
     * The clock deadlines and rate-limit windows are measured with (tests pass a fake one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * How waits are made (tests pass one that records the waits and returns at once).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * The source of jitter (tests pass a seeded one).
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * A header sent on every request to the endpoint's host (not to storage hosts).
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name == null");
      Objects.requireNonNull(value, "value == null");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new HfValidationException("Set the token with token(), not as an Authorization header");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * A base client whose connection pool and dispatcher hf4j shares; hf4j adds its interceptors.
     *
     * @param client the client to share; its own interceptors still run
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * The executor hf4j runs its background work on (parallel hashing and transfers, the {@code async()} views).
     * The application keeps owning it: {@link HfConfig#close()} never shuts it down. Any executor works, a small
     * one too (calls take part in their own work); on JDK 21, {@code Executors.newVirtualThreadPerTaskExecutor()}.
     * Without one, the configuration creates its own pool on first use.
     *
     * @param executor the executor for background work, owned by the application
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Resolves the environment and the token file and builds the configuration. Unless a client was given to {@link
     * #httpClient(OkHttpClient)} (or the process already prepares one on a thread of its own, as the {@code hf4j}
     * command does), the configuration's own HTTP client starts being built at once on a short-lived daemon thread
     * ({@code hf4j-http-setup-N}, ended when the client is built): see "Threads and lifecycle" on {@link HfConfig}.
     *
     * @throws HfValidationException if a value from the environment is malformed
     * @return the configuration
     */
    public HfConfig build() {
      HfConfig config = new HfConfig(this, resolve());
      // SLF4J started on this thread (or waited for, if a thread of the process is starting it) before any thread
      // of ours logs: otherwise a logging call meanwhile goes to SLF4J's stand-in and is replayed with a warning.
      io.hf4j.core.internal.LoggingStart.ensure();
      if (httpClient == null && !HttpStack.preparationUnderWay()) {
        // The client's construction (a fresh JVM's first: OkHttp, its platform probe of the security providers,
        // the pools, hf4j's interceptors and retry policy; ~0.2-0.3 s of class loading) starts now on a thread of
        // its own, so that the first call finds it built, or waits only for the rest.
        Thread t = new Thread(new PrepareClient(config), "hf4j-http-setup-" + SETUP_THREADS.incrementAndGet());
        t.setDaemon(true);
        t.start();
      }
      return config;
    }

    private ResolvedEnv resolve() {
      Map<String, String> e = env == null ? Map.of() : env;
      ResolvedEnv r = new ResolvedEnv();
      String ep = endpoint != null ? endpoint : nonBlank(e.get("HF_ENDPOINT"));
      r.endpoint = parseEndpoint(ep == null ? DEFAULT_ENDPOINT : ep, endpoint != null ? "endpoint" : "HF_ENDPOINT");

      Path home = hfHome;
      if (home == null) {
        String h = nonBlank(e.get("HF_HOME"));
        String xdg = nonBlank(e.get("XDG_CACHE_HOME"));
        String userHome = System.getProperty("user.home");
        if (h != null) home = expand(h, userHome);
        else if (xdg != null) home = expand(xdg, userHome).resolve("huggingface");
        else home = Paths.get(userHome, ".cache", "huggingface");
      }
      r.hfHome = home;
      String tp = nonBlank(e.get("HF_TOKEN_PATH"));
      r.tokenPath = tokenPath != null ? tokenPath : tp != null ? expand(tp, System.getProperty("user.home")) : home.resolve("token");
      String hc = nonBlank(e.get("HF_HUB_CACHE"));
      if (hc == null) hc = nonBlank(e.get("HUGGINGFACE_HUB_CACHE"));
      r.hubCache = hubCache != null ? hubCache : hc != null ? expand(hc, System.getProperty("user.home")) : home.resolve("hub");

      r.offline = offline != null ? offline : truthy(e.get("HF_HUB_OFFLINE")) || truthy(e.get("TRANSFORMERS_OFFLINE"));
      r.debug = debugRequests != null ? debugRequests : truthy(e.get("HF_DEBUG"));
      r.disableSymlinks = disableSymlinks != null ? disableSymlinks : truthy(e.get("HF_HUB_DISABLE_SYMLINKS"));
      r.disableXet = disableXet != null ? disableXet : truthy(e.get("HF_HUB_DISABLE_XET"));
      r.disableProgressBars = truthy(e.get("HF_HUB_DISABLE_PROGRESS_BARS"));
      r.etagTimeout = etagTimeout != null ? etagTimeout : seconds(e, "HF_HUB_ETAG_TIMEOUT", 10);
      r.downloadTimeout = downloadTimeout != null ? downloadTimeout : seconds(e, "HF_HUB_DOWNLOAD_TIMEOUT", 10);

      if (token != null) {
        r.token = HfToken.of(token, HfToken.Source.EXPLICIT);
      } else if (!noToken && env != null && !truthy(e.get("HF_HUB_DISABLE_IMPLICIT_TOKEN"))) {
        r.token = machineToken(e, r.tokenPath);
      }

      boolean telemetryOff = truthy(e.get("HF_HUB_DISABLE_TELEMETRY")) || truthy(e.get("DISABLE_TELEMETRY"))
          || truthy(e.get("DO_NOT_TRACK"));
      String origin = userAgentOrigin != null ? userAgentOrigin : nonBlank(e.get("HF_HUB_USER_AGENT_ORIGIN"));
      r.userAgent = userAgent(libraryName, libraryVersion, telemetryOff, origin);
      return r;
    }

    private static @Nullable HfToken machineToken(Map<String, String> e, Path tokenPath) {
      String v = e.get("HF_TOKEN");
      if (v != null && !HfToken.clean(v).isEmpty()) return HfToken.of(v, HfToken.Source.HF_TOKEN_ENV);
      v = e.get("HUGGING_FACE_HUB_TOKEN");
      if (v != null && !HfToken.clean(v).isEmpty()) return HfToken.of(v, HfToken.Source.HUGGING_FACE_HUB_TOKEN_ENV);
      if (Files.isRegularFile(tokenPath)) {
        try {
          String fromFile = Files.readString(tokenPath, StandardCharsets.UTF_8);
          if (!HfToken.clean(fromFile).isEmpty()) return HfToken.of(fromFile, HfToken.Source.TOKEN_FILE);
        } catch (IOException ex) {
          throw new HfIoException("Cannot read the token file " + tokenPath, ex);
        }
      }
      return null;
    }

    static String userAgent(@Nullable String lib, @Nullable String libVersion, boolean telemetryOff, @Nullable String origin) {
      StringBuilder sb = new StringBuilder();
      if (lib != null) sb.append(lib).append('/').append(libVersion).append("; ");
      sb.append("hf4j/").append(io.hf4j.core.internal.Hf4jVersion.VALUE);
      sb.append("; java/").append(System.getProperty("java.version"));
      if (!telemetryOff) {
        sb.append("; os/").append(System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '-'));
      }
      if (origin != null) sb.append("; origin/").append(origin);
      return sb.toString();
    }

    private static HttpUrl parseEndpoint(String value, String what) {
      String v = value.strip();
      while (v.endsWith("/")) v = v.substring(0, v.length() - 1);
      HttpUrl url = HttpUrl.parse(v);
      if (url == null) {
        throw new HfValidationException(what + " must be an http or https URL but was '" + value + "'");
      }
      if (url.query() != null || url.fragment() != null) {
        throw new HfValidationException(what + " must not carry a query or fragment: '" + value + "'");
      }
      return url;
    }

    private static Duration seconds(Map<String, String> e, String name, long dflt) {
      String v = nonBlank(e.get(name));
      if (v == null) return Duration.ofSeconds(dflt);
      try {
        double s = Double.parseDouble(v);
        if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) throw new NumberFormatException();
        return Duration.ofMillis((long) (s * 1000));
      } catch (NumberFormatException ex) {
        throw new HfValidationException(name + " must be a number of seconds but was '" + v + "'");
      }
    }

    private static Path expand(String path, String userHome) {
      String p = path;
      if (p.equals("~")) p = userHome;
      else if (p.startsWith("~/")) p = userHome + p.substring(1);
      return Paths.get(p);
    }

    private static @Nullable String nonBlank(@Nullable String v) {
      return v == null || v.isBlank() ? null : v.strip();
    }

    static boolean truthy(@Nullable String v) {
      if (v == null) return false;
      String s = v.strip().toUpperCase(Locale.ROOT);
      return s.equals("1") || s.equals("ON") || s.equals("YES") || s.equals("TRUE");
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) throw new HfValidationException(name + " must not be negative but was " + d);
      return d;
    }
  }

  private static final class ResolvedEnv {
    HttpUrl endpoint;
    @Nullable HfToken token;
    Path hfHome;
    Path tokenPath;
    Path hubCache;
    boolean offline;
    boolean debug;
    boolean disableSymlinks;
    boolean disableXet;
    boolean disableProgressBars;
    Duration etagTimeout;
    Duration downloadTimeout;
    String userAgent;
  }
}
