package io.hf4j.r2;

import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A network interceptor that lets each request reach the server and then, as scripted, replaces the
 * answer with a 5xx or drops the connection: the client sees a failure although the server did the
 * work, the case that tests whether a retry is really safe.
 */
final class FaultInjector implements Interceptor {
  enum Fault { NONE, STATUS_400, STATUS_500, STATUS_503, RESET }

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  volatile BiFunction<String, Integer, Fault> script = (op, n) -> Fault.NONE;

  static String operation(Request r) {
    HttpUrl url = r.url();
    String m = r.method();
    if (m.equals("POST") && url.queryParameter("uploads") != null) return "create";
    if (m.equals("PUT") && url.queryParameter("partNumber") != null) return "part" + url.queryParameter("partNumber");
    if (m.equals("POST") && url.queryParameter("uploadId") != null) return "complete";
    if (m.equals("DELETE") && url.queryParameter("uploadId") != null) return "abort";
    if (m.equals("GET") && url.queryParameter("uploads") != null) return "list-uploads";
    if (m.equals("PUT")) return "put";
    return m.toLowerCase(Locale.ROOT);
  }

  int count(String op) {
    AtomicInteger c = counts.get(op);
    return c == null ? 0 : c.get();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String op = operation(request);
    int n = counts.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    Fault fault = script.apply(op, n);
    log.add(op + "#" + n + (fault == Fault.NONE ? "" : " " + fault));
    Response response = chain.proceed(request);
    switch (fault) {
      case NONE:
        return response;
      case RESET:
        response.close();
        throw new SocketException("Connection reset (injected after the server answered " + response.code() + ")");
      default:
        response.close();
        int code = fault == Fault.STATUS_400 ? 400 : fault == Fault.STATUS_500 ? 500 : 503;
        return response.newBuilder().code(code).message("injected").headers(Headers.of("x-amz-request-id", "injected-" + n))
            .body(ResponseBody.create("<Error><Code>" + (code == 400 ? "InvalidArgument" : "InternalError")
                + "</Code><Message>injected</Message></Error>", null))
            .build();
    }
  }
}
