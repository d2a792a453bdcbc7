package io.hf4j.core.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's default TLS (its trust store, an SSL context over it), set up on the first {@code https} connection
 * instead of when the HTTP client is built. OkHttp builds its TLS eagerly (reading {@code cacerts}, a quarter of
 * a second of CPU on a cold JVM), which a client of an {@code http://} endpoint (the emulator, a local mirror)
 * may never use; it still reaches {@code https} hosts (a redirect, a storage URL) with the same verification as
 * OkHttp's own default: the platform trust manager, through an SSL context of the default protocol.
 *
 * <p>{@link Trust#getAcceptedIssuers()} answers nothing until the platform's trust manager is loaded: OkHttp asks
 * for them while building, only for certificate pinning, which hf4j's own client does not configure.
 */
final class LazyTls {
  private final Trust trust = new Trust();
  private final Sockets sockets = new Sockets(trust);

  Trust trustManager() {
    return trust;
  }

  SSLSocketFactory socketFactory() {
    return sockets;
  }

  /** The platform's default X.509 trust manager, loaded on first use. */
  static final class Trust extends X509ExtendedTrustManager {
    private final Lazy<X509ExtendedTrustManager> delegate = Lazy.of(Trust::load);

    /** Whether the platform's trust manager has been loaded (tests). */
    boolean loaded() {
      return delegate.ifBuilt() != null;
    }

    X509ExtendedTrustManager delegate() {
      return delegate.get();
    }

    private static X509ExtendedTrustManager load() {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509ExtendedTrustManager x) return x;
        }
        throw new IllegalStateException("The JDK's default trust manager factory has no X.509 trust manager");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Cannot load the JDK's default trust store: " + e.getMessage(), e);
      }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate().checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate().checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate().checkServerTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509ExtendedTrustManager d = delegate.ifBuilt();
      return d == null ? new X509Certificate[0] : d.getAcceptedIssuers();
    }
  }

  /** Sockets of an SSL context over {@link Trust}, made on first use. */
  private static final class Sockets extends SSLSocketFactory {
    private final Lazy<SSLSocketFactory> delegate;

    Sockets(Trust trust) {
      this.delegate = Lazy.of(() -> {
        try {
          SSLContext context = SSLContext.getInstance("TLS");
          context.init(null, new TrustManager[] {trust.delegate()}, null);
          return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
      });
    }

    private SSLSocketFactory delegate() {
      return delegate.get();
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return delegate().createSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return delegate().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return delegate().createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return delegate().createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return delegate().createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return delegate().createSocket(address, port, localAddress, localPort);
    }
  }
}
