package io.hf4j.cli;

import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the JDK's TLS machinery (the trust store, an SSL context) on a background thread while the command
 * line is parsed: building the HTTP client needs it, and it is a quarter of a second of CPU that would otherwise
 * sit between start-up and the first request. The JDK caches what it loads, so this is done once, not twice.
 */
final class TlsWarmUp {
  private TlsWarmUp() {}

  static void start() {
    Thread t = new Thread(() -> {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        SSLContext.getInstance("TLS").init(null, tmf.getTrustManagers(), null);
      } catch (Exception | LinkageError e) {
        // Only a head start: the HTTP client reports any real problem when it builds its own.
      }
    }, "hf4j-tls-warm-up");
    t.setDaemon(true);
    t.start();
  }
}
