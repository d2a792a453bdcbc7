package io.hf4j.jobs;

import io.hf4j.core.HfException;
import io.hf4j.core.Nullable;
import io.hf4j.core.internal.HfHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.function.IntPredicate;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * One server-sent-events connection read synchronously with okhttp-sse's parser ({@link
 * EventSources#processResponse}), reporting how it ended. Cancellable from another thread.
 */
final class SseConnection {
  /** How a connection ended. */
  enum End {
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
  interface Handler {
    void onEvent(@Nullable String type, String data);
  }

  record Result(End end, @Nullable IOException error, int status) {}

  private final Object lock = new Object();
  private @Nullable Call call;
  private boolean canceled;

  /** Cancels the connection in progress, and any later one. */
  void cancel() {
    Call c;
    synchronized (lock) {
      canceled = true;
      c = call;
    }
    if (c != null) c.cancel();
  }

  /** Cancels the connection in progress only; later reads proceed. */
  void interrupt() {
    Call c;
    synchronized (lock) {
      c = call;
    }
    if (c != null) c.cancel();
  }

  boolean isCanceled() {
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
  Result read(HfHttp http, OkHttpClient client, Request request, Handler handler, IntPredicate tolerated) {
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
      EventSources.processResponse(response, listener);
      if (listener.handlerFailure != null) throw listener.handlerFailure;
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
