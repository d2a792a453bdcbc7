package io.hf4j.core.internal;

import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Bounds what is read of a JSON answer, so that a broken or hostile server answering without end
 * costs a bounded amount of memory and time: reading past the bound fails with {@link TooLarge}, which
 * {@link HfHttp#ioFailure} turns into {@link io.hf4j.core.ResponseTooLargeException} (not retried).
 * Not API.
 */
public final class BoundedBody {
  /** The most of one JSON answer hf4j reads (far above any Hub answer: pages are at most a few MiB). */
  public static final long MAX_JSON_BYTES = 32L * 1024 * 1024;

  private BoundedBody() {}

  /** Thrown when a body goes past its bound. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    TooLarge(long limit) {
      super("the answer is larger than " + (limit >= 1024 * 1024 ? limit / (1024 * 1024) + " MiB" : limit + " bytes")
          + "; stopped reading it");
      this.limit = limit;
    }

    /** The bound that was passed, in bytes. */
    public long limit() {
      return limit;
    }
  }

  /** {@code body} reading at most {@code limit} bytes; more fails with {@link TooLarge}. */
  public static ResponseBody limit(ResponseBody body, long limit) {
    BufferedSource bounded = Okio.buffer(new ForwardingSource(body.source()) {
      private long total;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long n = super.read(sink, Math.min(byteCount, limit + 1 - total));
        if (n > 0) {
          total += n;
          if (total > limit) throw new TooLarge(limit);
        }
        return n;
      }
    });
    return new ResponseBody() {
      @Override
      public MediaType contentType() {
        return body.contentType();
      }

      @Override
      public long contentLength() {
        return body.contentLength();
      }

      @Override
      public BufferedSource source() {
        return bounded;
      }

      @Override
      public void close() {
        body.close();
      }
    };
  }

  /** Whether a body is a JSON answer (not an event stream, not a file). */
  static boolean isJson(ResponseBody body) {
    MediaType type = body.contentType();
    if (type == null) return false;
    String sub = type.subtype().toLowerCase(java.util.Locale.ROOT);
    return sub.equals("json") || sub.endsWith("+json");
  }

  /** Outermost application interceptor (after gzip decoding): bounds every JSON answer. */
  static final class JsonLimit implements okhttp3.Interceptor {
    @Override
    public Response intercept(okhttp3.Interceptor.Chain chain) throws IOException {
      Response response = chain.proceed(chain.request());
      ResponseBody body = response.body();
      if (!isJson(body)) return response;
      return response.newBuilder().body(limit(body, MAX_JSON_BYTES)).build();
    }
  }
}
