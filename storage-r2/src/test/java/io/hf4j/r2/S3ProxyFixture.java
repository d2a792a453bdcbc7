package io.hf4j.r2;

import io.hf4j.core.HfConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * One real S3 server per test JVM: S3Proxy on loopback over TLS, with a self-signed certificate made
 * by the JDK's keytool at start (SAN ip:127.0.0.1), enforcing SigV4 with {@link #ACCESS_KEY} /
 * {@link #SECRET_KEY}, storing objects as files in a temporary folder (nothing held in the heap).
 * Each test class takes fresh buckets from {@link #newBucket()}.
 */
final class S3ProxyFixture {
  static final String ACCESS_KEY = "AKIDHF4JTEST";
  /** Has {@code /} and {@code +}, as real secrets do. */
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYhf4jTESTKEY";
  static final String STORE_PASSWORD = "hf4j-test";
  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private static volatile S3ProxyFixture instance;

  private final S3Proxy proxy;
  private final Path root;
  private final X509TrustManager trustManager;
  private final SSLContext sslContext;
  private final URI endpoint;
  private final OkHttpClient baseClient;

  private S3ProxyFixture() throws Exception {
    root = Files.createTempDirectory("hf4j-s3proxy");
    Path data = Files.createDirectories(root.resolve("data"));
    Path keyStore = root.resolve("tls.p12");
    generateKeyStore(keyStore);
    trustManager = trustManager(keyStore);
    sslContext = sslContext(trustManager);

    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(data.toString()))
        .awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET_KEY)
        .secureEndpoint(URI.create("https://127.0.0.1:0"))
        .keyStore(keyStore.toString(), STORE_PASSWORD)
        .stopTimeout(0)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      Thread.sleep(5);
    }
    endpoint = URI.create("https://127.0.0.1:" + proxy.getSecurePort());
    baseClient = trusting(new OkHttpClient.Builder()).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.stop();
      } catch (Exception ignored) {
        // the JVM is ending
      }
    }));
  }

  /** A trust manager that trusts exactly the certificates of a PKCS12 key store. */
  static X509TrustManager trustManager(Path keyStore) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  static SSLContext sslContext(X509TrustManager trustManager) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager}, null);
    return context;
  }

  static S3ProxyFixture get() {
    S3ProxyFixture f = instance;
    if (f == null) {
      synchronized (S3ProxyFixture.class) {
        f = instance;
        if (f == null) {
          try {
            f = new S3ProxyFixture();
          } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
          }
          instance = f;
        }
      }
    }
    return f;
  }

  private static void generateKeyStore(Path keyStore) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(List.of(
        keytool.toString(), "-genkeypair", "-alias", "s3proxy", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD))
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("keytool failed: " + out);
  }

  /** An OkHttp builder that trusts the server's self-signed certificate (and nothing else). */
  OkHttpClient.Builder trusting(OkHttpClient.Builder b) {
    return b.sslSocketFactory(sslContext.getSocketFactory(), trustManager);
  }

  URI endpoint() {
    return endpoint;
  }

  /** The PKCS12 key store holding the server's certificate (password {@link #STORE_PASSWORD}). */
  Path keyStore() {
    return root.resolve("tls.p12");
  }

  /** A plain client that trusts the server, with no hf4j interceptors: what a browser or curl would be. */
  OkHttpClient plainClient() {
    return baseClient;
  }

  /** hf4j's stack on the trusting client: 3 retries, no waiting between them. */
  HfConfig hfConfig() {
    return hfConfig(baseClient);
  }

  HfConfig hfConfig(OkHttpClient base) {
    return HfConfig.builder().noToken().httpClient(base).maxRetries(3).jitter(0)
        .initialBackoff(Duration.ofMillis(1)).sleeper(d -> {}).build();
  }

  /** A configuration for a fresh bucket, over TLS. */
  R2Config.Builder config(String bucket) {
    return R2Config.builder()
        .endpoint(endpoint.toString())
        .accessKeyId(ACCESS_KEY)
        .secretAccessKey(SECRET_KEY)
        .bucket(bucket);
  }

  /** Creates an empty bucket with a signed PUT and returns its name. */
  String newBucket() {
    String name = "hf4j-" + BUCKETS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    OkHttpClient signing = baseClient.newBuilder()
        .addInterceptor(new SigningInterceptor(new SigV4Signer(ACCESS_KEY, SECRET_KEY, "auto", "s3", null), Clock.systemUTC()))
        .build();
    Request request = new Request.Builder().url(endpoint + "/" + name).put(RequestBody.create(new byte[0], null))
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    try (Response response = signing.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IllegalStateException("create bucket " + name + ": " + response.code() + " " + response.body().string());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return name;
  }
}
