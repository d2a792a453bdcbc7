package io.hf4j.testkit.internal;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.hf4j.testkit.EmulatorClock;
import io.hf4j.testkit.FaultKind;
import io.hf4j.testkit.FaultRule;
import io.hf4j.testkit.Faults;
import io.hf4j.testkit.Host;
import io.hf4j.testkit.RateLimitRules;
import io.hf4j.testkit.RecordedRequest;
import io.hf4j.testkit.TokenLeak;
import io.hf4j.testkit.spi.Accounts;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.CommitListener;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.JobImages;
import io.hf4j.testkit.spi.RepoInfoContributor;
import io.hf4j.testkit.spi.RepoListener;
import io.hf4j.testkit.spi.Repos;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.RouteHandler;
import io.hf4j.testkit.spi.Routes;
import io.hf4j.testkit.spi.SpaceApps;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The emulator's HTTP listeners, dispatch, and the {@link EmulatorContext} modules see. */
public final class EmulatorServer implements EmulatorContext, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EmulatorServer.class.getName());

  /** The request log keeps the latest requests only, so a long-running emulator does not grow without bound. */
  static final int MAX_LOGGED_REQUESTS = 100_000;

  static final String EXPOSE_HEADERS = "X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,"
      + "Link,Accept-Ranges,Content-Range,X-Xet-Access-Token,X-Xet-Token-Expiration,X-Xet-Refresh-Route,"
      + "X-Xet-Cas-Url,X-Xet-Hash";

  /** Thrown out of an {@link HttpHandler} so the JDK server closes the connection without a clean answer. */
  private static final class AbortConnection extends IOException {
    private static final long serialVersionUID = 1L;

    AbortConnection(String message) {
      super(message);
    }
  }

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK and
    // every small exchange takes ~40 ms. The JDK reads this property once, when its server classes load.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HubState state;
  private final Router apiRouter = new Router();
  private final Router storageRouter = new Router();
  private final RepoRedirects repoRedirects;
  private final Router casRouter = new Router();
  private final Faults faults;
  private final RateLimitRules rateLimits;
  private final List<RecordedRequest> requestLog = new ArrayList<>();
  private final List<TokenLeak> tokenLeaks = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final SpaceAppsImpl spaceApps = new SpaceAppsImpl(this);
  private final JobImagesImpl jobImages = new JobImagesImpl();
  private final Map<Class<?>, Object> published = new ConcurrentHashMap<>();
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService moduleExecutor;
  private final Signer signer = new Signer();
  private final List<HttpServer> servers = new ArrayList<>();
  private String apiUrl;
  private String storageUrl;
  private String appsUrl;
  private String casUrl;
  private Repos repos;

  public EmulatorServer(HubState state, Faults faults, RateLimitRules rateLimits) {
    this.state = state;
    this.repoRedirects = new RepoRedirects(state);
    this.faults = faults;
    this.rateLimits = rateLimits;
    this.httpExecutor = Executors.newCachedThreadPool(daemonThreads("hf4j-emulator-http"));
    this.moduleExecutor = Executors.newScheduledThreadPool(1, daemonThreads("hf4j-emulator-module"));
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public HubState state() {
    return state;
  }

  public Router storageRoutes() {
    return storageRouter;
  }

  private XetStore xetStore;
  private XetRoutes xetRoutes;
  private volatile boolean absoluteResolveRedirects;

  /** Whether resolve by a revision other than a commit id answers an absolute same-host 307 to the commit id. */
  public void absoluteResolveRedirects(boolean on) {
    this.absoluteResolveRedirects = on;
  }

  /** See {@link #absoluteResolveRedirects(boolean)}. */
  public boolean absoluteResolveRedirects() {
    return absoluteResolveRedirects;
  }

  /** Installs the Xet CAS storage (before {@link HubRoutes#register()}). */
  public void xetStore(XetStore store) {
    this.xetStore = store;
    this.xetRoutes = store == null ? null : new XetRoutes(this, store);
  }

  /** The Xet CAS storage, or null when Xet is off. */
  public XetStore xetStore() {
    return xetStore;
  }

  /** The Xet routes (headers for resolve and tree answers), or null when Xet is off. */
  public XetRoutes xetRoutes() {
    return xetRoutes;
  }

  /** The routes of the Xet CAS listener. */
  public Router casRoutes() {
    return casRouter;
  }

  /** The Xet CAS base URL, {@code http://127.0.0.1:<port>} (its own origin), no trailing slash. */
  public String casUrl() {
    return casUrl;
  }

  public Signer signer() {
    return signer;
  }

  /** Binds the listeners; port 0 picks a free port. */
  public void start(int apiPort, int storagePort, int appsPort) throws IOException {
    InetAddress v4 = InetAddress.getByName("127.0.0.1");
    HttpServer api = bind(new InetSocketAddress(v4, apiPort), new Listener(Host.API));
    apiUrl = "http://127.0.0.1:" + api.getAddress().getPort();
    bindStorage(v4, storagePort);
    HttpServer apps = bind(new InetSocketAddress(v4, appsPort), new Listener(Host.SPACE_APP));
    appsUrl = "http://127.0.0.1:" + apps.getAddress().getPort();
    HttpServer cas = bind(new InetSocketAddress(v4, 0), new Listener(Host.CAS));
    casUrl = "http://127.0.0.1:" + cas.getAddress().getPort();
    for (HttpServer s : servers) {
      s.start();
    }
  }

  private void bindStorage(InetAddress v4, int storagePort) throws IOException {
    InetAddress v6 = null;
    try {
      v6 = Inet6Address.getByName("::1");
    } catch (IOException e) {
      v6 = null;
    }
    // localhost may resolve to ::1 first (Node does): listen on both loopbacks with the same port.
    for (int attempt = 0; attempt < 20; attempt++) {
      HttpServer s4 = bindStorage(new InetSocketAddress(v4, storagePort));
      int port = s4.getAddress().getPort();
      storageUrl = "http://localhost:" + port;
      if (v6 == null) {
        return;
      }
      try {
        bindStorage(new InetSocketAddress(v6, port));
        return;
      } catch (BindException e) {
        if (storagePort != 0) {
          LOG.log(System.Logger.Level.WARNING, "storage port " + port + " is taken on [::1]; listening on 127.0.0.1 only");
          return;
        }
        servers.remove(s4);
        s4.stop(0);
      } catch (SocketException e) {
        // No IPv6 on this machine.
        return;
      }
    }
    throw new BindException("could not find a storage port free on both 127.0.0.1 and [::1]");
  }

  private HttpServer bind(InetSocketAddress address, HttpHandler handler) throws IOException {
    return setUp(HttpServer.create(address, 256), handler);
  }

  /**
   * The storage host is served by {@link StorageHttpServer}: the same listener over the same exchange API, with request
   * bodies read in large reads (the JDK server's 8 KiB reads were most of the emulator's CPU on an LFS upload).
   */
  private HttpServer bindStorage(InetSocketAddress address) throws IOException {
    return setUp(StorageHttpServer.open(address, 256), new Listener(Host.STORAGE));
  }

  private HttpServer setUp(HttpServer server, HttpHandler handler) {
    server.createContext("/", handler);
    server.setExecutor(httpExecutor);
    servers.add(server);
    return server;
  }

  @Override
  public void close() {
    for (HttpServer s : servers) {
      s.stop(0);
    }
    servers.clear();
    httpExecutor.shutdownNow();
    moduleExecutor.shutdownNow();
    try {
      httpExecutor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public String spaceAppsUrl() {
    return appsUrl;
  }

  public List<TokenLeak> tokenLeaks() {
    synchronized (tokenLeaks) {
      return List.copyOf(tokenLeaks);
    }
  }

  public void clearRequests() {
    synchronized (requestLog) {
      requestLog.clear();
    }
  }

  @SuppressWarnings("unchecked")
  public <T> T published(Class<T> type) {
    return (T) published.get(type);
  }

  // ---------------------------------------------------------------- EmulatorContext

  @Override
  public EmulatorClock clock() {
    return state.clock();
  }

  @Override
  public Routes routes() {
    return apiRouter;
  }

  @Override
  public Accounts accounts() {
    return state.accounts();
  }

  public void repos(Repos repos) {
    this.repos = repos;
  }

  @Override
  public Repos repos() {
    return repos;
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    state.commitListeners().add(listener);
  }

  @Override
  public void addRepoListener(RepoListener listener) {
    state.repoListeners().add(listener);
  }

  @Override
  public void addRepoInfoContributor(RepoInfoContributor contributor) {
    state.infoContributors().add(contributor);
  }

  @Override
  public SpaceApps spaceApps() {
    return spaceApps;
  }

  @Override
  public JobImages jobImages() {
    return jobImages;
  }

  @Override
  public Faults faults() {
    return faults;
  }

  @Override
  public RateLimitRules rateLimits() {
    return rateLimits;
  }

  @Override
  public List<RecordedRequest> requests() {
    synchronized (requestLog) {
      return List.copyOf(requestLog);
    }
  }

  @Override
  public String apiUrl() {
    return apiUrl;
  }

  @Override
  public String storageUrl() {
    return storageUrl;
  }

  @Override
  public ScheduledExecutorService executor() {
    return moduleExecutor;
  }

  @Override
  public <T> void publish(Class<T> type, T instance) {
    published.put(type, instance);
  }

  // ---------------------------------------------------------------- dispatch

  private static String requestId(HttpExchange ex) {
    String root = "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-" + Ids.randomHex(12);
    String trace = ex.getRequestHeaders().getFirst("X-Amzn-Trace-Id");
    if (trace == null) {
      trace = ex.getRequestHeaders().getFirst("X-Request-Id");
    }
    return trace == null || trace.length() > 200 ? root : root + ";" + trace.replaceAll("[^\\x20-\\x7e]", "");
  }

  private final class Listener implements HttpHandler {
    private final Host host;

    Listener(Host host) {
      this.host = host;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
      long seq = sequence.incrementAndGet();
      long started = System.nanoTime();
      String method = ex.getRequestMethod();
      String rawPath = ex.getRequestURI().getRawPath();
      String requestId = requestId(ex);
      Caller caller = null;
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      boolean badToken = false;
      if (host != Host.STORAGE && host != Host.CAS && auth != null) {
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
        caller = state.accounts().authenticate(token);
        badToken = caller == null && host == Host.API;
      }
      RequestImpl request = new RequestImpl(ex, EmulatorServer.this, requestId, caller);
      int status = -1;
      FaultKind faultKind = null;
      // Recorded before the answer is written, so a client that has seen the answer finds its request in
      // requests(); the finally block records the requests that got no answer.
      boolean recorded = false;
      try {
        FaultRule fault = faults.decide(seq, host, method, rawPath);
        faultKind = fault == null ? null : fault.kind();
        Response response;
        boolean head = method.equals("HEAD");
        RateLimitRules.Decision limit = null;
        // An API request's route, matched once: for its rate-limit bucket and then to answer it.
        Router.Match apiMatch = host == Host.API ? apiRouter.match(method, rawPath) : null;
        if (host == Host.API) {
          String bucket = bucketFor(apiMatch, rawPath);
          String key = caller != null ? "user:" + caller.user() : "ip:" + ex.getRemoteAddress().getAddress().getHostAddress();
          limit = rateLimits.count(bucket, key);
        }
        if (fault != null) {
          switch (fault.kind()) {
            case DELAY:
              sleep(fault.duration());
              break;
            case RESET_BEFORE_RESPONSE:
              throw new AbortConnection("injected: reset before response");
            case RESET_DURING_REQUEST_BODY:
              readPartOfBody(ex, request);
              throw new AbortConnection("injected: reset during request body");
            case STATUS:
              response = decorate(Response.error(new HubError(fault.status(), null, "Injected fault: HTTP "
                  + fault.status())), requestId, limit);
              status = response.status();
              recorded = record(seq, started, ex, caller, status, faultKind, request);
              send(ex, response, head, null);
              ex.close();
              return;
            case RATE_LIMIT: {
              String bucket = limit != null ? limit.bucket() : Routes.API_BUCKET;
              RateLimitRules.Decision exhausted = rateLimits.exhausted(bucket, fault.duration().toSeconds());
              response = decorate(rateLimited(exhausted), requestId, exhausted);
              status = response.status();
              recorded = record(seq, started, ex, caller, status, faultKind, request);
              send(ex, response, head, null);
              ex.close();
              return;
            }
            default:
              break;
          }
        }
        if (host == Host.STORAGE && auth != null) {
          synchronized (tokenLeaks) {
            tokenLeaks.add(new TokenLeak(seq, method, rawPath, Instant.now()));
          }
          LOG.log(System.Logger.Level.WARNING, "token leak: " + method + " " + rawPath + " carried an Authorization header");
          response = S3Errors.invalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query "
              + "parameter, Signature query string parameter or the Authorization header should be specified");
        } else if (limit != null && !limit.allowed()) {
          response = rateLimited(limit);
        } else if (badToken) {
          response = Response.error(new HubError(401, null, "Invalid credentials in Authorization header")
              .header("X-Error-Message", "Invalid credentials in Authorization header"));
        } else {
          response = route(request, rawPath, apiMatch);
        }
        if (host == Host.API) {
          response = decorate(response, requestId, limit);
        }
        if (fault != null && fault.kind() == FaultKind.DROP_RESPONSE_AFTER_APPLY) {
          drain(request);
          throw new AbortConnection("injected: response dropped after apply");
        }
        boolean cut = fault != null && fault.kind() == FaultKind.RESET_DURING_RESPONSE_BODY;
        if (cut && (head || response.body() == null || response.length() == 0)) {
          throw new AbortConnection("injected: reset (no body to cut)");
        }
        status = response.status();
        recorded = record(seq, started, ex, caller, status, faultKind, request);
        send(ex, response, head, cut ? Boolean.TRUE : null);
      } finally {
        if (!recorded) {
          record(seq, started, ex, caller, status, faultKind, request);
        }
      }
      ex.close();
    }

    /** Adds one request to the log; the handler has read what it reads of the body by now. */
    private boolean record(long seq, long started, HttpExchange ex, Caller caller, int status, FaultKind faultKind,
        RequestImpl request) {
      long durationMs = (System.nanoTime() - started) / 1_000_000;
      RecordedRequest rec = new RecordedRequest(seq, Instant.now(), host, ex.getRequestMethod(),
          ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(), RequestImpl.redactedHeaders(ex),
          caller == null ? null : caller.user(), status, faultKind, request.bytesRead(), durationMs);
      synchronized (requestLog) {
        if (requestLog.size() >= MAX_LOGGED_REQUESTS) {
          requestLog.subList(0, MAX_LOGGED_REQUESTS / 10).clear();
        }
        requestLog.add(rec);
      }
      return true;
    }

    private Response route(RequestImpl request, String rawPath, Router.@Nullable Match apiMatch) {
      Router router = host == Host.API ? apiRouter : host == Host.STORAGE ? storageRouter
          : host == Host.CAS ? casRouter : null;
      try {
        if (router == null) {
          return spaceApps.dispatch(request);
        }
        if (host == Host.API) {
          Optional<Response> moved = repoRedirects.redirect(rawPath, request.rawQuery());
          if (moved.isPresent()) {
            drain(request);
            return moved.get();
          }
        }
        Router.Match match = host == Host.API ? apiMatch : router.match(request.method(), rawPath);
        if (match == null) {
          if (host == Host.STORAGE) {
            return S3Errors.error(404, "NoSuchKey", "The specified key does not exist.");
          }
          throw HubError.notFound("Sorry, we can't find the page you are looking for.");
        }
        request.params(match.params());
        return match.route().handler().handle(request);
      } catch (HubError e) {
        return Response.error(e);
      } catch (Exception e) {
        LOG.log(System.Logger.Level.ERROR, "emulator handler failed on " + request.method() + " " + rawPath, e);
        return Response.error(new HubError(500, null, "Internal Error - We're working hard to fix this as soon as possible!"));
      }
    }
  }

  private static String bucketFor(Router.@Nullable Match m, String rawPath) {
    if (m != null) {
      return m.route().bucket();
    }
    return rawPath.contains("/resolve/") ? Routes.RESOLVERS_BUCKET : Routes.API_BUCKET;
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AbortConnection("interrupted");
    }
  }

  private static void readPartOfBody(HttpExchange ex, RequestImpl request) throws IOException {
    String cl = ex.getRequestHeaders().getFirst("Content-Length");
    long half = 1024;
    if (cl != null) {
      try {
        half = Math.max(1, Long.parseLong(cl.strip()) / 2);
      } catch (NumberFormatException ignored) {
        half = 1024;
      }
    }
    InputStream in = request.body();
    byte[] buf = new byte[8192];
    long read = 0;
    while (read < half) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, half - read));
      if (n <= 0) {
        break;
      }
      read += n;
    }
  }

  private static void drain(RequestImpl request) throws IOException {
    InputStream in = request.body();
    byte[] buf = new byte[8192];
    while (in.read(buf) > 0) {
      // discard the rest of the request so the client has finished sending
    }
  }

  private static Response rateLimited(RateLimitRules.Decision d) {
    return Response.error(new HubError(429, null, "You have exceeded our hourly quotas for action '" + d.bucket()
        + "'. We invite you to retry later.").header("Retry-After", String.valueOf(d.resetSeconds())));
  }

  /** Adds the headers every Hub API answer carries. */
  private static Response decorate(Response r, String requestId, RateLimitRules.Decision limit) {
    r.setHeader("X-Request-Id", requestId);
    r.setHeader("X-Powered-By", "huggingface-moon");
    r.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    r.setHeader("Vary", "Origin");
    if (limit != null) {
      r.setHeader("RateLimit", limit.rateLimitHeader());
      r.setHeader("RateLimit-Policy", limit.policyHeader());
    }
    return r;
  }

  /** Writes a response; {@code cut} sends only half of the body and then aborts the connection. */
  private static int send(HttpExchange ex, Response r, boolean head, Boolean cut) throws IOException {
    r.headers().forEach((k, v) -> ex.getResponseHeaders().put(k, new ArrayList<>(v)));
    int status = r.status();
    long length = r.length();
    if (head) {
      if (length >= 0 && r.headerValue("Content-Length") == null) {
        ex.getResponseHeaders().set("Content-Length", String.valueOf(length));
      }
      ex.sendResponseHeaders(status, -1);
      return status;
    }
    if (r.body() == null || length == 0 || status == 204 || status == 304) {
      ex.sendResponseHeaders(status, -1);
      return status;
    }
    ex.sendResponseHeaders(status, length < 0 ? 0 : length);
    OutputStream body = ex.getResponseBody();
    if (cut != null) {
      long limit = length > 0 ? Math.max(1, length / 2) : 64;
      body = new CuttingOutputStream(body, limit);
    }
    try {
      r.body().writeTo(body);
      body.flush();
    } catch (CuttingOutputStream.Cut c) {
      throw new AbortConnection("injected: reset during response body");
    }
    if (cut != null) {
      // A stream shorter than the cut point: end it without its terminating chunk.
      throw new AbortConnection("injected: reset at the end of the response body");
    }
    return status;
  }

  /** Passes {@code limit} bytes, flushes them, then throws. */
  private static final class CuttingOutputStream extends FilterOutputStream {
    static final class Cut extends IOException {
      private static final long serialVersionUID = 1L;
    }

    private long remaining;

    CuttingOutputStream(OutputStream out, long limit) {
      super(out);
      this.remaining = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      int n = (int) Math.min(len, remaining);
      out.write(b, off, n);
      remaining -= n;
      if (remaining <= 0) {
        out.flush();
        throw new Cut();
      }
    }
  }

  /** Storage-side error answers in S3's XML shape. */
  public static final class S3Errors {
    private S3Errors() {}

    public static Response error(int status, String code, String message) {
      String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
          + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message><RequestId>" + Ids.randomHex(8).toUpperCase()
          + "</RequestId></Error>";
      return Response.bytes(status, "application/xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Response invalidArgument(String message) {
      return error(400, "InvalidArgument", message);
    }
  }

  /** Registry of in-process job image handlers. */
  static final class JobImagesImpl implements JobImages {
    private final List<Map.Entry<String, io.hf4j.testkit.spi.JobImageHandler>> bindings = new ArrayList<>();

    @Override
    public synchronized void bind(String imagePattern, io.hf4j.testkit.spi.JobImageHandler handler) {
      unbind(imagePattern);
      bindings.add(Map.entry(imagePattern, handler));
    }

    @Override
    public synchronized void unbind(String imagePattern) {
      bindings.removeIf(e -> e.getKey().equals(imagePattern));
    }

    @Override
    public synchronized io.hf4j.testkit.spi.@Nullable JobImageHandler resolve(String image) {
      for (int i = bindings.size() - 1; i >= 0; i--) {
        Map.Entry<String, io.hf4j.testkit.spi.JobImageHandler> e = bindings.get(i);
        if (e.getKey().equals(image) || Glob.pathPattern(e.getKey()).matcher(image).matches()) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  /** Registry of in-process Space apps, served on the Space-apps listener. */
  static final class SpaceAppsImpl implements SpaceApps {
    private final EmulatorServer server;
    private final Map<String, RouteHandler> apps = new ConcurrentHashMap<>();

    SpaceAppsImpl(EmulatorServer server) {
      this.server = server;
    }

    @Override
    public void bind(String spaceId, RouteHandler app) {
      apps.put(subdomain(spaceId), app);
    }

    @Override
    public void unbind(String spaceId) {
      apps.remove(subdomain(spaceId));
    }

    @Override
    public @Nullable RouteHandler app(String spaceId) {
      return apps.get(subdomain(spaceId));
    }

    @Override
    public String subdomain(String spaceId) {
      return spaceId.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "-");
    }

    @Override
    public String url(String spaceId) {
      return server.spaceAppsUrl() + "/" + subdomain(spaceId);
    }

    Response dispatch(RequestImpl request) throws Exception {
      String hostHeader = request.header("Host");
      String hostName = hostHeader == null ? "" : hostHeader.replaceFirst(":\\d+$", "").toLowerCase(java.util.Locale.ROOT);
      for (String suffix : new String[] {".hf.space", ".localhost"}) {
        if (hostName.endsWith(suffix)) {
          RouteHandler app = apps.get(hostName.substring(0, hostName.length() - suffix.length()));
          if (app != null) {
            request.params(Map.of("path", request.rawPath()));
            return app.handle(request);
          }
        }
      }
      String raw = request.rawPath();
      String rest = raw.startsWith("/") ? raw.substring(1) : raw;
      int slash = rest.indexOf('/');
      String sub = slash < 0 ? rest : rest.substring(0, slash);
      RouteHandler app = apps.get(sub);
      if (app == null) {
        throw HubError.notFound("No Space app is bound here");
      }
      request.params(Map.of("path", slash < 0 ? "/" : rest.substring(slash)));
      return app.handle(request);
    }
  }
}
