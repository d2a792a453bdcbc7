package io.hf4j.testkit.internal;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The storage host's HTTP/1.1 server: the JDK server's exchange API ({@link HttpServer}, {@link HttpExchange}), so the
 * emulator's listener serves it unchanged, with request bodies read from the socket in reads as large as the caller
 * asks for. The JDK server reads a body 8 KiB per system call through a heap buffer of its own (two copies per byte):
 * for a 64 MiB upload that is 8 192 reads, most of the emulator's CPU on the LFS path. Here a body read goes straight
 * from the socket into the caller's array.
 *
 * <p>What the listener and the clients rely on, as the JDK server does it: persistent connections (a request's unread
 * body is drained up to 64 KiB, else the connection is closed), {@code Content-Length} and chunked request bodies,
 * {@code Expect: 100-continue} answered before the handler runs, fixed-length and chunked ({@code length 0}) answers
 * with {@code Date} and {@code Content-length} headers, no body for HEAD, 204 and 304, and a connection closed without
 * an answer when the handler throws (how the emulator injects resets).
 */
final class StorageHttpServer extends HttpServer {
  /** Request line and headers, at most. */
  private static final int MAX_HEAD = 64 * 1024;
  /** What {@link Exchange#close()} reads of an unread body to keep the connection; more closes it (the JDK's default). */
  private static final long DRAIN = 64 * 1024;
  private static final int OUT_BUFFER = 64 * 1024;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US).withZone(ZoneOffset.UTC);
  private static final byte[] CRLF = {'\r', '\n'};

  private final ServerSocketChannel server;
  private final InetSocketAddress address;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile Executor executor = Runnable::run;
  private volatile @Nullable Context context;
  private volatile boolean stopped;
  private @Nullable Thread acceptor;

  private StorageHttpServer(ServerSocketChannel server) throws IOException {
    this.server = server;
    this.address = (InetSocketAddress) server.getLocalAddress();
  }

  /** Binds {@code address} (port 0: a free port), as {@link HttpServer#create(InetSocketAddress, int)} does. */
  static StorageHttpServer open(InetSocketAddress address, int backlog) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(address, backlog);
      return new StorageHttpServer(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public void bind(InetSocketAddress addr, int backlog) {
    throw new UnsupportedOperationException("bound by create");
  }

  @Override
  public synchronized void start() {
    if (acceptor != null) {
      throw new IllegalStateException("already started");
    }
    acceptor = new Thread(this::accept, "hf4j-emulator-storage-" + address.getPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!stopped) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        return; // closed by stop
      }
      open.add(ch);
      if (stopped) {
        closeQuietly(ch);
        return;
      }
      try {
        executor.execute(() -> serve(ch));
      } catch (RuntimeException e) {
        closeQuietly(ch); // the executor is shut down
      }
    }
  }

  @Override
  public void setExecutor(@Nullable Executor executor) {
    this.executor = executor == null ? Runnable::run : executor;
  }

  @Override
  public Executor getExecutor() {
    return executor;
  }

  @Override
  public void stop(int delay) {
    stopped = true;
    closeQuietly(server);
    for (SocketChannel ch : open) {
      closeQuietly(ch);
    }
    Thread t;
    synchronized (this) {
      t = acceptor;
    }
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized HttpContext createContext(String path, HttpHandler handler) {
    if (context != null) {
      throw new IllegalArgumentException("the storage server has one context");
    }
    context = new Context(path, handler);
    return context;
  }

  @Override
  public HttpContext createContext(String path) {
    return createContext(path, ex -> {
      throw new IOException("no handler");
    });
  }

  @Override
  public synchronized void removeContext(String path) {
    if (context == null || !context.path.equals(path)) {
      throw new IllegalArgumentException("no context " + path);
    }
    context = null;
  }

  @Override
  public void removeContext(HttpContext context) {
    removeContext(context.getPath());
  }

  @Override
  public InetSocketAddress getAddress() {
    return address;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  /** One connection: requests one after another until either side closes or a request cannot be followed. */
  private void serve(SocketChannel ch) {
    try {
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Connection conn = new Connection(ch);
      while (!stopped) {
        Exchange ex = conn.next();
        if (ex == null) {
          break;
        }
        Context ctx = context;
        try {
          if (ctx == null) {
            throw new IOException("no context");
          }
          ctx.handler.handle(ex);
          ex.close();
        } catch (IOException | RuntimeException e) {
          break; // no clean answer: the connection is closed (a reset when unread bytes are left)
        }
        if (!ex.reusable()) {
          break;
        }
      }
    } catch (IOException e) {
      // the peer went away, or the request was malformed (answered where possible)
    } finally {
      open.remove(ch);
      closeQuietly(ch);
    }
  }

  /** The socket and what has been read from it beyond the current position. */
  private final class Connection {
    final SocketChannel ch;
    /** Read but not consumed: the head of a request and whatever followed it in the same read. */
    final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
    final ByteBuffer out = ByteBuffer.allocate(OUT_BUFFER);

    Connection(SocketChannel ch) {
      this.ch = ch;
      in.flip();
    }

    /** The next request, or null when the peer closed the connection between requests. */
    Exchange next() throws IOException {
      int end = headEnd();
      while (end < 0) {
        if (in.limit() == in.capacity() && in.position() == 0) {
          answerAndClose(431, "Request Header Fields Too Large");
          return null;
        }
        if (fill() < 0) {
          if (in.hasRemaining()) {
            throw new IOException("connection closed in a request head");
          }
          return null;
        }
        end = headEnd();
      }
      String head = new String(in.array(), in.position(), end - in.position(), StandardCharsets.ISO_8859_1);
      in.position(end + 4);
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        answerAndClose(400, "Bad Request");
        return null;
      }
      URI uri;
      try {
        uri = new URI(requestLine[1]);
      } catch (URISyntaxException e) {
        answerAndClose(400, "Bad Request");
        return null;
      }
      Headers headers = new Headers();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          answerAndClose(400, "Bad Request");
          return null;
        }
        headers.add(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
      }
      boolean http10 = requestLine[2].equals("HTTP/1.0");
      String connection = headers.getFirst("Connection");
      boolean close = http10 ? !"keep-alive".equalsIgnoreCase(connection) : "close".equalsIgnoreCase(connection);
      String te = headers.getFirst("Transfer-Encoding");
      String cl = headers.getFirst("Content-Length");
      Body body;
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = new ChunkedBody(this);
      } else {
        long length = 0;
        if (cl != null) {
          try {
            length = Long.parseLong(cl.strip());
          } catch (NumberFormatException e) {
            length = -1;
          }
          if (length < 0) {
            answerAndClose(400, "Bad Request");
            return null;
          }
        }
        body = new FixedBody(this, length);
      }
      if ("100-continue".equalsIgnoreCase(headers.getFirst("Expect"))) {
        write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        flush();
      }
      return new Exchange(this, requestLine[0], uri, requestLine[2], headers, body, close);
    }

    /** The index of the blank line's first CR in {@link #in}, or -1. */
    private int headEnd() {
      byte[] a = in.array();
      for (int i = in.position(), last = in.limit() - 3; i < last; i++) {
        if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
          return i;
        }
      }
      return -1;
    }

    /** Reads more into {@link #in}, keeping what is unread; -1 at the end of the stream. */
    int fill() throws IOException {
      in.compact();
      try {
        return ch.read(in);
      } finally {
        in.flip();
      }
    }

    /** At most {@code len} body bytes: what is buffered first, else one read from the socket into {@code b}. */
    int read(byte[] b, int off, int len) throws IOException {
      if (in.hasRemaining()) {
        int n = Math.min(len, in.remaining());
        in.get(b, off, n);
        return n;
      }
      return ch.read(ByteBuffer.wrap(b, off, len));
    }

    /** One byte of a chunked body's framing, -1 at the end of the stream. */
    int readByte() throws IOException {
      if (!in.hasRemaining() && fill() < 0) {
        return -1;
      }
      return in.get() & 0xff;
    }

    void write(byte[] b) throws IOException {
      write(b, 0, b.length);
    }

    /** Small writes are gathered in {@link #out}; large ones go to the socket from the caller's array. */
    void write(byte[] b, int off, int len) throws IOException {
      if (len > out.remaining() || (len >= out.capacity() / 2 && out.position() == 0)) {
        flush();
        if (len >= out.capacity() / 2) {
          ByteBuffer whole = ByteBuffer.wrap(b, off, len);
          while (whole.hasRemaining()) {
            ch.write(whole);
          }
          return;
        }
      }
      out.put(b, off, len);
    }

    void flush() throws IOException {
      out.flip();
      try {
        while (out.hasRemaining()) {
          ch.write(out);
        }
      } finally {
        out.clear();
      }
    }

    private void answerAndClose(int status, String reason) throws IOException {
      write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-length: 0\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      flush();
    }
  }

  /** A request body; {@link #atEnd()} tells whether the connection can carry the next request. */
  private abstract static class Body extends InputStream implements DirectBody {
    abstract boolean atEnd();

    @Override
    public boolean readsDirect() {
      return false;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return DirectBody.readThroughArray(this, dst);
    }

    /** Reads and drops up to {@code max} bytes of what is left; whether the body then ended. */
    boolean drain(long max) throws IOException {
      byte[] skip = new byte[8192];
      long left = max;
      while (!atEnd() && left > 0) {
        int n = read(skip, 0, (int) Math.min(skip.length, left));
        if (n < 0) {
          return false;
        }
        left -= n;
      }
      return atEnd();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n;
      do {
        n = read(one, 0, 1);
      } while (n == 0);
      return n < 0 ? -1 : one[0] & 0xff;
    }
  }

  private static final class FixedBody extends Body {
    private final Connection conn;
    private long remaining;

    FixedBody(Connection conn, long length) {
      this.conn = conn;
      this.remaining = length;
    }

    @Override
    boolean atEnd() {
      return remaining == 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (remaining == 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = conn.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new IOException("connection closed before all data received");
      }
      remaining -= n;
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(remaining, conn.in.remaining());
    }

    @Override
    public boolean readsDirect() {
      return true;
    }

    /** What is buffered first, else one read from the socket into {@code dst}. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (remaining == 0) {
        return -1;
      }
      if (!dst.hasRemaining()) {
        return 0;
      }
      int want = (int) Math.min(dst.remaining(), remaining);
      int n;
      if (conn.in.hasRemaining()) {
        n = Math.min(want, conn.in.remaining());
        dst.put(conn.in.array(), conn.in.position(), n);
        conn.in.position(conn.in.position() + n);
      } else {
        int limit = dst.limit();
        dst.limit(dst.position() + want);
        try {
          n = conn.ch.read(dst);
        } finally {
          dst.limit(limit);
        }
      }
      if (n < 0) {
        throw new IOException("connection closed before all data received");
      }
      remaining -= n;
      return n;
    }
  }

  /** {@code Transfer-Encoding: chunked}: sizes in hex, extensions and trailers ignored. */
  private static final class ChunkedBody extends Body {
    private final Connection conn;
    private long chunkLeft;
    private boolean done;

    ChunkedBody(Connection conn) {
      this.conn = conn;
    }

    @Override
    boolean atEnd() {
      return done;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      if (chunkLeft == 0) {
        String size = line();
        int semi = size.indexOf(';');
        try {
          chunkLeft = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size '" + size + "'");
        }
        if (chunkLeft < 0) {
          throw new IOException("bad chunk size '" + size + "'");
        }
        if (chunkLeft == 0) {
          while (!line().isEmpty()) {
            // trailers
          }
          done = true;
          return -1;
        }
      }
      int n = conn.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new IOException("connection closed in a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0 && !line().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
      return n;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int c = conn.readByte();
        if (c < 0) {
          throw new IOException("connection closed in a chunked body");
        }
        if (c == '\n') {
          int len = sb.length();
          return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
        }
        if (sb.length() > 8192) {
          throw new IOException("chunk framing line too long");
        }
        sb.append((char) c);
      }
    }
  }

  /** The answer's body: fixed length, chunked, or none. */
  private static final class ResponseBody extends OutputStream {
    private final Connection conn;
    private final boolean chunked;
    /** Bytes the fixed-length body still expects; -1 when chunked. */
    private long remaining;
    private boolean closed;

    ResponseBody(Connection conn, boolean chunked, long length) {
      this.conn = conn;
      this.chunked = chunked;
      this.remaining = chunked ? -1 : length;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (closed) {
        throw new IOException("stream is closed");
      }
      if (len == 0) {
        return;
      }
      if (chunked) {
        conn.write(Integer.toHexString(len).getBytes(StandardCharsets.ISO_8859_1));
        conn.write(CRLF);
        conn.write(b, off, len);
        conn.write(CRLF);
        return;
      }
      if (len > remaining) {
        throw new IOException("too many bytes to write to stream");
      }
      conn.write(b, off, len);
      remaining -= len;
    }

    @Override
    public void flush() throws IOException {
      conn.flush();
    }

    /** Ends the body (the last chunk, or a check that every promised byte was written) and sends it. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (chunked) {
        conn.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      }
      conn.flush();
      if (!chunked && remaining > 0) {
        throw new IOException("insufficient bytes written to stream");
      }
    }

    boolean complete() {
      return closed && (chunked || remaining == 0);
    }
  }

  private final class Exchange extends HttpExchange {
    private final Connection conn;
    private final String method;
    private final URI uri;
    private final String protocol;
    private final Headers requestHeaders;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private final Body body;
    private final boolean closeAfter;
    private InputStream requestStream;
    private OutputStream responseStream;
    private @Nullable ResponseBody response;
    private int code = -1;
    private boolean closed;
    private boolean reusable;

    Exchange(Connection conn, String method, URI uri, String protocol, Headers requestHeaders, Body body,
        boolean closeAfter) {
      this.conn = conn;
      this.method = method;
      this.uri = uri;
      this.protocol = protocol;
      this.requestHeaders = requestHeaders;
      this.body = body;
      this.closeAfter = closeAfter;
      this.requestStream = body;
      this.responseStream = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          if (response == null) {
            throw new IOException("response headers not sent yet");
          }
          response.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
          if (response != null) {
            response.flush();
          }
        }

        @Override
        public void close() throws IOException {
          if (response != null) {
            response.close();
          }
        }
      };
    }

    boolean reusable() {
      return reusable;
    }

    @Override
    public Headers getRequestHeaders() {
      return requestHeaders;
    }

    @Override
    public Headers getResponseHeaders() {
      return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
      return uri;
    }

    @Override
    public String getRequestMethod() {
      return method;
    }

    @Override
    public @Nullable HttpContext getHttpContext() {
      return context;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (response == null) {
          return; // no answer was started: the connection cannot carry another request
        }
        response.close();
        reusable = !closeAfter && response.complete() && body.drain(DRAIN);
      } catch (IOException e) {
        reusable = false;
      }
    }

    @Override
    public InputStream getRequestBody() {
      return requestStream;
    }

    @Override
    public OutputStream getResponseBody() {
      return responseStream;
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
      if (response != null) {
        throw new IOException("headers already sent");
      }
      code = rCode;
      long length = responseLength;
      boolean noLengthHeader = false;
      if ((rCode >= 100 && rCode < 200) || rCode == 204 || rCode == 304) {
        length = -1;
        noLengthHeader = rCode != 304;
      }
      boolean chunked = false;
      if (method.equals("HEAD") || rCode == 304) {
        length = 0; // the handler sets the headers itself
      } else if (length == 0) {
        chunked = true;
        responseHeaders.set("Transfer-encoding", "chunked");
      } else {
        if (length == -1) {
          length = 0;
        }
        if (!noLengthHeader) {
          responseHeaders.set("Content-length", Long.toString(length));
        }
      }
      if (closeAfter) {
        responseHeaders.set("Connection", "close");
      }
      responseHeaders.set("Date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
      StringBuilder sb = new StringBuilder(256).append("HTTP/1.1 ").append(rCode).append(' ').append(reason(rCode))
          .append("\r\n");
      for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
        for (String v : e.getValue()) {
          sb.append(e.getKey()).append(": ").append(v).append("\r\n");
        }
      }
      sb.append("\r\n");
      conn.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      response = new ResponseBody(conn, chunked, length);
      if (!chunked && length == 0) {
        response.close();
      }
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
      try {
        return (InetSocketAddress) conn.ch.getRemoteAddress();
      } catch (IOException e) {
        return new InetSocketAddress(0);
      }
    }

    @Override
    public int getResponseCode() {
      return code;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return address;
    }

    @Override
    public String getProtocol() {
      return protocol;
    }

    @Override
    public Object getAttribute(String name) {
      return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
      attributes.put(name, value);
    }

    @Override
    public void setStreams(@Nullable InputStream i, @Nullable OutputStream o) {
      if (i != null) {
        requestStream = i;
      }
      if (o != null) {
        responseStream = o;
      }
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
      return null;
    }
  }

  private static String reason(int code) {
    return switch (code) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 411 -> "Length Required";
      case 412 -> "Precondition Failed";
      case 413 -> "Request Entity Too Large";
      case 416 -> "Requested Range Not Satisfiable";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "";
    };
  }

  private final class Context extends HttpContext {
    private final String path;
    private HttpHandler handler;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final List<Filter> filters = new ArrayList<>();
    private @Nullable Authenticator authenticator;

    Context(String path, HttpHandler handler) {
      this.path = path;
      this.handler = handler;
    }

    @Override
    public HttpHandler getHandler() {
      return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
      this.handler = handler;
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public HttpServer getServer() {
      return StorageHttpServer.this;
    }

    @Override
    public Map<String, Object> getAttributes() {
      return attributes;
    }

    @Override
    public List<Filter> getFilters() {
      return filters;
    }

    @Override
    public @Nullable Authenticator setAuthenticator(@Nullable Authenticator auth) {
      Authenticator old = authenticator;
      authenticator = auth;
      return old;
    }

    @Override
    public @Nullable Authenticator getAuthenticator() {
      return authenticator;
    }
  }
}
