package io.hf4j.core.internal;

import io.hf4j.core.HfException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.StreamLimitException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.function.IntPredicate;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * One server-sent-events connection read synchronously with okhttp-sse's parser ({@link
 * EventSources#processResponse}), reporting how it ended. Cancellable from another thread. A line longer
 * than the bound (a {@code data:} line without a newline) ends the read with a {@link StreamLimitException}
 * instead of filling the heap. Internal: shared by the Jobs and Spaces log followers.
 */
public final class SseConnection {
  /** The longest line read by default: 1 MiB. */
  public static final long DEFAULT_MAX_LINE_BYTES = 1L << 20;
  /** How a connection ended. */
  public enum End {
    /** The server ended the stream normally. */
    CLOSED,
    /** Nothing arrived for the read timeout. */
    TIMEOUT,
    /** The transport failed (reset, truncated chunk, refused connection). */
    FAILED,
    /** {@link #cancel()} was called. */
    CANCELED,
    /** The server answered with a status the caller tolerates instead of a stream. */
    REFUSED
  }

  /** Receives each event's type (null when none) and data; may throw to abort the read. */
  public interface Handler {
    /** One event. */
    void onEvent(@Nullable String type, String data);
  }

  /** How the read ended, the transport error if any and the HTTP status (0 when none). */
  public record Result(End end, @Nullable IOException error, int status) {}

  private final Object lock = new Object();
  private @Nullable Call call;
  private boolean canceled;
  private final long maxLineBytes;

  /** A connection with the {@link #DEFAULT_MAX_LINE_BYTES} line bound. */
  public SseConnection() {
    this(DEFAULT_MAX_LINE_BYTES);
  }

  /** A connection reading lines of at most {@code maxLineBytes} bytes. */
  public SseConnection(long maxLineBytes) {
    if (maxLineBytes <= 0) throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
    this.maxLineBytes = maxLineBytes;
  }

  /** Cancels the connection in progress, and any later one. */
  public void cancel() {
    Call c;
    synchronized (lock) {
      canceled = true;
      c = call;
    }
    if (c != null) c.cancel();
  }

  /** Cancels the connection in progress only; later reads proceed. */
  public void interrupt() {
    Call c;
    synchronized (lock) {
      c = call;
    }
    if (c != null) c.cancel();
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCanceled() {
    synchronized (lock) {
      return canceled;
    }
  }

  /**
   * Opens {@code request} and feeds its events to {@code handler} until the stream ends.
   *
   * @param tolerated statuses answered with {@link End#REFUSED} instead of the typed exception
   * @throws io.hf4j.core.HfHttpException for any other error status
   * @throws RuntimeException whatever the handler threw
   */
  public Result read(HfHttp http, OkHttpClient client, Request request, Handler handler, IntPredicate tolerated) {
    Call c = client.newCall(request);
    synchronized (lock) {
      if (canceled) return new Result(End.CANCELED, null, 0);
      call = c;
    }
    try {
      Response response;
      try {
        response = c.execute();
      } catch (IOException e) {
        return failure(c, e, 0);
      }
      int status = response.code();
      if (status >= 400) {
        if (tolerated.test(status)) {
          response.close();
          return new Result(End.REFUSED, null, status);
        }
        http.raise(response);
      }
      Listener listener = new Listener(handler);
      EventSources.processResponse(bounded(response), listener);
      if (listener.handlerFailure != null) throw listener.handlerFailure;
      if (listener.failure instanceof LineTooLong tooLong) {
        throw new StreamLimitException("The server sent a line longer than " + maxLineBytes + " bytes in the event stream of "
            + request.method() + " " + request.url().encodedPath() + "; stopped reading it", tooLong);
      }
      if (listener.closed) return new Result(End.CLOSED, null, status);
      if (listener.contentTypeProblem != null) {
        throw new HfException("Expected a text/event-stream from " + request.method() + " " + request.url().encodedPath()
            + " but got " + listener.contentTypeProblem);
      }
      IOException error = listener.failure instanceof IOException io ? io
          : new IOException(listener.failure == null ? "stream failed" : listener.failure.toString(), listener.failure);
      return failure(c, error, status);
    } finally {
      synchronized (lock) {
        if (call == c) call = null;
      }
    }
  }

  /** The response with a body that fails once a line grows past {@link #maxLineBytes}. */
  private Response bounded(Response response) {
    ResponseBody body = response.body();
    Source limited = new ForwardingSource(body.source()) {
      private long sinceNewline;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long before = sink.size();
        long n = super.read(sink, byteCount);
        if (n <= 0) return n;
        long end = before + n;
        long from = before;
        while (from < end) {
          long nl = indexOfNewline(sink, from, end);
          long segment = (nl < 0 ? end : nl) - from;
          if (sinceNewline + segment > maxLineBytes) throw new LineTooLong(maxLineBytes);
          if (nl < 0) {
            sinceNewline += segment;
            break;
          }
          sinceNewline = 0;
          from = nl + 1;
        }
        return n;
      }
    };
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(limited), body.contentType(), body.contentLength()))
        .build();
  }

  private static long indexOfNewline(Buffer b, long from, long to) {
    long lf = b.indexOf((byte) '\n', from, to);
    long cr = b.indexOf((byte) '\r', from, lf < 0 ? to : lf);
    return cr >= 0 ? cr : lf;
  }

  /** Raised inside the body source when a line is too long. */
  private static final class LineTooLong extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLong(long max) {
      super("event-stream line longer than " + max + " bytes");
    }
  }

  private static Result failure(Call c, IOException e, int status) {
    if (c.isCanceled()) return new Result(End.CANCELED, e, status);
    if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return new Result(End.TIMEOUT, e, status);
    }
    return new Result(End.FAILED, e, status);
  }

  private static final class Listener extends EventSourceListener {
    private final Handler handler;
    boolean closed;
    @Nullable Throwable failure;
    @Nullable RuntimeException handlerFailure;
    @Nullable String contentTypeProblem;

    Listener(Handler handler) {
      this.handler = handler;
    }

    @Override
    public void onEvent(EventSource eventSource, @Nullable String id, @Nullable String type, String data) {
      if (handlerFailure != null) return;
      try {
        handler.onEvent(type, data);
      } catch (RuntimeException e) {
        handlerFailure = e;
        eventSource.cancel();
      }
    }

    @Override
    public void onClosed(EventSource eventSource) {
      closed = true;
    }

    @Override
    public void onFailure(EventSource eventSource, @Nullable Throwable t, @Nullable Response response) {
      if (t instanceof IllegalStateException && response != null) {
        contentTypeProblem = String.valueOf(response.header("Content-Type"));
        return;
      }
      failure = t;
    }
  }
}
