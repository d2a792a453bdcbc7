package io.hf4j.testfixtures;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile server for bounded-read tests: answers every request 200 with a body that never ends (until the
 * client hangs up), counting the requests and the body bytes it sent.
 */
public final class EndlessServer implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread thread;
  /** Body bytes written so far, over all requests. */
  public final AtomicLong bodyBytesSent = new AtomicLong();
  /** Requests accepted so far. */
  public final AtomicInteger requests = new AtomicInteger();
  private final String contentType;

  /** Starts serving on a loopback port; every answer has this {@code Content-Type}. */
  public EndlessServer(String contentType) throws IOException {
    this.contentType = contentType;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.thread = new Thread(this::serve, "endless-server");
    thread.setDaemon(true);
    thread.start();
  }

  /** The server's base URL, ending in {@code /}. */
  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        requests.incrementAndGet();
        InputStream in = s.getInputStream();
        // Read the request head.
        int matched = 0;
        while (matched < 4) {
          int b = in.read();
          if (b < 0) break;
          matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nConnection: close\r\n\r\n[")
            .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        while (true) {
          out.write(chunk);
          bodyBytesSent.addAndGet(chunk.length);
        }
      } catch (IOException e) {
        // the client hung up, or the server is closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
