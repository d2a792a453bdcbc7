package io.hf4j.core.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfInterruptedException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfToken;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The HTTP plumbing a client module builds on: the configuration's shared OkHttpClient, a Retrofit
 * whose service methods return bodies directly and throw hf4j's typed exceptions, and helpers for
 * hand-built requests. Not API.
 */
public final class HfHttp {
  private final HfConfig config;
  /** Built on first use: creating a client costs nothing until it sends (its first request overlaps other work). */
  private volatile @Nullable OkHttpClient client;
  private volatile @Nullable Retrofit retrofit;
  private final @Nullable String secret;
  private final HttpErrors.Specific errors;

  private HfHttp(HfConfig config, HttpErrors.Specific errors) {
    this.config = config;
    this.errors = errors;
    this.secret = config.token() == null ? null : config.token().reveal();
  }

  /** The plumbing of a configuration. Cheap; all share the configuration's client. */
  public static HfHttp of(HfConfig config) {
    return new HfHttp(config, HttpErrors.Specific.NONE);
  }

  /**
   * The plumbing of a configuration whose error mapping consults {@code errors} first (in {@link #execute}, {@link
   * #raise} and Retrofit services alike): how a client module maps failures only it knows (a missing job) without
   * core knowing its URLs.
   */
  public static HfHttp of(HfConfig config, HttpErrors.Specific errors) {
    return new HfHttp(config, java.util.Objects.requireNonNull(errors, "errors == null"));
  }

  /** A copy consulting {@code errors} first; see {@link #of(HfConfig, HttpErrors.Specific)}. */
  public HfHttp withErrors(HttpErrors.Specific errors) {
    return of(config, errors);
  }

  /** The typed exception for an error response (status >= 400), with this plumbing's mapping; does not close it. */
  public io.hf4j.core.HfHttpException exceptionFor(Response response) {
    return HttpErrors.exceptionFor(response, secret, config.clock(), errors);
  }

  public HfConfig config() {
    return config;
  }

  /** The configuration's shared client (built by the configuration on first use; then cached here). */
  public OkHttpClient client() {
    OkHttpClient c = client;
    if (c == null) {
      c = config.httpClient();
      client = c;
    }
    return c;
  }

  /** The Retrofit instance over {@link #client()}, built on first use (a race builds two equivalent ones). */
  public Retrofit retrofit() {
    Retrofit r = retrofit;
    if (r == null) {
      HttpUrl base = config.endpoint().newBuilder().addPathSegment("").build();
      r = new Retrofit.Builder()
          .baseUrl(base)
          .client(client())
          .addCallAdapterFactory(new SyncCallAdapterFactory(this))
          .addConverterFactory(new BoundedConverters(MoshiConverterFactory.create(Json.moshi())))
          .build();
      retrofit = r;
    }
    return r;
  }

  /** A Retrofit service implementation. */
  public <T> T service(Class<T> service) {
    return retrofit().create(service);
  }

  public Moshi moshi() {
    return Json.moshi();
  }

  /** An endpoint URL from a path relative to the endpoint, e.g. {@code api/whoami-v2}; the path is taken as already encoded. */
  public HttpUrl url(String encodedRelativePath) {
    String p = encodedRelativePath.startsWith("/") ? encodedRelativePath.substring(1) : encodedRelativePath;
    HttpUrl.Builder b = config.endpoint().newBuilder();
    String basePath = config.endpoint().encodedPath();
    String joined = (basePath.endsWith("/") ? basePath : basePath + "/") + p;
    int q = joined.indexOf('?');
    if (q >= 0) {
      b.encodedPath(joined.substring(0, q));
      b.encodedQuery(joined.substring(q + 1));
    } else {
      b.encodedPath(joined);
    }
    return b.build();
  }

  /**
   * Sends a request; returns the response for status < 400 (the caller closes it), throws the typed
   * {@link io.hf4j.core.HfHttpException} otherwise, and {@link HfIoException} for transport failures.
   */
  public Response execute(Request request) {
    return execute(client(), request);
  }

  /**
   * Like {@link #execute(Request)} on a client derived from the configuration's (for example with
   * other timeouts through {@code client().newBuilder()}), with the same error mapping.
   */
  public Response execute(OkHttpClient derived, Request request) {
    Response response;
    try {
      response = derived.newCall(request).execute();
    } catch (IOException e) {
      throw ioFailure(request, e);
    } catch (UncheckedIOException e) {
      throw ioFailure(request, e.getCause());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp (Kotlin) may throw an undeclared InterruptedException while connecting.
      throw interrupted(request, e);
    }
    return HttpErrors.raise(response, secret, config.clock(), errors);
  }

