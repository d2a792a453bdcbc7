package io.hf4j.examples;

import io.hf4j.r2.R2Config;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * An in-memory S3 server (S3Proxy) standing in for Cloudflare R2: SigV4 authentication enforced with
 * throw-away credentials, one bucket readable anonymously, as an R2 bucket served on {@code r2.dev} or
 * a custom domain is. Its public URL is the bucket's path-style URL.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private final S3Proxy proxy;
  private final R2Config config;

  private EmbeddedS3(S3Proxy proxy, R2Config config) {
    this.proxy = proxy;
    this.config = config;
  }

  /** Starts the server on a free loopback port with {@code bucket} created and public. */
  public static EmbeddedS3 start(String bucket, String folder) {
    HexFormat hex = HexFormat.of();
    SecureRandom random = new SecureRandom();
    byte[] id = new byte[10];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    String accessKeyId = hex.formatHex(id);
    String secretAccessKey = hex.formatHex(secret);

    BlobStore store = new PublicBucket(new TransientNio2BlobStore(), bucket);
    store.createContainer(bucket);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .stopTimeout(0)
        .build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("the embedded S3 server did not start");
        Thread.sleep(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(proxy);
      throw new IllegalStateException("interrupted while starting the embedded S3 server", e);
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new IllegalStateException("cannot start the embedded S3 server: " + e.getMessage(), e);
    }
    String endpoint = "http://127.0.0.1:" + proxy.getPort();
    R2Config config = R2Config.builder()
        .endpoint(endpoint)
        .accessKeyId(accessKeyId)
        .secretAccessKey(secretAccessKey)
        .bucket(bucket)
        .publicUrl(endpoint + "/" + bucket)
        .folder(folder)
        .build();
    return new EmbeddedS3(proxy, config);
  }

  /**
   * Every object of the bucket is readable anonymously (GET and HEAD), as on a bucket served through
   * {@code r2.dev} or a custom domain; R2 has no per-object ACLs.
   */
  private static final class PublicBucket extends ForwardingBlobStore {
    private final String bucket;

    PublicBucket(BlobStore delegate, String bucket) {
      super(delegate);
      this.bucket = bucket;
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String name) {
      return container.equals(bucket) ? ObjectCannedACL.PUBLIC_READ : super.getBlobAccess(container, name);
    }
  }

  /** Settings that reach the bucket (credentials, path-style endpoint, public URL, folder). */
  public R2Config r2Config() {
    return config;
  }

  /** The server's base URL. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  @Override
  public void close() {
    stopQuietly(proxy);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      System.getLogger(EmbeddedS3.class.getName()).log(System.Logger.Level.DEBUG, "stopping S3Proxy failed", e);
    }
  }
}
