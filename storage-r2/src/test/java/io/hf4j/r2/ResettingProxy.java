package io.hf4j.r2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of a server, passing TLS through untouched, that can reset
 * connections (RST) once a client has sent a given number of bytes on them: a connection dropped in
 * the middle of a request body, before the server has the whole request.
 */
final class ResettingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger resetsLeft = new AtomicInteger();
  private final AtomicLong resetAfter = new AtomicLong(Long.MAX_VALUE);
  private final AtomicInteger resetsDone = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  ResettingProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "resetting-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Resets the next {@code count} connections that carry more than {@code afterBytes} bytes from the client. */
  void resetConnections(int count, long afterBytes) {
    resetAfter.set(afterBytes);
    resetsLeft.set(count);
  }

  int resetsDone() {
    return resetsDone.get();
  }

  int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        connections.incrementAndGet();
        sockets.add(client);
        sockets.add(upstream);
        start("c2s", () -> pump(client, upstream, true));
        start("s2c", () -> pump(upstream, client, false));
      } catch (IOException e) {
        if (!closed) throw new IllegalStateException(e);
      }
    }
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, "resetting-proxy-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    long sent = 0;
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromClient && sent + n > resetAfter.get() && resetsLeft.getAndUpdate(x -> x > 0 ? x - 1 : 0) > 0) {
          resetsDone.incrementAndGet();
          reset(from);
          reset(to);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
        sent += n;
      }
    } catch (IOException e) {
      // the other side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    for (Socket s : sockets) closeQuietly(s);
  }
}
