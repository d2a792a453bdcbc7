package io.hf4j.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage host's server on the wire: raw sockets, so framing and connection reuse are what is checked. */
class StorageHttpServerTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private StorageHttpServer server;
  /** The remote port of each exchange the handler saw: one port for requests that shared a connection. */
  private final List<Integer> ports = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    pool.shutdownNow();
  }

  private void serve(HttpHandler handler) throws IOException {
    server = StorageHttpServer.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      ports.add(ex.getRemoteAddress().getPort());
      handler.handle(ex);
    });
    server.setExecutor(pool);
    server.start();
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    s.setSoTimeout(20_000);
    return s;
  }

  /** Answers 200 with the body's SHA-256 as ETag and its length as the body. */
  private static void hashBody(HttpExchange ex) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[1 << 19];
    long total = 0;
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
        sha.update(buf, 0, n);
        total += n;
      }
    }
    byte[] answer = Long.toString(total).getBytes(StandardCharsets.US_ASCII);
    ex.getResponseHeaders().set("ETag", "\"" + HexFormat.of().formatHex(sha.digest()) + "\"");
    ex.sendResponseHeaders(200, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void largeBodiesOneAfterAnotherOnOneConnection() throws Exception {
    serve(StorageHttpServerTest::hashBody);
    byte[] first = random(3 * 1024 * 1024 + 17, 1);
    byte[] second = random(200_000, 2);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      for (byte[] body : List.of(first, second)) {
        out.write(("PUT /upload/a?X-Amz-Signature=x HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int at = 0; at < body.length; at += 70_001) {
          out.write(body, at, Math.min(70_001, body.length - at));
        }
        out.flush();
        Reply r = Reply.read(in);
        assertEquals(200, r.status);
        assertEquals("\"" + HexFormat.of().formatHex(sha256().digest(body)) + "\"", r.headers.get("etag"));
        assertEquals(Integer.toString(body.length), r.text());
        assertTrue(r.headers.containsKey("date"), r.headers.toString());
      }
    }
    assertEquals(2, ports.size());
    assertEquals(ports.get(0), ports.get(1), "both requests on one connection");
  }

  @Test
  void headAndBodyArriveInOneWriteWithTheNextRequest() throws Exception {
    serve(StorageHttpServerTest::hashBody);
    byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
    String one = "PUT /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello";
    try (Socket s = connect()) {
      s.getOutputStream().write((one + one).getBytes(StandardCharsets.US_ASCII)); // pipelined
      InputStream in = s.getInputStream();
      for (int i = 0; i < 2; i++) {
        Reply r = Reply.read(in);
        assertEquals(200, r.status);
        assertEquals("\"" + HexFormat.of().formatHex(sha256().digest(body)) + "\"", r.headers.get("etag"));
      }
    }
  }

  @Test
  void chunkedRequestBodyAndChunkedAnswer() throws Exception {
    serve(ex -> {
      byte[] got = ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(201, 0);
      OutputStream o = ex.getResponseBody();
      o.write(got, 0, got.length / 2);
      o.write(got, got.length / 2, got.length - got.length / 2);
      o.close();
      ex.close();
    });
    byte[] body = random(100_000, 3);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(("ea60;ext=1\r\n").getBytes(StandardCharsets.US_ASCII)); // 60000
      out.write(body, 0, 60_000);
      out.write(("\r\n" + Integer.toHexString(body.length - 60_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 60_000, body.length - 60_000);
      out.write("\r\n0\r\nX-Trailer: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Reply r = Reply.read(s.getInputStream());
      assertEquals(201, r.status);
      assertEquals("chunked", r.headers.get("transfer-encoding"));
      assertArrayEquals(body, r.body);
      // the connection is still usable
      out.write("GET /d HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(0, Reply.read(s.getInputStream()).body.length);
    }
    assertEquals(ports.get(0), ports.get(1));
  }

  @Test
  void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
    serve(StorageHttpServerTest::hashBody);
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("PUT /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Reply cont = Reply.read(in);
      assertEquals(100, cont.status);
      out.write("abc".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Reply r = Reply.read(in);
      assertEquals(200, r.status);
      assertEquals("3", r.text());
    }
  }

  @Test
  void headAndNoContentAnswersCarryNoBody() throws Exception {
    serve(ex -> {
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", "42");
        ex.sendResponseHeaders(200, -1);
      } else if (ex.getRequestURI().getPath().equals("/none")) {
        ex.sendResponseHeaders(204, -1);
      } else {
        ex.sendResponseHeaders(200, 2);
        ex.getResponseBody().write(new byte[] {'o', 'k'});
      }
      ex.close();
    });
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nDELETE /none HTTP/1.1\r\nHost: x\r\n\r\nGET /g HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      Reply head = Reply.readHead(in);
      assertEquals(200, head.status);
      assertEquals("42", head.headers.get("content-length"));
      Reply none = Reply.readHead(in);
      assertEquals(204, none.status);
      assertNull(none.headers.get("content-length"));
      Reply get = Reply.read(in);
      assertEquals(200, get.status);
      assertEquals("ok", get.text());
    }
  }

  @Test
  void aHandlerThatThrowsClosesTheConnectionWithoutAnAnswer() throws Exception {
    serve(ex -> {
      ex.getRequestBody().readNBytes(10);
      throw new IOException("injected");
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("PUT /t HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n0123456789"
          .getBytes(StandardCharsets.US_ASCII));
      assertEquals(-1, readOrReset(s.getInputStream()));
    }
  }

  @Test
  void anUnreadBodyIsDrainedWhenSmallAndClosesTheConnectionWhenLarge() throws Exception {
    serve(ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("PUT /s HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[1000]);
      out.write("GET /n HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertEquals(200, Reply.read(in).status);
      assertEquals(200, Reply.read(in).status, "the small unread body was drained and the connection kept");
    }
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      int size = 4 * 1024 * 1024;
      out.write(("PUT /l HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      try {
        out.write(new byte[size]);
      } catch (SocketException closedMeanwhile) {
        // the server may close before the whole body is sent
      }
      assertEquals(200, Reply.read(in).status);
      assertEquals(-1, readOrReset(in), "a large unread body closes the connection");
    }
  }

  @Test
  void connectionCloseAndHttp10AreHonoured() throws Exception {
    serve(ex -> {
      ex.sendResponseHeaders(200, 1);
      ex.getResponseBody().write('x');
      ex.close();
    });
    for (String request : List.of("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "GET / HTTP/1.0\r\n\r\n")) {
      try (Socket s = connect()) {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        Reply r = Reply.read(in);
        assertEquals("x", r.text());
        assertEquals("close", r.headers.get("connection"));
        assertEquals(-1, readOrReset(in));
      }
    }
  }

  @Test
  void aMalformedRequestGets400AndTheConnectionCloses() throws Exception {
    serve(ex -> {
      throw new AssertionError("not routed");
    });
    for (String request : List.of("NONSENSE\r\n\r\n", "PUT /x HTTP/1.1\r\nContent-Length: -4\r\n\r\n",
        "GET /x HTTP/1.1\r\nno colon here\r\n\r\n")) {
      try (Socket s = connect()) {
        s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        assertEquals(400, Reply.read(in).status, request);
        assertEquals(-1, readOrReset(in));
      }
    }
    assertTrue(ports.isEmpty());
  }

  @Test
  void aBodyCutShortFailsTheHandlersRead() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    serve(ex -> {
      try {
        ex.getRequestBody().readAllBytes();
        seen.add("complete");
      } catch (IOException e) {
        seen.add(e.getMessage());
        throw e;
      } finally {
        done.countDown();
      }
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("PUT /c HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly this"
          .getBytes(StandardCharsets.US_ASCII));
      s.shutdownOutput();
      assertEquals(-1, readOrReset(s.getInputStream()));
    }
    done.await();
    assertEquals(List.of("connection closed before all data received"), seen);
  }

  @Test
  void stopClosesIdleConnections() throws Exception {
    serve(ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    try (Socket s = connect()) {
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      assertEquals(200, Reply.read(in).status);
      server.stop(0);
      assertEquals(-1, readOrReset(in));
    }
  }

  private static int readOrReset(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1;
    }
  }

  /** An answer as read off the wire; header names in lower case. */
  private record Reply(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    static Reply readHead(InputStream in) throws IOException {
      String statusLine = line(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String l = line(in); !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
      }
      return new Reply(status, headers, new byte[0]);
    }

    static Reply read(InputStream in) throws IOException {
      Reply head = readHead(in);
      if (head.status == 100) {
        return head;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if ("chunked".equals(head.headers.get("transfer-encoding"))) {
        while (true) {
          int size = Integer.parseInt(line(in), 16);
          if (size == 0) {
            assertEquals("", line(in));
            break;
          }
          body.write(in.readNBytes(size));
          assertEquals("", line(in));
        }
      } else {
        String length = head.headers.get("content-length");
        body.write(in.readNBytes(length == null ? 0 : Integer.parseInt(length)));
      }
      return new Reply(head.status, head.headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("closed in a line: " + sb);
        }
        sb.append((char) c);
      }
      assertTrue(sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r', "CRLF line ends");
      return sb.substring(0, sb.length() - 1);
    }
  }
}