  /**
   * Throws the typed exception for a response with status >= 400 (closing it, token scrubbed from the
   * message); returns it untouched otherwise. For callers that execute their own {@code Call} (to
   * cancel it from another thread, for example).
   */
  public Response raise(Response response) {
    return HttpErrors.raise(response, secret, config.clock(), errors);
  }

  /** Like {@link #raise} for a host that is not the Hub: status-only mapping, no Hub path rules. */
  public Response raiseForeign(Response response) {
    if (response.code() < 400) return response;
    try (response) {
      throw HttpErrors.exceptionForForeignHost(response, secret, config.clock());
    }
  }

  /** Sends a request and decodes its JSON body. */
  public <T> T executeJson(Request request, Type type) {
    try (Response response = execute(request)) {
      ResponseBody body = BoundedBody.limit(response.body(), BoundedBody.MAX_JSON_BYTES);
      JsonAdapter<T> adapter = Json.moshi().adapter(type);
      T value = adapter.fromJson(body.source());
      if (value == null) throw new HfException("empty JSON body from " + request.method() + " " + Redaction.path(request.url()));
      return value;
    } catch (IOException e) {
      throw ioFailure(request, e);
    } catch (com.squareup.moshi.JsonDataException e) {
      throw new HfException("Unexpected JSON from " + request.method() + " " + Redaction.path(request.url()) + ": " + e.getMessage(), e);
    }
  }

  /** Retrofit converters whose response bodies are bounded ({@link BoundedBody}) whatever their content type. */
  private static final class BoundedConverters extends retrofit2.Converter.Factory {
    private final retrofit2.Converter.Factory delegate;

    BoundedConverters(retrofit2.Converter.Factory delegate) {
      this.delegate = delegate;
    }

    @Override
    public retrofit2.@Nullable Converter<ResponseBody, ?> responseBodyConverter(Type type,
        java.lang.annotation.Annotation[] annotations, Retrofit retrofit) {
      retrofit2.Converter<ResponseBody, ?> c = delegate.responseBodyConverter(type, annotations, retrofit);
      if (c == null) return null;
      return body -> c.convert(BoundedBody.limit(body, BoundedBody.MAX_JSON_BYTES));
    }

    @Override
    public retrofit2.@Nullable Converter<?, okhttp3.RequestBody> requestBodyConverter(Type type,
        java.lang.annotation.Annotation[] parameterAnnotations, java.lang.annotation.Annotation[] methodAnnotations,
        Retrofit retrofit) {
      return delegate.requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
    }
  }

  /** A request builder for the endpoint path, marked as anonymous (no token). */
  public static Request.Builder anonymous(Request.Builder builder) {
    return builder.tag(Interceptors.Anonymous.class, Interceptors.Anonymous.INSTANCE);
  }

  /** The typed form of an interruption (or another undeclared checked exception) of a call. */
  static HfException interrupted(Request request, Exception e) {
    String what = request.method() + " " + Redaction.path(request.url());
    if (e instanceof InterruptedException ie) {
      Thread.currentThread().interrupt();
      return new HfInterruptedException("Interrupted during " + what, ie);
    }
    return new HfException(what + " failed: " + e.getClass().getSimpleName(), e);
  }

  /** The typed form of a transport failure of {@code request}, with the token scrubbed from the message. */
  public HfIoException ioFailure(Request request, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BoundedBody.TooLarge big) {
        return new io.hf4j.core.ResponseTooLargeException("The answer to " + request.method() + " "
            + Redaction.path(request.url()) + " is larger than " + big.limit() / (1024 * 1024) + " MiB; stopped reading"
            + " it (is " + request.url().host() + " a Hugging Face Hub?)", big.limit(), e);
      }
    }
    if (e instanceof java.io.InterruptedIOException && Thread.currentThread().isInterrupted()) {
      // Keep the message typed as an I/O failure, but callers can check the interrupt flag.
      return new HfIoException(request.method() + " " + Redaction.path(request.url()) + " interrupted", e);
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (secret != null) msg = Redaction.scrub(msg, secret);
    return new HfIoException(request.method() + " " + Redaction.path(request.url()) + " failed: " + msg, e);
  }

  /** Validation helper: a non-null, non-blank string argument. */
  public static String requireNonBlank(@Nullable String value, String name) {
    if (value == null || value.isBlank()) throw new HfValidationException(name + " must not be blank");
    return value;
  }
}
