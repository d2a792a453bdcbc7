package io.hf4j.r2;

import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and how to reach one R2 bucket: account, credentials, bucket, public URL, key folder,
 * jurisdiction and upload tuning. Immutable; {@link #toString()} never shows the secret access key or
 * the session token.
 *
 * <pre>{@code
 * R2Config config = R2Config.fromEnv();                  // R2_ACCOUNT_ID, R2_ACCESS_KEY_ID, ...
 * R2Config custom = R2Config.builder().fromEnv()
 *     .jurisdiction(R2Jurisdiction.EU)                   // a setter beats the environment
 *     .partSize(32L << 20)
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Settings read from the environment</caption>
 *   <tr><th>Setter</th><th>Environment</th><th>Default</th></tr>
 *   <tr><td>accountId</td><td>R2_ACCOUNT_ID</td><td>required unless an endpoint is set</td></tr>
 *   <tr><td>accessKeyId</td><td>R2_ACCESS_KEY_ID</td><td>required</td></tr>
 *   <tr><td>secretAccessKey</td><td>R2_SECRET_ACCESS_KEY</td><td>required</td></tr>
 *   <tr><td>bucket</td><td>R2_BUCKET_NAME</td><td>required</td></tr>
 *   <tr><td>publicUrl</td><td>R2_PUBLIC_URL (no trailing slash)</td><td>none</td></tr>
 *   <tr><td>folder</td><td>R2_FOLDER</td><td>none: keys are used as given</td></tr>
 *   <tr><td>jurisdiction</td><td>R2_JURISDICTION</td><td>default</td></tr>
 *   <tr><td>endpoint</td><td>R2_ENDPOINT</td><td>https://&lt;account&gt;[.&lt;jurisdiction&gt;].r2.cloudflarestorage.com</td></tr>
 *   <tr><td>sessionToken</td><td>R2_SESSION_TOKEN</td><td>none (temporary credentials only)</td></tr>
 * </table>
 *
 * <p>Uploads: files larger than {@code multipartThreshold} (64 MiB) go up in parts of {@code partSize}
 * (16 MiB; raised when a file would need more than 10 000 parts), {@code concurrency} (4) at a
 * time. Bodies are signed ({@code x-amz-content-sha256} = their SHA-256) over plain HTTP and sent as
 * {@code UNSIGNED-PAYLOAD} over HTTPS, where TLS protects them, unless {@code signPayload} says otherwise.
 */
public final class R2Config {
  static final long MIB = 1024L * 1024;
  static final long DEFAULT_PART_SIZE = 16 * MIB;
  static final long DEFAULT_MULTIPART_THRESHOLD = 64 * MIB;
  static final int DEFAULT_CONCURRENCY = 4;

  private final @Nullable String accountId;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final @Nullable String sessionToken;
  private final String bucket;
  private final @Nullable HttpUrl publicUrl;
  private final String folder;
  private final R2Jurisdiction jurisdiction;
  private final HttpUrl endpoint;
  private final boolean endpointOverridden;
  private final boolean signPayload;
  private final long partSize;
  private final long multipartThreshold;
  private final int concurrency;

  private R2Config(Builder b, Map<String, String> env) {
    this.accessKeyId = require(b.accessKeyId, env, "R2_ACCESS_KEY_ID", "accessKeyId");
    this.secretAccessKey = require(b.secretAccessKey, env, "R2_SECRET_ACCESS_KEY", "secretAccessKey");
    String token = b.sessionToken != null ? b.sessionToken : nonBlank(env.get("R2_SESSION_TOKEN"));
    this.sessionToken = token;
    this.bucket = checkBucket(require(b.bucket, env, "R2_BUCKET_NAME", "bucket"));
    this.jurisdiction = b.jurisdiction != null ? b.jurisdiction
        : env.containsKey("R2_JURISDICTION") ? R2Jurisdiction.of(env.get("R2_JURISDICTION")) : R2Jurisdiction.DEFAULT;
    String account = b.accountId != null ? b.accountId : nonBlank(env.get("R2_ACCOUNT_ID"));
    String endpointText = b.endpoint != null ? b.endpoint : nonBlank(env.get("R2_ENDPOINT"));
    if (account != null) checkAccount(account);
    this.accountId = account;
    if (endpointText != null) {
      this.endpoint = parseUrl(endpointText, b.endpoint != null ? "endpoint" : "R2_ENDPOINT");
      this.endpointOverridden = true;
    } else {
      if (account == null) {
        throw new HfValidationException("R2 account id missing: set R2_ACCOUNT_ID or call accountId() (or set an"
            + " endpoint for another S3-compatible server)");
      }
      this.endpoint = new HttpUrl.Builder().scheme("https").host(jurisdiction.host(account)).build();
      this.endpointOverridden = false;
    }
    String pub = b.publicUrl != null ? b.publicUrl : nonBlank(env.get("R2_PUBLIC_URL"));
    this.publicUrl = pub == null ? null : parseUrl(pub, b.publicUrl != null ? "publicUrl" : "R2_PUBLIC_URL");
    String f = b.folder != null ? b.folder : nonBlank(env.get("R2_FOLDER"));
    this.folder = normalizeFolder(f == null ? "" : f);
    this.signPayload = b.signPayload != null ? b.signPayload : !endpoint.isHttps();
    this.partSize = b.partSize;
    this.multipartThreshold = b.multipartThreshold;
    this.concurrency = b.concurrency;
  }

  /** {@return a configuration from this process's environment (see the class table)} */
  public static R2Config fromEnv() {
    return builder().fromEnv().build();
  }

  /** {@return a builder that reads nothing from the machine until {@link Builder#fromEnv()} is called} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this configuration's settings (the environment no longer consulted)} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.accountId = accountId;
    b.accessKeyId = accessKeyId;
    b.secretAccessKey = secretAccessKey;
    b.sessionToken = sessionToken;
    b.bucket = bucket;
    b.publicUrl = publicUrl == null ? null : publicUrl.toString();
    b.folder = folder;
    b.jurisdiction = jurisdiction;
    b.endpoint = endpointOverridden ? endpoint.toString() : null;
    b.signPayload = signPayload;
    b.partSize = partSize;
    b.multipartThreshold = multipartThreshold;
    b.concurrency = concurrency;
    return b;
  }

  /** {@return the Cloudflare account id, or null when none was given (an explicit endpoint needs none)} */
  public @Nullable String accountId() {
    return accountId;
  }

  /** {@return the access key id of the R2 API token (not secret; safe to log)} */
  public String accessKeyId() {
    return accessKeyId;
  }

  /** Read only by the signer; never logged. */
  String secretAccessKey() {
    return secretAccessKey;
  }

  /** Read only by the signer; never logged. */
  @Nullable String sessionToken() {
    return sessionToken;
  }

  /** {@return whether temporary credentials (a session token) are configured} */
  public boolean hasSessionToken() {
    return sessionToken != null;
  }

  /** {@return the bucket name} */
  public String bucket() {
    return bucket;
  }

  /**
   * The base URL objects are publicly served from (a custom domain or {@code pub-<id>.r2.dev}); see
   * {@link R2Client#publicUrl}; null when none was configured.
   *
   * @return the base URL, or null
   */
  public @Nullable HttpUrl publicUrl() {
    return publicUrl;
  }

  /** {@return the key prefix every key is put under, without leading or trailing slash; empty for none} */
  public String folder() {
    return folder;
  }

  /** {@return the jurisdiction of the bucket, which names the endpoint's host} */
  public R2Jurisdiction jurisdiction() {
    return jurisdiction;
  }

  /** {@return the S3 endpoint, path-style: objects live at {@code <endpoint>/<bucket>/<key>}} */
  public HttpUrl endpoint() {
    return endpoint;
  }

  /** {@return whether request bodies are hashed into the signature instead of sent as {@code UNSIGNED-PAYLOAD}} */
  public boolean signPayload() {
    return signPayload;
  }

  /** {@return the size of every part of a multipart upload but the last, which is never larger} */
  public long partSize() {
    return partSize;
  }

  /**
   * Files larger than this are uploaded in parts.
   *
   * @return the size in bytes above which files are uploaded in parts
   */
  public long multipartThreshold() {
    return multipartThreshold;
  }

  /** {@return how many parts of one file are uploaded at a time} */
  public int concurrency() {
    return concurrency;
  }

  /** The key sent to the server for a key relative to the folder. */
  String fullKey(String key) {
    return folder.isEmpty() ? key : folder + "/" + key;
  }

  /** The prefix to strip from keys the server returns. */
  String keyPrefix() {
    return folder.isEmpty() ? "" : folder + "/";
  }

  @Override
  public String toString() {
    return "R2Config{endpoint=" + endpoint + ", bucket=" + bucket + ", accessKeyId=" + accessKeyId
        + ", secretAccessKey=****" + (sessionToken != null ? ", sessionToken=****" : "")
        + (folder.isEmpty() ? "" : ", folder=" + folder) + (publicUrl != null ? ", publicUrl=" + publicUrl : "")
        + ", jurisdiction=" + jurisdiction + "}";
  }

  private static String require(@Nullable String explicit, Map<String, String> env, String envName, String setter) {
    if (explicit != null) return explicit;
    String v = nonBlank(env.get(envName));
    if (v == null) throw new HfValidationException(envName + " is not set: set it or call R2Config.Builder." + setter + "()");
    return v;
  }

  private static @Nullable String nonBlank(@Nullable String v) {
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String checkBucket(String bucket) {
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new HfValidationException("bucket name must be 3 to 63 lower-case letters, digits and hyphens, starting"
          + " and ending with a letter or digit, but was '" + bucket + "'");
    }
    return bucket;
  }

  private static void checkAccount(String account) {
    if (!account.matches("[A-Za-z0-9-]+")) {
      throw new HfValidationException("account id must be letters and digits (32 hex characters on R2) but was '"
          + account + "'");
    }
  }

  private static HttpUrl parseUrl(String value, String what) {
    String v = value.strip();
    while (v.endsWith("/")) v = v.substring(0, v.length() - 1);
    HttpUrl url = HttpUrl.parse(v);
    if (url == null) throw new HfValidationException(what + " must be an http or https URL but was '" + value + "'");
    if (url.query() != null || url.fragment() != null) {
      throw new HfValidationException(what + " must not carry a query or fragment: '" + value + "'");
    }
    return url;
  }

  static String normalizeFolder(String folder) {
    String f = folder.strip();
    while (f.startsWith("/")) f = f.substring(1);
    while (f.endsWith("/")) f = f.substring(0, f.length() - 1);
    return f;
  }

  /** Builds an {@link R2Config}. Setters validate at once and throw {@link HfValidationException}. */
  public static final class Builder {
    private @Nullable Map<String, String> env;
    private @Nullable String accountId;
    private @Nullable String accessKeyId;
    private @Nullable String secretAccessKey;
    private @Nullable String sessionToken;
    private @Nullable String bucket;
    private @Nullable String publicUrl;
    private @Nullable String folder;
    private @Nullable R2Jurisdiction jurisdiction;
    private @Nullable String endpoint;
    private @Nullable Boolean signPayload;
    private long partSize = DEFAULT_PART_SIZE;
    private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
    private int concurrency = DEFAULT_CONCURRENCY;

    Builder() {}

    /**
     * Reads this process's environment variables (see the {@link R2Config} table).
     *
     * @return this builder
     */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    /**
     * Reads settings from an environment map; explicit setters still win.
     *
     * @param env the variables to read, for example {@code System.getenv()}
     * @return this builder
     */
    public Builder fromEnv(Map<String, String> env) {
      this.env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
      return this;
    }

    /**
     * The Cloudflare account id (32 hex characters), which names the endpoint.
     *
     * @param accountId the account id
     * @return this builder
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId == null");
      checkAccount(accountId);
      this.accountId = accountId;
      return this;
    }

    /**
     * The Access Key ID of an R2 API token.
     *
     * @param accessKeyId the key id
     * @return this builder
     */
    public Builder accessKeyId(String accessKeyId) {
      this.accessKeyId = nonBlankArg(accessKeyId, "accessKeyId");
      return this;
    }

    /**
     * The Secret Access Key of the token (for a token made through the API: the SHA-256 hex of its value).
     *
     * @param secretAccessKey the secret key
     * @return this builder
     */
    public Builder secretAccessKey(String secretAccessKey) {
      this.secretAccessKey = nonBlankArg(secretAccessKey, "secretAccessKey");
      return this;
    }

    /**
     * The session token of temporary credentials.
     *
     * @param sessionToken the session token
     * @return this builder
     */
    public Builder sessionToken(String sessionToken) {
      this.sessionToken = nonBlankArg(sessionToken, "sessionToken");
      return this;
    }

    /**
     * The bucket (default {@code R2_BUCKET_NAME}).
     *
     * @param bucket the bucket name
     * @return this builder
     */
    public Builder bucket(String bucket) {
      this.bucket = checkBucket(Objects.requireNonNull(bucket, "bucket == null"));
      return this;
    }

    /**
     * The base URL objects are publicly served from, for example {@code https://images.example.com}.
     *
     * @param publicUrl the base URL
     * @return this builder
     */
    public Builder publicUrl(String publicUrl) {
      Objects.requireNonNull(publicUrl, "publicUrl == null");
      parseUrl(publicUrl, "publicUrl");
      this.publicUrl = publicUrl;
      return this;
    }

    /**
     * A key prefix applied to every key, for example {@code fashion-ai/prod}; slashes around it are ignored.
     *
     * @param folder the prefix; empty for none
     * @return this builder
     */
    public Builder folder(String folder) {
      this.folder = normalizeFolder(Objects.requireNonNull(folder, "folder == null"));
      return this;
    }

    /**
     * The bucket's jurisdiction (default {@code R2_JURISDICTION}, else {@link R2Jurisdiction#DEFAULT}).
     *
     * @param jurisdiction the jurisdiction
     * @return this builder
     */
    public Builder jurisdiction(R2Jurisdiction jurisdiction) {
      this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction == null");
      return this;
    }

    /**
     * Another S3 endpoint (an S3-compatible server, a test server); path-style requests go to it.
     *
     * @param endpoint the endpoint URL
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      parseUrl(endpoint, "endpoint");
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Hash bodies into the signature ({@code true}) or send {@code UNSIGNED-PAYLOAD} ({@code false}).
     *
     * @param signPayload whether to sign body hashes
     * @return this builder
     */
    public Builder signPayload(boolean signPayload) {
      this.signPayload = signPayload;
      return this;
    }

    /**
     * The part size of multipart uploads, 5 MiB to 5 GiB - 5 MiB. Every part but the last has exactly this size.
     *
     * @param partSize the part size in bytes
     * @return this builder
     */
    public Builder partSize(long partSize) {
      if (partSize < MultipartPlan.MIN_PART_SIZE || partSize > MultipartPlan.MAX_PART_SIZE) {
        throw new HfValidationException("partSize must be within [" + MultipartPlan.MIN_PART_SIZE + ", "
            + MultipartPlan.MAX_PART_SIZE + "] bytes but was " + partSize);
      }
      this.partSize = partSize;
      return this;
    }

    /**
     * Files larger than this many bytes are uploaded in parts; at most 5 GiB - 5 MiB, the largest single upload.
     *
     * @param threshold the size in bytes above which uploads are multipart
     * @return this builder
     */
    public Builder multipartThreshold(long threshold) {
      if (threshold < 0 || threshold > MultipartPlan.MAX_SINGLE_UPLOAD) {
        throw new HfValidationException("multipartThreshold must be within [0, " + MultipartPlan.MAX_SINGLE_UPLOAD
            + "] bytes but was " + threshold);
      }
      this.multipartThreshold = threshold;
      return this;
    }

    /**
     * Parts of one file uploaded at a time, 1 to 64.
     *
     * @param concurrency the number of parts in flight
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 64) {
        throw new HfValidationException("concurrency must be within [1, 64] but was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Resolves the environment and builds the configuration.
     *
     * @throws HfValidationException if a required setting is missing or a value is malformed
     * @return the configuration
     */
    public R2Config build() {
      return new R2Config(this, env == null ? Map.of() : env);
    }

    private static String nonBlankArg(String v, String name) {
      Objects.requireNonNull(v, name + " == null");
      if (v.isBlank()) throw new HfValidationException(name + " must not be blank");
      return v.strip();
    }

    @Override
    public String toString() {
      return "R2Config.Builder{bucket=" + bucket + ", accessKeyId=" + accessKeyId + ", secretAccessKey="
          + (secretAccessKey == null ? "unset" : "****") + "}";
    }
  }
}
