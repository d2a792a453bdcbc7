package io.hf4j.hub;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain (non-TLS) sockets whose output is buffered in 64 KiB blocks. OkHttp hands the socket one 8 KiB
 * segment at a time, one system call each; for multi-gigabyte uploads over plain HTTP (a local emulator,
 * a proxy on the same host) coalescing them roughly doubles throughput. OkHttp flushes the sink after
 * each request, so nothing waits in the buffer. Used only for {@code http://} URLs and only when the
 * configured client has the default socket factory.
 */
final class BufferedSocketFactory extends SocketFactory {
  private static final int BUFFER = 64 * 1024;

  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket s = new BufferedSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    Socket s = new BufferedSocket();
    s.bind(new InetSocketAddress(localHost, localPort));
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = new BufferedSocket();
    s.connect(new InetSocketAddress(host, port));
    return s;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
    Socket s = new BufferedSocket();
    s.bind(new InetSocketAddress(localAddress, localPort));
    s.connect(new InetSocketAddress(address, port));
    return s;
  }

  private static final class BufferedSocket extends Socket {
    private OutputStream out;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) out = new BufferedOutputStream(super.getOutputStream(), BUFFER);
      return out;
    }

    @Override
    public void shutdownOutput() throws IOException {
      OutputStream o;
      synchronized (this) {
        o = out;
      }
      if (o != null) o.flush();
      super.shutdownOutput();
    }
  }
}
