package io.hf4j.testkit.internal;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import io.hf4j.testkit.spi.Caller;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Request} over a JDK {@link HttpExchange}. */
public final class RequestImpl implements Request {
  private final HttpExchange exchange;
  private final EmulatorContext context;
  private final String requestId;
  private final Caller caller;
  private final Map<String, List<String>> query;
  private final CountingInputStream body;
  private Map<String, String> params = Map.of();

  RequestImpl(HttpExchange exchange, EmulatorContext context, String requestId, Caller caller) {
    this.exchange = exchange;
    this.context = context;
    this.requestId = requestId;
    this.caller = caller;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    this.body = new CountingInputStream(exchange.getRequestBody());
  }

  void params(Map<String, String> params) {
    this.params = params;
  }

  long bytesRead() {
    return body.count;
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  @Override
  public String method() {
    return exchange.getRequestMethod();
  }

  @Override
  public String rawPath() {
    return exchange.getRequestURI().getRawPath();
  }

  @Override
  public URI uri() {
    return exchange.getRequestURI();
  }

  @Override
  public String param(String name) {
    if (!params.containsKey(name)) {
      throw new IllegalArgumentException("route has no parameter " + name);
    }
    return params.get(name);
  }

  /** The raw (still encoded) query string, or null. */
  String rawQuery() {
    return exchange.getRequestURI().getRawQuery();
  }

  @Override
  public String query(String name) {
    List<String> all = queryAll(name);
    return all.isEmpty() ? null : all.get(0);
  }

  @Override
  public List<String> queryAll(String name) {
    List<String> out = new ArrayList<>(query.getOrDefault(name, List.of()));
    out.addAll(query.getOrDefault(name + "[]", List.of()));
    return out;
  }

  @Override
  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  @Override
  public Map<String, List<String>> headers() {
    return redactedHeaders(exchange);
  }

  static Map<String, List<String>> redactedHeaders(HttpExchange exchange) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> {
      boolean secret = k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("Cookie")
          || k.equalsIgnoreCase("Proxy-Authorization");
      out.put(k, secret ? List.of("<redacted>") : List.copyOf(v));
    });
    return Collections.unmodifiableMap(out);
  }

  @Override
  public InputStream body() {
    return body;
  }

  @Override
  public byte[] bodyBytes(long maxBytes) {
    try {
      long declared = declaredLength();
      if (declared > maxBytes) {
        throw new HubError(413, null, "Request body too large (limit " + maxBytes + " bytes)");
      }
      if (declared >= 0) {
        // A declared length (every client's xorb and shard POSTs): one exact array, filled in place.
        byte[] exact = new byte[(int) declared];
        int filled = body.readNBytes(exact, 0, exact.length);
        return filled < exact.length ? java.util.Arrays.copyOf(exact, filled) : exact;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = body.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new HubError(413, null, "Request body too large (limit " + maxBytes + " bytes)");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request's Content-Length when it declares a usable one (not chunked, at most 2 GiB), else -1. */
  private long declaredLength() {
    String v = header("Content-Length");
    if (v == null || header("Transfer-Encoding") != null) {
      return -1;
    }
    try {
      long n = Long.parseLong(v.strip());
      return n >= 0 && n <= Integer.MAX_VALUE - 16 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public Object json() {
    byte[] bytes = bodyBytes(64L * 1024 * 1024);
    if (bytes.length == 0) {
      throw HubError.badRequest("A JSON body is required");
    }
    try {
      return Json.parse(bytes);
    } catch (IllegalArgumentException e) {
      throw HubError.badRequest("Invalid JSON body: " + e.getMessage());
    }
  }

  @Override
  public Map<String, Object> jsonObject() {
    Object v = json();
    if (!(v instanceof Map<?, ?>)) {
      throw HubError.badRequest("The body must be a JSON object");
    }
    return Json.asObject(v, "body");
  }

  @Override
  public @Nullable Caller caller() {
    return caller;
  }

  @Override
  public Caller requireCaller() {
    if (caller == null) {
      throw HubError.unauthorized("Invalid username or password.");
    }
    return caller;
  }

  @Override
  public Caller requireWriter() {
    Caller c = requireCaller();
    if (!c.canWrite()) {
      throw HubError.forbidden("You don't have the rights to perform this action: the token \"" + c.tokenName()
          + "\" has the read role; write access is required.");
    }
    return c;
  }

  @Override
  public EmulatorContext context() {
    return context;
  }

  @Override
  public String requestId() {
    return requestId;
  }

  /** Counts the bytes read from the request body. */
  static final class CountingInputStream extends FilterInputStream implements DirectBody {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public boolean readsDirect() {
      return in instanceof DirectBody d && d.readsDirect();
    }

    @Override
    public int read(java.nio.ByteBuffer dst) throws IOException {
      int n = in instanceof DirectBody d ? d.read(dst) : DirectBody.readThroughArray(in, dst);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
