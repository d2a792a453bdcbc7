package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}), header and query (presigned) forms, with S3's
 * rules: the path is encoded once and never normalized. Works on a request already reduced to its
 * method, decoded path, decoded query parameters and the headers to sign; it knows nothing of HTTP
 * clients, so the published test vectors can drive it directly.
 */
final class SigV4Signer {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final Duration MIN_EXPIRY = Duration.ofSeconds(1);
  static final Duration MAX_EXPIRY = Duration.ofDays(7);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKeyId;
  private final byte[] kSecret;
  private final String region;
  private final String service;
  private final @Nullable String sessionToken;
  private final AtomicReference<CachedKey> cachedKey = new AtomicReference<>();

  /** A header to sign: the name in any case, the value as sent. */
  record Header(String name, String value) {}

  /** A request as SigV4 sees it. {@code path} is decoded; it is encoded exactly once here. */
  record Signable(String method, String path, List<S3Encoding.Param> query, List<Header> headers) {
    Signable {
      query = List.copyOf(query);
      headers = List.copyOf(headers);
    }
  }

  /** Every intermediate value, so tests can compare each with the published one. */
  record Signature(
      String canonicalRequest, String stringToSign, String signature, String signedHeaders, String credentialScope,
      String amzDate) {}

  /** The header form: the headers to add to the request, {@code Authorization} last. */
  record HeaderSigned(Signature signature, List<Header> headersToAdd, String authorization) {}

  /** The query form: the full encoded query string to send, {@code X-Amz-Signature} included. */
  record QuerySigned(Signature signature, String encodedQuery) {}

  private record CachedKey(String date, byte[] key) {}

  SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service, @Nullable String sessionToken) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId == null");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
    this.kSecret = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
    this.region = Objects.requireNonNull(region, "region == null");
    this.service = Objects.requireNonNull(service, "service == null");
    this.sessionToken = sessionToken;
  }

  String accessKeyId() {
    return accessKeyId;
  }

  /**
   * Signs in the {@code Authorization} header form. Adds {@code X-Amz-Date}, the session token if any
   * and, when {@code contentSha256Header} is set (always for S3), {@code x-amz-content-sha256}.
   *
   * @param payloadHash the hex SHA-256 of the body, or {@link #UNSIGNED_PAYLOAD}
   */
  HeaderSigned signHeaders(Signable request, Instant now, String payloadHash, boolean contentSha256Header) {
    String amzDate = AMZ_DATE.format(now);
    List<Header> added = new ArrayList<>();
    added.add(new Header("X-Amz-Date", amzDate));
    if (contentSha256Header) added.add(new Header("x-amz-content-sha256", payloadHash));
    if (sessionToken != null) added.add(new Header("X-Amz-Security-Token", sessionToken));
    List<Header> all = new ArrayList<>(request.headers());
    all.addAll(added);
    Map<String, String> canonicalHeaders = canonicalHeaders(all);
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String canonicalQuery = S3Encoding.canonicalQuery(request.query());
    Signature sig = sign(request, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash, amzDate);
    String authorization = ALGORITHM + " Credential=" + accessKeyId + "/" + sig.credentialScope()
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + sig.signature();
    return new HeaderSigned(sig, List.copyOf(added), authorization);
  }

  /**
   * Signs in the query (presigned URL) form; {@code request.headers()} are the headers the user of the
   * URL must send ({@code host} at least).
   *
   * @throws HfValidationException if {@code expiresIn} is outside 1 second to 7 days
   */
  QuerySigned presign(Signable request, Instant now, Duration expiresIn, String payloadHash) {
    checkExpiry(expiresIn);
    String amzDate = AMZ_DATE.format(now);
    Map<String, String> canonicalHeaders = canonicalHeaders(request.headers());
    String signedHeaders = String.join(";", canonicalHeaders.keySet());
    String scope = amzDate.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";
    List<S3Encoding.Param> query = new ArrayList<>(request.query());
    query.add(new S3Encoding.Param("X-Amz-Algorithm", ALGORITHM));
    query.add(new S3Encoding.Param("X-Amz-Credential", accessKeyId + "/" + scope));
    query.add(new S3Encoding.Param("X-Amz-Date", amzDate));
    query.add(new S3Encoding.Param("X-Amz-Expires", Long.toString(expiresIn.getSeconds())));
    if (sessionToken != null) query.add(new S3Encoding.Param("X-Amz-Security-Token", sessionToken));
    query.add(new S3Encoding.Param("X-Amz-SignedHeaders", signedHeaders));
    String canonicalQuery = S3Encoding.canonicalQuery(query);
    Signature sig = sign(request, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash, amzDate);
    return new QuerySigned(sig, canonicalQuery + "&X-Amz-Signature=" + sig.signature());
  }

  static void checkExpiry(Duration expiresIn) {
    Objects.requireNonNull(expiresIn, "expiresIn == null");
    if (expiresIn.compareTo(MIN_EXPIRY) < 0 || expiresIn.compareTo(MAX_EXPIRY) > 0 || expiresIn.getNano() != 0) {
      throw new HfValidationException(
          "A presigned URL must expire after a whole number of seconds from 1 second to 7 days (604800 s) but"
              + " the expiry was " + expiresIn);
    }
  }

  private Signature sign(
      Signable request, String canonicalQuery, Map<String, String> canonicalHeaders, String signedHeaders,
      String payloadHash, String amzDate) {
    StringBuilder cr = new StringBuilder(256);
    cr.append(request.method()).append('\n');
    cr.append(S3Encoding.encode(request.path(), true)).append('\n');
    cr.append(canonicalQuery).append('\n');
    for (Map.Entry<String, String> h : canonicalHeaders.entrySet()) {
      cr.append(h.getKey()).append(':').append(h.getValue()).append('\n');
    }
    cr.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String canonicalRequest = cr.toString();
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    String signature = HEX.formatHex(hmac(signingKey(date), stringToSign));
    return new Signature(canonicalRequest, stringToSign, signature, signedHeaders, scope, amzDate);
  }

  /** Lower-case names, sorted; values trimmed with inner runs of whitespace folded to one space; repeats joined by commas. */
  static Map<String, String> canonicalHeaders(List<Header> headers) {
    Map<String, String> out = new TreeMap<>();
    for (Header h : headers) {
      String name = h.name().toLowerCase(Locale.ROOT).strip();
      String value = foldWhitespace(h.value());
      out.merge(name, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String foldWhitespace(String value) {
    StringBuilder sb = new StringBuilder(value.length());
    boolean space = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        space = sb.length() > 0;
      } else {
        if (space) sb.append(' ');
        space = false;
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private byte[] signingKey(String date) {
    CachedKey cached = cachedKey.get();
    if (cached != null && cached.date().equals(date)) return cached.key();
    byte[] k = hmac(kSecret, date);
    k = hmac(k, region);
    k = hmac(k, service);
    k = hmac(k, "aws4_request");
    cachedKey.set(new CachedKey(date, k));
    return k;
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static String sha256Hex(byte[] data) {
    return HEX.formatHex(sha256().digest(data));
  }

  static String hex(byte[] data) {
    return HEX.formatHex(data);
  }

  @Override
  public String toString() {
    return "SigV4Signer{accessKeyId=" + accessKeyId + ", region=" + region + ", service=" + service + ", secret=****}";
  }
}
