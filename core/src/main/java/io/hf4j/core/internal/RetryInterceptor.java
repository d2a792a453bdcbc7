package io.hf4j.core.internal;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.hf4j.core.HfConfig;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Invocation;

/**
 * Retries failed attempts of calls that are safe to repeat, on Resilience4j's retry state machine,
 * with waits from {@link Backoff} performed through the configured {@link Sleeper}.
 *
 * <p>Retried: I/O failures and 408, 429, 500, 502, 503, 504. A call is repeated only when its method
 * is idempotent (GET, HEAD, PUT, DELETE, OPTIONS) or it is marked {@link RetrySafe}, never when marked
 * {@link NoRetry}, and never when its body can be written only once. The total time spent waiting is
 * bounded by the retry budget; past it the last response (or failure) is returned as is. Waits the server
 * announced (its rate-limit window, {@code Retry-After}, plus the one-second margin Python adds) do not count
 * against the budget, as long as each is under an hour.
 */
final class RetryInterceptor implements Interceptor {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.http");
  /** JSON answers up to this size are read inside the retry loop. */
  static final long MAX_BUFFERED_JSON = 16L * 1024 * 1024;
  static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

  /** A longer wait announced by a server is not slept through: the typed error surfaces at once. */
  static final Duration MAX_ANNOUNCED_WAIT = Duration.ofHours(1);

  private final Backoff backoff;
  private final Retry retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration budget;
  private final RateLimitTracker tracker;

  RetryInterceptor(HfConfig config, RateLimitTracker tracker) {
    this.sleeper = config.sleeper();
    this.clock = config.clock();
    this.budget = config.retryBudget();
    this.tracker = tracker;
    Backoff backoff = new Backoff(config.initialBackoff(), config.maxBackoff(), config.jitter(), config.random(), clock);
    this.backoff = backoff;
    IntervalBiFunction<Response> interval = (attempt, outcome) -> wait(backoff, attempt, outcome).toMillis();
    RetryConfig retryConfig = RetryConfig.<Response>custom()
        .maxAttempts(config.maxRetries() + 1)
        .retryOnResult(r -> RETRYABLE_STATUS.contains(r.code()))
        .retryOnException(e -> e instanceof IOException && !(e instanceof InterruptedIOException && !isTimeout(e)))
        .intervalBiFunction(interval)
        .failAfterMaxAttempts(false)
        .build();
    this.retry = Retry.of("hf4j", retryConfig);
  }

  private static boolean isTimeout(Throwable e) {
    return e instanceof java.net.SocketTimeoutException;
  }

  private Duration wait(Backoff backoff, int attempt, Either<Throwable, Response> outcome) {
    if (outcome.isRight()) {
      Response r = outcome.get();
      return backoff.afterResponse(attempt, r, resetAt(r));
    }
    return backoff.exponential(attempt);
  }

  private @Nullable Instant resetAt(Response r) {
    return tracker.resetAt(r.request().url().host(), RateLimitTracker.bucketFor(r.request().url().encodedPath()));
  }

  /** The Resilience4j retry, for metrics and event listeners. */
  Retry retry() {
    return retry;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!retrySafe(request)) return chain.proceed(request);

    Retry.AsyncContext<Response> context = retry.asyncContext();
    Instant start = clock.instant();
    // Waits the server announced (rate-limit window, Retry-After) are not retry costs: they leave the budget alone.
    Duration announcedTotal = Duration.ZERO;
    int attempt = 0;
    while (true) {
      attempt++;
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (chain.call().isCanceled()) throw e;
        long delay = context.onError(e);
        if (delay < 0 || overBudget(start, announcedTotal, delay)) throw e;
        LOG.debug("{} {} failed ({}); attempt {} retrying in {} ms", request.method(), Redaction.path(request.url()),
            e.getClass().getSimpleName(), attempt, delay);
        sleep(delay, chain);
        continue;
      }
      if (response.isSuccessful() && bufferJson(response)) {
        try {
          // Read a small JSON answer here, so that a connection cut mid-body is retried too.
          response.body().source().request(MAX_BUFFERED_JSON);
        } catch (IOException e) {
          response.close();
          if (chain.call().isCanceled()) throw e;
          long delay = context.onError(e);
          if (delay < 0 || overBudget(start, announcedTotal, delay)) throw e;
          LOG.debug("{} {} body cut ({}); attempt {} retrying in {} ms", request.method(), Redaction.path(request.url()),
              e.getClass().getSimpleName(), attempt, delay);
          sleep(delay, chain);
          continue;
        }
      }
      long delay = context.onResult(response);
      if (delay < 0) {
        context.onComplete();
        return response;
      }
      Duration announced = backoff.announcedWait(response, resetAt(response));
      if (announced != null) {
        if (announced.compareTo(MAX_ANNOUNCED_WAIT) > 0) {
          LOG.debug("{} {} answered {} with a wait of {}; not waiting that long", request.method(),
              Redaction.path(request.url()), response.code(), announced);
          return response;
        }
        announcedTotal = announcedTotal.plusMillis(delay);
      } else if (overBudget(start, announcedTotal, delay)) {
        LOG.debug("{} {} answered {}; retry budget spent", request.method(), Redaction.path(request.url()), response.code());
        return response;
      }
      LOG.debug("{} {} answered {}; attempt {} retrying in {} ms", request.method(), Redaction.path(request.url()),
          response.code(), attempt, delay);
      response.close();
      sleep(delay, chain);
    }
  }

  private boolean overBudget(Instant start, Duration announcedWaits, long delayMillis) {
    Duration spent = Duration.between(start, clock.instant()).minus(announcedWaits);
    return spent.plusMillis(delayMillis).compareTo(budget) > 0;
  }

  /** Waits, stopping early when the call is canceled from another thread. */
  private void sleep(long millis, Chain chain) throws IOException {
    try {
      sleeper.sleep(Duration.ofMillis(millis), () -> chain.call().isCanceled());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
    if (chain.call().isCanceled()) throw new IOException("Canceled");
  }

  private static boolean bufferJson(Response response) {
    okhttp3.ResponseBody body = response.body();
    okhttp3.MediaType type = body.contentType();
    if (type == null || !type.subtype().contains("json")) return false;
    long length = body.contentLength();
    return length < 0 || length <= MAX_BUFFERED_JSON;
  }

  static boolean retrySafe(Request request) {
    if (request.tag(NoRetry.Tag.class) != null) return false;
    Invocation invocation = request.tag(Invocation.class);
    if (invocation != null && invocation.method().isAnnotationPresent(NoRetry.class)) return false;
    RequestBody body = request.body();
    if (body != null && body.isOneShot()) return false;
    if (IDEMPOTENT.contains(request.method().toUpperCase(Locale.ROOT))) return true;
    if (request.tag(RetrySafe.Tag.class) != null) return true;
    return invocation != null && invocation.method().isAnnotationPresent(RetrySafe.class);
  }
}
