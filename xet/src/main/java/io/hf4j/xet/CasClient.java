package io.hf4j.xet;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import io.hf4j.core.CancellationToken;
import io.hf4j.core.CancelledException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.HttpErrors;
import io.hf4j.core.internal.RequestTags;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Client of a Xet CAS service (the spec's CAS API): xorb and shard upload, the global dedupe query,
 * file reconstruction, and ranged xorb reads from the URLs a reconstruction gives.
 *
 * <p>Requests go through core's HTTP stack (retries on I/O failures, 429 and 5xx with backoff). The Xet
 * token is added per attempt, only for the CAS origin; it is refreshed when it is about to expire and
 * once after a 401. It never appears in exceptions or logs.
 */
public final class CasClient {
  private static final MediaType OCTET = MediaType.get("application/octet-stream");
  private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);

  private final XetTokenProvider tokens;
  private final OkHttpClient http;
  private final Clock clock;
  private volatile @Nullable XetToken current;

  /**
   * A client on {@code config}'s HTTP stack, authenticated with tokens from {@code tokens}.
   *
   * @param config the HTTP stack and retry settings to use
   * @param tokens where CAS access tokens come from
   */
  public CasClient(HfConfig config, XetTokenProvider tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.clock = config.clock();
    this.http = config.httpClient().newBuilder().addInterceptor(new Auth()).build();
  }

  /** The current token (fetched if needed, refreshed when about to expire). */
  XetToken token() {
    XetToken t = current;
    if (t == null || !clock.instant().plus(REFRESH_MARGIN).isBefore(t.expiresAt())) {
      synchronized (this) {
        t = current;
        if (t == null || !clock.instant().plus(REFRESH_MARGIN).isBefore(t.expiresAt())) {
          t = tokens.token(t != null);
          current = t;
        }
      }
    }
    return t;
  }

  private synchronized XetToken refreshAfter(XetToken rejected) {
    XetToken t = current;
    if (t == null || t.accessToken().equals(rejected.accessToken())) {
      t = tokens.token(true);
      current = t;
    }
    return t;
  }

  /** {@return the CAS base URL of the current token} */
  public String casUrl() {
    return token().casUrl();
  }

  private HttpUrl url(String path) {
    HttpUrl u = HttpUrl.parse(token().casUrl() + path);
    if (u == null) {
      throw new XetException("invalid CAS URL from the token endpoint: " + token().casUrl());
    }
    return u;
  }

  /** Adds the Xet token to requests for the CAS origin; on 401 refreshes it once and retries. */
  private final class Auth implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Request req = chain.request();
      if (req.tag(Presigned.class) != null) {
        return chain.proceed(req.newBuilder().removeHeader("Authorization").build());
      }
      XetToken t = token();
      HttpUrl cas = HttpUrl.parse(t.casUrl());
      if (cas == null || !sameOrigin(req.url(), cas)) {
        return chain.proceed(req.newBuilder().removeHeader("Authorization").build());
      }
      Response r = chain.proceed(req.newBuilder().header("Authorization", "Bearer " + t.accessToken()).build());
      if (r.code() == 401) {
        r.close();
        XetToken fresh = refreshAfter(t);
        r = chain.proceed(req.newBuilder().header("Authorization", "Bearer " + fresh.accessToken()).build());
      }
      return r;
    }
  }

  /** Tag of requests to presigned URLs: they never carry the Xet token. */
  private static final class Presigned {
    static final Presigned INSTANCE = new Presigned();
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  private Response execute(Request request, boolean allow404) {
    return execute(http.newCall(request), request, allow404, null);
  }

  private Response execute(Call call, Request request, boolean allow404, @Nullable CancellationToken stop) {
    Response r;
    try {
      r = call.execute();
    } catch (IOException e) {
      if (stop != null && stop.isCancelled()) {
        throw new CancelledException(request.method() + " " + request.url().encodedPath() + " cancelled");
      }
      throw failed(request, e);
    }
    if (r.code() >= 400 && !(allow404 && r.code() == 404)) {
      try (r) {
        XetToken t = current;
        throw HttpErrors.exceptionForForeignHost(r, t == null ? null : t.accessToken(), clock);
      }
    }
    return r;
  }

  private XetException failed(Request request, IOException e) {
    if (e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
      return new XetException(request.method() + " " + request.url().encodedPath() + " interrupted", e);
    }
    return new XetException(request.method() + " " + request.url().encodedPath() + " failed: "
        + scrub(String.valueOf(e.getMessage())), e);
  }

  private String scrub(String s) {
    XetToken t = current;
    return t == null ? s : s.replace(t.accessToken(), "<redacted>");
  }

  /**
   * Uploads a serialized xorb ({@code POST /v1/xorbs/default/{hash}}).
   *
   * @return true when the CAS stored it, false when it already had it
   * @param hash the xorb's hash
   * @param body the serialized xorb
   * @param length how many bytes of {@code body} to send
   */
  public boolean uploadXorb(XetHash hash, byte[] body, int length) {
    Request req = RequestTags.retrySafe(new Request.Builder()
        .url(url("/v1/xorbs/default/" + hash.toHex()))
        .post(RequestBody.create(body, OCTET, 0, length))).build();
    try (Response r = execute(req, false)) {
      Object json = parse(r);
      return !(json instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("was_inserted"));
    }
  }

  /**
   * Uploads a built xorb, streaming its segments (see {@link #uploadXorb(XetHash, byte[], int)}).
   *
   * @return true when the CAS stored it, false when it already had it
   * @param xorb the xorb
   */
  public boolean uploadXorb(XorbBuilder.Built xorb) {
    return uploadXorb(xorb, null);
  }

  /**
   * Like {@link #uploadXorb(XorbBuilder.Built)}; cancelling {@code stop} aborts the request at once (the connection
   * is closed) and makes this throw {@link CancelledException}.
   */
  boolean uploadXorb(XorbBuilder.Built xorb, @Nullable CancellationToken stop) {
    RequestBody body = new RequestBody() {
      @Override
      public MediaType contentType() {
        return OCTET;
      }

      @Override
      public long contentLength() {
        return xorb.length();
      }

      @Override
      public void writeTo(okio.BufferedSink sink) throws IOException {
        xorb.writeTo(sink.outputStream());
      }
    };
    Request req = RequestTags.retrySafe(new Request.Builder()
        .url(url("/v1/xorbs/default/" + xorb.hash().toHex())).post(body)).build();
    Call call = http.newCall(req);
    Runnable unhook = stop == null ? () -> { } : stop.onCancel(call::cancel);
    try (Response r = execute(call, req, false, stop)) {
      Object json = parse(r);
      return !(json instanceof Map<?, ?> m) || !Boolean.FALSE.equals(m.get("was_inserted"));
    } catch (XetException e) {
      // the answer's body was cut off by the cancellation
      if (stop != null && stop.isCancelled()) {
        throw new CancelledException("POST /v1/xorbs/default/" + xorb.hash().toHex() + " cancelled");
      }
      throw e;
    } finally {
      unhook.run();
    }
  }

  /**
   * Uploads a shard in its upload form ({@code POST /v1/shards}); its xorbs must be uploaded already.
   *
   * @return true when the files were newly registered, false when the CAS already had them all
   * @param shard the serialized shard
   */
  public boolean uploadShard(byte[] shard) {
    Request req = RequestTags.retrySafe(new Request.Builder()
        .url(url("/v1/shards"))
        .post(RequestBody.create(shard, OCTET))).build();
    try (Response r = execute(req, false)) {
      Object json = parse(r);
      if (json instanceof Map<?, ?> m && m.get("result") instanceof Number n) {
        return n.intValue() == 1;
      }
      return true;
    }
  }

  /**
   * The global dedupe query ({@code GET /v1/chunks/default/{chunkHash}}): a shard describing xorbs that
   * contain the chunk.
   *
   * @param chunkHash the chunk to look for
   * @return the shard, or null when the CAS knows no xorb with that chunk
   */
  public @Nullable Shard queryChunk(XetHash chunkHash) {
    Request req = new Request.Builder().url(url("/v1/chunks/default/" + chunkHash.toHex())).get().build();
    try (Response r = execute(req, true)) {
      if (r.code() == 404 || r.code() == 204) {
        return null;
      }
      return Shard.parse(bytes(r));
    }
  }

  /**
   * A term of a reconstruction: a run of chunks of one xorb.
   *
   * @param xorbHash       the xorb
   * @param unpackedLength uncompressed length of the run
   * @param chunkStart     first chunk index
   * @param chunkEnd       chunk index past the last one
   */
  public record Term(XetHash xorbHash, long unpackedLength, int chunkStart, int chunkEnd) {}

  /**
   * Where to read a run of chunks of a xorb.
   *
   * @param chunkStart     first chunk index covered
   * @param chunkEnd       chunk index past the last one covered
   * @param url            the URL to read (presigned; no token needed)
   * @param byteStart      first byte of the range in the xorb
   * @param byteEndInclusive last byte of the range (inclusive, as in an HTTP Range header)
   */
  public record FetchInfo(int chunkStart, int chunkEnd, String url, long byteStart, long byteEndInclusive) {
    /** {@return bytes the range spans} */
    public long length() {
      return byteEndInclusive - byteStart + 1;
    }

    @Override
    public String toString() {
      return "FetchInfo{chunks=[" + chunkStart + ", " + chunkEnd + "), bytes=" + byteStart + "-" + byteEndInclusive + "}";
    }
  }

  /**
   * How to rebuild a file or a byte range of it.
   *
   * @param offsetIntoFirstRange bytes to skip at the start of the first term (ranged requests)
   * @param terms                the runs of chunks in file order
   * @param fetchInfo            per xorb, where to read its chunks
   */
  public record Reconstruction(long offsetIntoFirstRange, List<Term> terms, Map<XetHash, List<FetchInfo>> fetchInfo) {}

  /**
   * The reconstruction of a file ({@code GET /v1/reconstructions/{fileHash}}), optionally of the byte range
   * {@code [start, endInclusive]}.
   *
   * @throws io.hf4j.core.NotFoundException when the CAS does not know the file
   * @param fileHash the file's Xet hash
   * @param start the first byte
   * @param endInclusive the last byte
   * @return the terms and fetch infos covering the range
   */
  public Reconstruction reconstruction(XetHash fileHash, long start, long endInclusive) {
    Request.Builder b = new Request.Builder().url(url("/v1/reconstructions/" + fileHash.toHex())).get();
    if (start >= 0) {
      b.header("Range", "bytes=" + start + "-" + endInclusive);
    }
    try (Response r = execute(b.build(), false)) {
      return parseReconstruction(parse(r));
    }
  }

  /**
   * The reconstruction of a whole file.
   *
   * @param fileHash the file's Xet hash
   * @return the terms and fetch infos of the whole file
   */
  public Reconstruction reconstruction(XetHash fileHash) {
    return reconstruction(fileHash, -1, -1);
  }

  static Reconstruction parseReconstruction(Object json) {
    try {
      Map<?, ?> m = (Map<?, ?>) json;
      long offset = m.get("offset_into_first_range") == null ? 0 : ((Number) m.get("offset_into_first_range")).longValue();
      List<Term> terms = new ArrayList<>();
      for (Object o : (List<?>) m.get("terms")) {
        Map<?, ?> t = (Map<?, ?>) o;
        Map<?, ?> range = (Map<?, ?>) t.get("range");
        terms.add(new Term(XetHash.parse((String) t.get("hash")), ((Number) t.get("unpacked_length")).longValue(),
            ((Number) range.get("start")).intValue(), ((Number) range.get("end")).intValue()));
      }
      Map<XetHash, List<FetchInfo>> fetch = new HashMap<>();
      Map<?, ?> fi = (Map<?, ?>) m.get("fetch_info");
      if (fi != null) {
        for (Map.Entry<?, ?> e : fi.entrySet()) {
          List<FetchInfo> l = new ArrayList<>();
          for (Object o : (List<?>) e.getValue()) {
            Map<?, ?> f = (Map<?, ?>) o;
            Map<?, ?> range = (Map<?, ?>) f.get("range");
            Map<?, ?> ur = (Map<?, ?>) f.get("url_range");
            l.add(new FetchInfo(((Number) range.get("start")).intValue(), ((Number) range.get("end")).intValue(),
                (String) f.get("url"), ((Number) ur.get("start")).longValue(), ((Number) ur.get("end")).longValue()));
          }
          fetch.put(XetHash.parse((String) e.getKey()), l);
        }
      }
      return new Reconstruction(offset, terms, fetch);
    } catch (ClassCastException | NullPointerException e) {
      throw new XetException("unexpected reconstruction JSON from the CAS", e);
    }
  }

  /**
   * Reads the byte range of a fetch info (a ranged GET on its URL).
   *
   * @throws XetIntegrityException when fewer or more bytes than the range arrive
   * @param info the URL and byte range to read
   * @return the bytes of the range
   */
  public byte[] fetch(FetchInfo info) {
    try (Response r = openRange(info)) {
      long want = info.length();
      if (want > Integer.MAX_VALUE - 64) {
        throw new XetIntegrityException("xorb range " + info + " is too large");
      }
      okio.BufferedSource src = r.body().source();
      byte[] data = new byte[(int) want];
      int got = 0;
      while (got < data.length) {
        int n = src.read(data, got, data.length - got);
        if (n < 0) {
          break;
        }
        got += n;
      }
      if (got != want || (r.code() == 206 && !src.exhausted())) {
        throw new XetIntegrityException("xorb range " + info + " returned "
            + (got == want ? "more than " + want : String.valueOf(got)) + " bytes, expected " + want);
      }
      return data;
    } catch (java.io.EOFException e) {
      throw new XetIntegrityException("xorb range " + info + " truncated", e);
    } catch (IOException e) {
      throw new XetIntegrityException("reading xorb range " + info + " failed (truncated?): " + e.getMessage(), e);
    }
  }

  /**
   * Opens the byte range of a fetch info; the body's source is positioned at the range's first byte (also
   * when the server ignored the Range header). The caller closes the response.
   */
  Response openRange(FetchInfo info) {
    return openRange(info, null);
  }

  /**
   * Opens a range of {@code xorb} (named in the error when the storage does not have it).
   *
   * @throws XetIntegrityException when the storage answers 404: the reconstruction names a xorb it does not hold
   */
  Response openRange(FetchInfo info, @Nullable XetHash xorb) {
    Request req = new Request.Builder().url(info.url()).tag(Presigned.class, Presigned.INSTANCE)
        .header("Range", "bytes=" + info.byteStart() + "-" + info.byteEndInclusive()).get().build();
    Response r = execute(req, true);
    if (r.code() == 404) {
      r.close();
      throw new XetIntegrityException("the reconstruction references " + (xorb == null ? "a xorb" : "xorb "
          + xorb.toHex()) + " that the storage does not have (HTTP 404 for " + info + ")");
    }
    if (r.code() == 200 && info.byteStart() > 0) {
      try {
        r.body().source().skip(info.byteStart());
      } catch (IOException e) {
        r.close();
        throw new XetIntegrityException("xorb range " + info + " truncated", e);
      }
    }
    return r;
  }

  private static byte[] bytes(Response r) {
    try {
      ResponseBody body = r.body();
      return body.bytes();
    } catch (IOException e) {
      throw new XetIntegrityException("reading a CAS response body failed (truncated?): " + e.getMessage(), e);
    }
  }

  private static @Nullable Object parse(Response r) {
    byte[] b = bytes(r);
    if (b.length == 0) {
      return null;
    }
    try {
      return JSON.fromJson(new String(b, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      throw new HfException("unexpected JSON from the CAS: " + e.getMessage(), e);
    }
  }
}
