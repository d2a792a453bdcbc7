package io.hf4j.r2;

import io.hf4j.core.HfConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Uploads one file in a JVM of its own, started by {@link LargeFileMultipartTest} with a heap smaller
 * than the file. Arguments: endpoint, bucket, key store, file, key. Prints the result; exits 0 on success.
 */
public final class LargeUploadMain {
  private LargeUploadMain() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    String bucket = args[1];
    Path keyStore = Path.of(args[2]);
    Path file = Path.of(args[3]);
    String key = args[4];
    long size = Files.size(file);
    long heap = Runtime.getRuntime().maxMemory();
    System.out.println("heap=" + heap + " file=" + size);
    if (heap >= size) throw new IllegalStateException("the heap (" + heap + ") could hold the file (" + size + ")");
    X509TrustManager trust = S3ProxyFixture.trustManager(keyStore);
    OkHttpClient base = new OkHttpClient.Builder()
        .sslSocketFactory(S3ProxyFixture.sslContext(trust).getSocketFactory(), trust).build();
    R2Config config = R2Config.builder().endpoint(endpoint).accessKeyId(S3ProxyFixture.ACCESS_KEY)
        .secretAccessKey(S3ProxyFixture.SECRET_KEY).bucket(bucket).build();
    R2Client r2 = R2Client.create(config, HfConfig.builder().noToken().httpClient(base).build());
    PutObjectResult result = r2.putObject(key, file);
    System.out.println("parts=" + result.partCount() + " etag=" + result.eTag());
    System.exit(0);
  }
}
