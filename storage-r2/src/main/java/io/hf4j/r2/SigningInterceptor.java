package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.HashingSink;
import okio.Okio;

/**
 * Signs each attempt of an S3 request with SigV4 in the header form. It sits after hf4j's retry
 * interceptor, so every retry is signed again with a fresh {@code X-Amz-Date}.
 *
 * <p>It first rewrites the URL into the canonical encoding ({@link S3Encoding}), so the server
 * receives exactly the path and query that were signed; OkHttp would otherwise leave {@code +} raw in
 * a path, which S3 servers read differently from the {@code %2B} in the signature.
 */
final class SigningInterceptor implements Interceptor {
  /** Headers hf4j signs when present: those that define the object and the request, never hop-by-hop ones. */
  private static final Set<String> SIGNED = Set.of(
      "content-type", "content-md5", "range", "cache-control", "content-disposition", "content-encoding",
      "content-language", "expires", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since");

  private final SigV4Signer signer;
  private final Clock clock;

  /** How the body enters the signature; requests without this tag send {@code UNSIGNED-PAYLOAD}. */
  enum Payload {
    /** {@code x-amz-content-sha256: UNSIGNED-PAYLOAD}. */
    UNSIGNED,
    /** The SHA-256 of the body, computed on each attempt (bodies that can be written once only go unsigned). */
    SIGNED
  }

  SigningInterceptor(SigV4Signer signer, Clock clock) {
    this.signer = signer;
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(sign(chain.request()));
  }

  Request sign(Request request) throws IOException {
    HttpUrl url = canonicalUrl(request.url());
    Request.Builder b = request.newBuilder().url(url);
    for (String name : List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256", "X-Amz-Security-Token")) {
      b.removeHeader(name);
    }
    RequestBody body = request.body();
    MediaType type = body == null ? null : body.contentType();
    // OkHttp's bridge sets Content-Type from the body after this point: sign that same value now.
    if (type != null) b.header("Content-Type", type.toString());
    Request unsigned = b.build();

    List<SigV4Signer.Header> headers = new ArrayList<>();
    headers.add(new SigV4Signer.Header("host", hostHeader(url)));
    for (int i = 0; i < unsigned.headers().size(); i++) {
      String name = unsigned.headers().name(i).toLowerCase(Locale.ROOT);
      if (SIGNED.contains(name) || (name.startsWith("x-amz-") && !name.equals("x-amz-date"))) {
        headers.add(new SigV4Signer.Header(name, unsigned.headers().value(i)));
      }
    }
    SigV4Signer.Signable signable = new SigV4Signer.Signable(
        request.method(), S3Encoding.decode(url.encodedPath()), S3Encoding.parseQuery(url.encodedQuery()), headers);
    SigV4Signer.HeaderSigned signed =
        signer.signHeaders(signable, clock.instant(), payloadHash(body, request.tag(Payload.class)), true);
    Request.Builder out = unsigned.newBuilder();
    for (SigV4Signer.Header h : signed.headersToAdd()) out.header(h.name(), h.value());
    out.header("Authorization", signed.authorization());
    return out.build();
  }

  /**
   * The URL with its path and query in canonical encoding.
   *
   * @throws HfValidationException if the path has {@code .} or {@code ..} segments, which HTTP
   *     clients resolve and so cannot be sent as signed
   */
  static HttpUrl canonicalUrl(HttpUrl url) {
    String path = S3Encoding.encode(S3Encoding.decode(url.encodedPath()), true);
    String query = S3Encoding.canonicalQuery(S3Encoding.parseQuery(url.encodedQuery()));
    HttpUrl out = url.newBuilder().encodedPath(path).encodedQuery(query.isEmpty() ? null : query).build();
    if (!out.encodedPath().equals(path)) {
      throw new HfValidationException("The path " + path + " has '.' or '..' segments, which cannot be sent as signed");
    }
    return out;
  }

  /** The {@code Host} header OkHttp sends for a URL: the port only when it is not the scheme's default. */
  static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  private static String payloadHash(@Nullable RequestBody body, @Nullable Payload payload) throws IOException {
    if (body == null) return SigV4Signer.EMPTY_SHA256;
    if (payload != Payload.SIGNED || body.isOneShot() || body.isDuplex()) return SigV4Signer.UNSIGNED_PAYLOAD;
    HashingSink hashing = HashingSink.sha256(Okio.blackhole());
    try (BufferedSink sink = Okio.buffer(hashing)) {
      body.writeTo(sink);
      sink.flush();
      return hashing.hash().hex();
    }
  }
}
