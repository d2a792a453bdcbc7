package io.hf4j.spaces;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfToken;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.RepoId;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.Redaction;
import io.hf4j.core.internal.RequestTags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a Space's own HTTP API (a backend calling {@code /classify} on an inference Space, a probe calling
 * {@code /health}) on the configuration's shared OkHttp stack.
 *
 * <pre>{@code
 * SpaceHttpClient app = SpaceHttpClient.builder(spaces, RepoId.space("acme/classifier"))
 *     .sendToken(true)                              // a private Space: send the token to its host
 *     .wakeTimeout(Duration.ofMinutes(5))
 *     .build();
 * String health = app.get("/health").bodyString();
 * SpaceResponse r = app.post("/classify", new MultipartBody.Builder().setType(MultipartBody.FORM)
 *     .addFormDataPart("file", "cat.png", RequestBody.create(bytes, MediaType.get("image/png"))).build());
 * }</pre>
 *
 * <p><b>URL.</b> The base URL is the explicit {@link Builder#baseUrl} (an emulator, a local run), else the
 * first ready domain of the Space's runtime, else {@code https://{owner}-{name}.hf.space} (lower case,
 * {@code _} and {@code .} as {@code -}). It is resolved once, on first use.
 *
 * <p><b>Waking.</b> A sleeping, building or restarting Space answers 502 or 503 until its app is up. Each
 * request is sent again on those statuses (and, for idempotent methods, on connection failures), backing off
 * from the configuration's initial backoff to its cap and honouring {@code Retry-After}, until {@link
 * Builder#wakeTimeout} passes; then {@link SpaceTimeoutException} reports the last status. A body that can be
 * written only once is never sent again.
 *
 * <p><b>Token.</b> hf4j sends the token only to the Hub endpoint. Opt in with {@link Builder#sendToken} to
 * send it to this Space's host too (needed for private Spaces): it is added to requests for that exact origin
 * only, never to other hosts or across redirects.
 *
 * <p>Answers with status 400 or more (after waking) throw hf4j's typed {@link io.hf4j.core.HfHttpException}s;
 * {@link #execute} returns the raw response instead.
 */
public final class SpaceHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(SpaceHttpClient.class);
  private static final Set<Integer> WAKING = Set.of(502, 503);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  private final SpacesClient spaces;
  private final HfConfig config;
  private final RepoId spaceId;
  private final @Nullable HttpUrl explicitBase;
  private final boolean sendToken;
  private final Duration wakeTimeout;
  private final OkHttpClient client;
  private final HfHttp http;
  private volatile @Nullable HttpUrl base;
  private final java.util.concurrent.locks.ReentrantLock baseLock = new java.util.concurrent.locks.ReentrantLock();

  private SpaceHttpClient(Builder b) {
    this.spaces = b.spaces;
    this.config = b.spaces.config();
    this.spaceId = b.spaceId;
    this.explicitBase = b.baseUrl;
    this.sendToken = b.sendToken;
    this.wakeTimeout = b.wakeTimeout;
    if (sendToken) config.requireToken("call the private Space " + spaceId);
    if (explicitBase != null) requireSecureForToken(explicitBase);
    this.client = config.httpClient();
    this.http = b.spaces.http();
  }

  /**
   * A builder for calls to {@code spaceId}'s app, using {@code spaces}'s configuration (HTTP stack, token,
   * clock, backoff).
   *
   * @param spaces the client whose configuration the calls use and which reads the Space's runtime for its host
   * @param spaceId the Space to call, a {@link RepoId#space} reference
   * @return a new builder (token not sent, wake timeout 5 minutes)
   * @throws io.hf4j.core.HfValidationException if {@code spaceId} is not a Space reference
   */
  public static Builder builder(SpacesClient spaces, RepoId spaceId) {
    return new Builder(Objects.requireNonNull(spaces, "spaces == null"), Objects.requireNonNull(spaceId, "spaceId == null"));
  }

  /**
   * The Space called.
   *
   * @return the Space reference given to {@link #builder}
   */
  public RepoId spaceId() {
    return spaceId;
  }

  /**
   * The base URL of the app, resolved on first use: on that first call it may ask the Hub for the Space's
   * runtime ({@code GET /api/spaces/{id}/runtime}).
   *
   * @return the app's base URL, with path {@code /} unless {@link Builder#baseUrl} set another
   * @throws io.hf4j.core.RepositoryNotFoundException if the Hub reports no such Space
   * @throws io.hf4j.core.HfValidationException if {@code sendToken} is set and the resolved URL is plain http to
   *     another machine
   */
  public HttpUrl baseUrl() {
    HttpUrl b = base;
    if (b == null) {
      // A lock, not a monitor: resolving may ask the Hub (no blocking I/O under synchronized, which pins a
      // virtual thread on JDK 21-23).
      baseLock.lock();
      try {
        b = base;
        if (b == null) {
          b = resolveBase();
          base = b;
        }
      } finally {
        baseLock.unlock();
      }
    }
    return b;
  }

  /**
   * The URL of a path of the app, e.g. {@code /classify?top=3}, resolved against {@link #baseUrl()}.
   *
   * @param path the path, with or without a leading {@code /}, optionally followed by an encoded query
   * @return the absolute URL on the Space's host
   */
  public HttpUrl url(String path) {
    Objects.requireNonNull(path, "path == null");
    HttpUrl b = baseUrl();
    String p = path.startsWith("/") ? path.substring(1) : path;
    String basePath = b.encodedPath().endsWith("/") ? b.encodedPath() : b.encodedPath() + "/";
    HttpUrl.Builder out = b.newBuilder();
    int q = p.indexOf('?');
    if (q >= 0) {
      out.encodedPath(basePath + p.substring(0, q));
      out.encodedQuery(p.substring(q + 1));
    } else {
      out.encodedPath(basePath + p);
      out.query(null);
    }
    return out.build();
  }

  /**
   * {@code GET path}, waking the Space as needed (see {@link #send}).
   *
   * @param path the app's path, e.g. {@code /health}
   * @return the buffered answer (status below 400)
   * @throws io.hf4j.core.HfHttpException for a status of 400 or more
   * @throws SpaceTimeoutException if the Space still answered 502/503 when the wake timeout passed
   */
  public SpaceResponse get(String path) {
    return send(new Request.Builder().url(url(path)).get().build());
  }

  /**
   * {@code POST path} with a JSON body ({@code application/json; charset=utf-8}), waking the Space as needed.
   *
   * @param path the app's path, e.g. {@code /predict}
   * @param json the JSON text sent as is
   * @return the buffered answer (status below 400)
   * @throws io.hf4j.core.HfHttpException for a status of 400 or more
   * @throws SpaceTimeoutException if the Space still answered 502/503 when the wake timeout passed
   */
  public SpaceResponse postJson(String path, String json) {
    Objects.requireNonNull(json, "json == null");
    return post(path, RequestBody.create(json, MediaType.get("application/json; charset=utf-8")));
  }

  /**
   * {@code POST path} with any body, e.g. a {@link okhttp3.MultipartBody}, waking the Space as needed. A POST
   * is sent again only on 502/503 answers (never after a connection failure) and never when the body is one-shot.
   *
   * @param path the app's path, e.g. {@code /classify}
   * @param body the request body
   * @return the buffered answer (status below 400)
   * @throws io.hf4j.core.HfHttpException for a status of 400 or more
   * @throws SpaceTimeoutException if the Space still answered 502/503 when the wake timeout passed
   */
  public SpaceResponse post(String path, RequestBody body) {
    Objects.requireNonNull(body, "body == null");
    return send(new Request.Builder().url(url(path)).post(body).build());
  }

  /**
   * Sends a request (built against {@link #url(String)}), waking the Space as needed, and buffers the answer.
   *
   * @param request the request; the token is added only if {@code sendToken} is set and it targets the Space's origin
   * @return the answer with its body read into memory
   * @throws io.hf4j.core.HfIoException if the connection fails (and, for an idempotent method, keeps failing until
   *     the wake timeout)
   * @throws io.hf4j.core.HfHttpException for a status of 400 or more, mapped by status only (the Space's paths
   *     are its app's, not the Hub's)
   * @throws SpaceTimeoutException if the Space still answered 502/503 when the wake timeout passed
   * @throws HfInterruptedException if the thread is interrupted while the Space wakes (its interrupt flag set
   *     again)
   */
  public SpaceResponse send(Request request) {
    try (Response response = http.raiseForeign(execute(request))) {
      ResponseBody body = response.body();
      return new SpaceResponse(response.code(), response.headers(), body.bytes());
    } catch (IOException e) {
      throw ioFailure(request, e);
    }
  }

  /**
   * Sends a request, waking the Space as needed, and returns the raw response whatever its status (the caller
   * closes it). For streaming answers.
   *
   * @param request the request; the token is added only if {@code sendToken} is set and it targets the Space's origin
   * @return the open response, whatever its status (a 502/503 only when the body is one-shot and cannot be sent
   *     again); the caller closes it
   * @throws io.hf4j.core.HfIoException if the connection fails (and, for an idempotent method, keeps failing until
   *     the wake timeout)
   * @throws SpaceTimeoutException if the Space still answered 502/503 when the wake timeout passed
   * @throws HfInterruptedException if the thread is interrupted while the Space wakes (its interrupt flag set
   *     again)
   */
  public Response execute(Request request) {
    Objects.requireNonNull(request, "request == null");
    Request tagged = tag(request);
    boolean replayable = tagged.body() == null || !tagged.body().isOneShot();
    boolean idempotent = IDEMPOTENT.contains(tagged.method().toUpperCase(Locale.ROOT));
    Clock clock = config.clock();
    Instant deadline = clock.instant().plus(wakeTimeout);
    Duration backoff = config.initialBackoff().isZero() ? Duration.ofMillis(100) : config.initialBackoff();
    int lastStatus = 0;
    while (true) {
      Response response;
      try {
        response = client.newCall(tagged).execute();
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) throw interrupted(tagged, e);
        if (!idempotent || !replayable || !clock.instant().isBefore(deadline)) throw ioFailure(tagged, e);
        LOG.debug("{} {} on Space {} failed ({}); retrying while it wakes", tagged.method(), Redaction.path(tagged.url()),
            spaceId, e.getClass().getSimpleName());
        backoff = pause(deadline, backoff, null);
        continue;
      } catch (Exception e) {
        // OkHttp may throw InterruptedException (clearing the flag) although execute() does not declare it.
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw interrupted(tagged, e);
        }
        throw e;
      }
      if (!WAKING.contains(response.code()) || !replayable) return response;
      lastStatus = response.code();
      Duration retryAfter = retryAfter(response);
      response.close();
      if (!clock.instant().isBefore(deadline)) {
        throw new SpaceTimeoutException("Space " + spaceId + " still answered " + lastStatus + " to " + tagged.method() + " "
            + Redaction.path(tagged.url()) + " after waiting " + wakeTimeout + " for it to wake", wakeTimeout, spaceId,
            null, lastStatus);
      }
      LOG.debug("Space {} answered {}; waiting for it to wake", spaceId, lastStatus);
      backoff = pause(deadline, backoff, retryAfter);
    }
  }

  /**
   * Sent once by hf4j's retry interceptor (this loop does the waking), and, when opted in, with the token for
   * the Space's own origin only.
   */
  private Request tag(Request request) {
    Request.Builder b = RequestTags.noRetry(request.newBuilder());
    HttpUrl space = base != null ? base : explicitBase;
    if (sendToken && space != null && sameOrigin(request.url(), space)) RequestTags.tokenForOrigin(b);
    return b.build();
  }

  private HfInterruptedException interrupted(Request request, Exception cause) {
    HfInterruptedException e = new HfInterruptedException(
        "Interrupted while calling Space " + spaceId + " (" + request.method() + " " + Redaction.path(request.url()) + ")");
    e.initCause(cause);
    return e;
  }

  private Duration pause(Instant deadline, Duration backoff, @Nullable Duration retryAfter) {
    Duration left = Duration.between(config.clock().instant(), deadline);
    Duration wait = retryAfter != null ? retryAfter : backoff;
    if (wait.compareTo(left) > 0) wait = left;
    if (wait.isNegative()) wait = Duration.ZERO;
    spaces.sleep(wait, "waiting for Space " + spaceId + " to wake");
    Duration next = backoff.multipliedBy(2);
    return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
  }

  private static @Nullable Duration retryAfter(Response response) {
    String v = response.header("Retry-After");
    if (v == null) return null;
    try {
      long s = Long.parseLong(v.strip());
      return s >= 0 ? Duration.ofSeconds(s) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private HttpUrl resolveBase() {
    if (explicitBase != null) return explicitBase;
    String host = null;
    try {
      host = spaces.getSpaceRuntime(spaceId).host();
    } catch (HfException e) {
      LOG.debug("No runtime for Space {} ({}); using the derived host", spaceId, e.getClass().getSimpleName());
      if (e instanceof io.hf4j.core.RepositoryNotFoundException) throw e;
    }
    if (host == null) host = SpaceEnvironment.subdomain(spaceId.toString()) + ".hf.space";
    HttpUrl url = HttpUrl.parse(host.contains("://") ? host : "https://" + host);
    if (url == null) throw new HfException("The Hub reported an unusable host for Space " + spaceId + ": " + host);
    requireSecureForToken(url);
    return url.newBuilder().encodedPath("/").build();
  }

  /**
   * With {@code sendToken}, the Space must be on https (or on this machine): the token never goes in
   * clear text over the network, whatever host the Hub (or a mirror) reports.
   */
  private void requireSecureForToken(HttpUrl url) {
    if (!sendToken || url.isHttps() || isLoopback(url.host())) return;
    throw new HfValidationException("Refusing to send the token to Space " + spaceId + " over plain http (" + url.scheme()
        + "://" + url.host() + "): use an https URL, or do not set sendToken");
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("[::1]") || h.equals("0:0:0:0:0:0:0:1");
  }

  private @Nullable String secret() {
    HfToken token = config.token();
    return token == null ? null : token.reveal();
  }

  private HfIoException ioFailure(Request request, IOException e) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String s = secret();
    if (s != null) msg = Redaction.scrub(msg, s);
    return new HfIoException(request.method() + " " + Redaction.path(request.url()) + " on Space " + spaceId + " failed: " + msg, e);
  }

  @Override
  public String toString() {
    HttpUrl b = base != null ? base : explicitBase;
    return "SpaceHttpClient{space=" + spaceId + ", base=" + (b == null ? "(unresolved)" : b) + ", sendToken=" + sendToken + "}";
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  /** Builds a {@link SpaceHttpClient}. */
  public static final class Builder {
    private final SpacesClient spaces;
    private final RepoId spaceId;
    private @Nullable HttpUrl baseUrl;
    private boolean sendToken;
    private Duration wakeTimeout = Duration.ofMinutes(5);

    private Builder(SpacesClient spaces, RepoId spaceId) {
      this.spaces = spaces;
      this.spaceId = spaceId;
      SpacesClient.id(spaceId);
    }

    /**
     * Calls this URL instead of the Space's host (an emulator, the app run locally); the Hub is then never
     * asked for the runtime.
     *
     * @param baseUrl an absolute http(s) URL; its path is the prefix of every call's path
     * @return this builder
     * @throws io.hf4j.core.HfValidationException if {@code baseUrl} is not an http(s) URL
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) throw new HfValidationException("baseUrl must be an http(s) URL but was '" + baseUrl + "'");
      this.baseUrl = url;
      return this;
    }

    /**
     * Whether to send the configuration's token to the Space's host (off by default). Needed for private
     * Spaces; the token then goes to that host only, and only over https (or to this machine).
     *
     * @param sendToken true to send the token to the Space's own origin
     * @return this builder
     * @throws io.hf4j.core.LocalTokenNotFoundException on {@link #build()} if the configuration has no token
     */
    public Builder sendToken(boolean sendToken) {
      this.sendToken = sendToken;
      return this;
    }

    /**
     * How long one request may keep retrying 502/503 (and, for idempotent methods, connection failures) while
     * the Space wakes (default 5 minutes); {@link Duration#ZERO} sends each request once.
     *
     * @param wakeTimeout the time budget per request, not negative
     * @return this builder
     * @throws io.hf4j.core.HfValidationException if {@code wakeTimeout} is negative
     */
    public Builder wakeTimeout(Duration wakeTimeout) {
      Objects.requireNonNull(wakeTimeout, "wakeTimeout == null");
      if (wakeTimeout.isNegative()) throw new HfValidationException("wakeTimeout must not be negative but was " + wakeTimeout);
      this.wakeTimeout = wakeTimeout;
      return this;
    }

    /**
     * Builds the client. Nothing is sent yet: the base URL is resolved on the first call.
     *
     * @return the client
     * @throws io.hf4j.core.LocalTokenNotFoundException if {@code sendToken} is set and the configuration has no token
     * @throws io.hf4j.core.HfValidationException if {@code sendToken} is set and {@link #baseUrl(String)} is plain
     *     http to another machine
     */
    public SpaceHttpClient build() {
      return new SpaceHttpClient(this);
    }
  }
}
