package io.hf4j.bench;

import io.hf4j.core.HfConfig;
import io.hf4j.r2.PresignedUrl;
import io.hf4j.r2.R2Client;
import io.hf4j.r2.R2Config;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SigV4 signing cost per request: hf4j's R2 client presigning an object URL (canonical request, string
 * to sign, HMAC with the cached signing key), against the least any signer must do: one SHA-256 of a
 * canonical request of the same size and one HMAC-SHA256.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SigV4Bench {
  private R2Client r2;
  private byte[] canonicalRequest;
  private byte[] signingKey;
  private int n;

  @Setup
  public void setUp() throws Exception {
    R2Config config = R2Config.builder()
        .accessKeyId("AKIDEXAMPLE")
        .secretAccessKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        .bucket("bench-bucket")
        .endpoint("https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com")
        .build();
    r2 = R2Client.create(config, HfConfig.builder().noToken().build());
    PresignedUrl sample = r2.presignGetObject("checkpoints/step-001000/model-00001-of-00004.safetensors", Duration.ofHours(1));
    String cr = "GET\n" + sample.url().getRawPath() + "\n" + sample.url().getRawQuery() + "\nhost:" + sample.url().getHost()
        + "\n\nhost\nUNSIGNED-PAYLOAD";
    canonicalRequest = cr.getBytes(StandardCharsets.UTF_8);
    signingKey = MessageDigest.getInstance("SHA-256").digest("key".getBytes(StandardCharsets.UTF_8));
  }

  @Benchmark
  public PresignedUrl hf4jPresign() {
    return r2.presignGetObject("checkpoints/step-001000/model-0000" + (n++ & 7) + "-of-00004.safetensors",
        Duration.ofHours(1));
  }

  @Benchmark
  public String rawSha256PlusHmac() throws Exception {
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
    byte[] sts = ("AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/auto/s3/aws4_request\n" + hash)
        .getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(mac.doFinal(sts));
  }
}
