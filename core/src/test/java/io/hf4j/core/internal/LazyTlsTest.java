package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client of an {@code http://} endpoint sets TLS up only on its first {@code https} connection, and then
 * verifies servers exactly as the JDK's default trust store says (src/test/resources/tls: a self-signed
 * localhost certificate, and a trust store holding it).
 */
class LazyTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir Path home;
  final MockWebServer tlsServer = new MockWebServer();
  HfConfig config;

  @BeforeEach
  void setUp() throws Exception {
    KeyStore keys = load("tls/server.p12");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    SSLContext server = SSLContext.getInstance("TLS");
    server.init(kmf.getKeyManagers(), null, null);
    tlsServer.useHttps(server.getSocketFactory());
    tlsServer.start();
    config = HfConfig.builder().endpoint("http://127.0.0.1:9").hfHome(home).maxRetries(0).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    config.close();
    tlsServer.close();
  }

  private static KeyStore load(String resource) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = LazyTlsTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IOException("missing test resource " + resource);
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  private static LazyTls.Trust lazyTrust(OkHttpClient client) {
    return assertInstanceOf(LazyTls.Trust.class, client.x509TrustManager());
  }

  @Test
  void buildingTheClientOfACleartextEndpointLoadsNoTrustStore() {
    OkHttpClient client = config.httpClient();
    assertFalse(lazyTrust(client).loaded(), "no trust store read while building");
    assertTrue(client.connectionSpecs().stream().anyMatch(okhttp3.ConnectionSpec::isTls), "https stays possible");
  }

  @Test
  void anHttpsServerTheDefaultTrustStoreDoesNotKnowIsRefused() {
    OkHttpClient client = config.httpClient();
    tlsServer.enqueue(new MockResponse.Builder().body("secret").build());
    Request request = new Request.Builder().url(tlsServer.url("/file").newBuilder().host("localhost").build()).build();

    IOException e = assertThrows(IOException.class, () -> client.newCall(request).execute().close());

    assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
    assertTrue(lazyTrust(client).loaded(), "the platform trust manager was consulted");
    assertEquals(0, tlsServer.getRequestCount(), "nothing was sent over the untrusted connection");
  }

  @Test
  void anHttpsServerTheTrustStoreHoldsIsReachedWithVerifiedTls() throws Exception {
    // The JDK's default trust store, as the system properties name it when TLS is first set up.
    Path trust = Path.of(LazyTlsTest.class.getClassLoader().getResource("tls/trust.p12").toURI());
    String oldStore = System.getProperty("javax.net.ssl.trustStore");
    String oldPassword = System.getProperty("javax.net.ssl.trustStorePassword");
    String oldType = System.getProperty("javax.net.ssl.trustStoreType");
    System.setProperty("javax.net.ssl.trustStore", trust.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    try {
      OkHttpClient client = config.httpClient();
      tlsServer.enqueue(new MockResponse.Builder().body("hello over tls").build());
      Request request = new Request.Builder().url(tlsServer.url("/file").newBuilder().host("localhost").build()).build();
      try (Response r = client.newCall(request).execute()) {
        assertEquals(200, r.code());
        assertEquals("hello over tls", r.body().string());
        assertTrue(r.handshake() != null, "a TLS handshake took place");
      }
      // Another configuration gets its own lazy TLS.
      try (HfConfig other = HfConfig.builder().endpoint("http://127.0.0.1:9").hfHome(home).build()) {
        assertNotSame(client.x509TrustManager(), other.httpClient().x509TrustManager());
      }
    } finally {
      restore("javax.net.ssl.trustStore", oldStore);
      restore("javax.net.ssl.trustStorePassword", oldPassword);
      restore("javax.net.ssl.trustStoreType", oldType);
    }
  }

  @Test
  void anHttpsEndpointKeepsOkHttpsOwnTls() {
    try (HfConfig https = HfConfig.builder().endpoint("https://huggingface.co").hfHome(home).build()) {
      assertFalse(https.httpClient().x509TrustManager() instanceof LazyTls.Trust);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) System.clearProperty(key);
    else System.setProperty(key, value);
  }
}
