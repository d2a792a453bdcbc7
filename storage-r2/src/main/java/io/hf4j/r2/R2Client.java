package io.hf4j.r2;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.HfHttp;
import io.hf4j.core.internal.RequestTags;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A client for one Cloudflare R2 bucket (or any S3-compatible bucket) over the S3 API, signed with AWS
 * Signature Version 4 by hf4j itself (no AWS SDK). Thread-safe; create one per bucket and share it. It
 * runs on the {@link HfConfig}'s shared OkHttp client, so timeouts, retries (with backoff, for 5xx,
 * 429 and I/O failures of calls that are safe to repeat) and the redacted curl debug log are hf4j's.
 *
 * <pre>{@code
 * R2Client r2 = R2Client.create(R2Config.fromEnv());
 * r2.putObject("users/42/avatar.png", bytes, PutObjectParams.builder().contentType("image/png").build());
 * URI url = r2.publicUrl("users/42/avatar.png");                  // R2_PUBLIC_URL + "/" + folder + key
 * PresignedUrl upload = r2.presignPutObject("uploads/photo.jpg", Duration.ofMinutes(15));
 * try (Stream<R2Object> all = r2.listObjects("users/42/")) {
 *   all.forEach(o -> System.out.println(o.key() + " " + o.size()));
 * }
 * r2.putObject("checkpoints/step-1000.safetensors", Path.of("model.safetensors")); // multipart when large
 * }</pre>
 *
 * <p>Keys are relative to the configured folder ({@code R2_FOLDER}) when there is one: keys passed in
 * get the folder prepended, keys returned have it removed. A key is 1 to 1024 bytes of UTF-8; keys
 * with {@code .} or {@code ..} path segments are refused, because HTTP clients resolve them.
 *
 * <p>Every method throws {@link HfValidationException} before sending anything when an argument is
 * invalid, a subclass of {@link HfHttpException} when the server refuses ({@link NoSuchKeyException},
 * {@link NoSuchBucketException}, {@link AccessDeniedException}, {@link SignatureDoesNotMatchException}
 * and the status types of hf4j core), and {@link HfIoException} when the transport fails after the
 * configured retries.
 */
public final class R2Client {
  private static final MediaType XML = MediaType.get("application/xml");
  private static final int DELETE_BATCH = 1000;
  static final long MAX_KEY_BYTES = 1024;

  private final R2Config config;
  private final HfConfig hfConfig;
  private final SigV4Signer signer;
  private final OkHttpClient client;

  private R2Client(R2Config config, HfConfig hfConfig) {
    this.config = config;
    // HF_HUB_OFFLINE keeps hf4j off the Hub; it says nothing about the user's own bucket.
    this.hfConfig = hfConfig.offline() ? hfConfig.toBuilder().offline(false).build() : hfConfig;
    this.signer = new SigV4Signer(config.accessKeyId(), config.secretAccessKey(), "auto", "s3", config.sessionToken());
    // hf4j's retry interceptor comes first in the shared client, so this one signs every attempt anew.
    // S3 clients never follow redirects: a 3xx would carry the signed headers (the session token) and
    // the body to whatever host it names.
    this.client = HfHttp.of(this.hfConfig).client().newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(new SigningInterceptor(signer, this.hfConfig.clock()))
        .build();
  }

  /**
   * A client with hf4j's default HTTP settings (no Hugging Face token involved). Every client created
   * this way shares one default configuration, so one connection pool and dispatcher.
   *
   * @param config the bucket and credentials
   * @return the client
   */
  public static R2Client create(R2Config config) {
    return create(config, DefaultStack.CONFIG);
  }

  /** The configuration of {@link #create(R2Config)}, built on first use (class initialisation, no lock held after). */
  private static final class DefaultStack {
    static final HfConfig CONFIG = HfConfig.builder().noToken().build();
  }

  /**
   * A client on the HTTP stack of {@code hfConfig}: its connection pool and dispatcher (shared, not
   * copied: R2 clients of one configuration and its Hub clients use one pool), timeouts, retry policy,
   * clock and debug log. Its Hugging Face token is never sent to R2, and its offline mode ({@code
   * HF_HUB_OFFLINE}), which concerns the Hub only, does not apply to R2. Multipart parts run on {@code
   * hfConfig}'s {@linkplain HfConfig#executor() executor}. The client owns nothing that needs closing: closing
   * {@code hfConfig} releases its resources, and calls made after that throw {@link
   * io.hf4j.core.ConfigClosedException}.
   *
   * @param config the bucket and credentials
   * @param hfConfig the configuration whose HTTP stack (connection pool, dispatcher, retries) and executor the client shares
   * @return the client
   */
  public static R2Client create(R2Config config, HfConfig hfConfig) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(hfConfig, "hfConfig == null");
    return new R2Client(config, hfConfig);
  }

  /** {@return the configuration this client was built with} */
  public R2Config config() {
    return config;
  }

  // ---------------------------------------------------------------- uploads

  /**
   * Uploads {@code content} under {@code key} (see {@link #putObject(String, byte[], PutObjectParams)}).
   *
   * @param key the object's key, relative to the configured folder
   * @param content the bytes to store
   * @return the stored object's key and ETag
   */
  public PutObjectResult putObject(String key, byte[] content) {
    return putObject(key, content, PutObjectParams.defaults());
  }

  /**
   * Uploads {@code content} under {@code key} in one request, replacing any object there. Retried on
   * server and transport failures (a PUT is idempotent).
   *
   * @throws HfValidationException if the content is larger than 5 GiB - 5 MiB (upload a file instead)
   * @param key the object's key, relative to the configured folder
   * @param content the bytes to store
   * @param params the content type, headers and metadata to store
   * @return the stored object's key and ETag
   */
  public PutObjectResult putObject(String key, byte[] content, PutObjectParams params) {
    Objects.requireNonNull(content, "content == null");
    checkSingleSize(content.length);
    return putSingle(key, RequestBody.create(content, null), params, payloadMode());
  }

  /**
   * Uploads exactly {@code contentLength} bytes of {@code content} under {@code key} in one request,
   * without buffering them. The stream can be read once only, so this call is never retried; the
   * payload is sent unsigned. The stream is not closed.
   *
   * @throws HfIoException if the stream ends early or the transfer fails
   * @param key the object's key, relative to the configured folder
   * @param content the bytes to store, read once
   * @param contentLength how many bytes {@code content} holds
   * @param params the content type, headers and metadata to store
   * @return the stored object's key and ETag
   */
  public PutObjectResult putObject(String key, InputStream content, long contentLength, PutObjectParams params) {
    Objects.requireNonNull(content, "content == null");
    if (contentLength < 0) throw new HfValidationException("contentLength must be >= 0 but was " + contentLength);
    checkSingleSize(contentLength);
    return putSingle(key, new Bodies.Stream(content, contentLength), params, SigningInterceptor.Payload.UNSIGNED);
  }

  /**
   * Uploads a file (see {@link #putObject(String, Path, PutObjectParams)}).
   *
   * @param key the object's key, relative to the configured folder
   * @param file the file to upload
   * @return the stored object's key, ETag and part count
   */
  public PutObjectResult putObject(String key, Path file) {
    return putObject(key, file, PutObjectParams.defaults());
  }

  /**
   * Uploads a file under {@code key}, streaming it from disk. Files up to {@link
   * R2Config#multipartThreshold()} go in one request; larger ones in a multipart upload of equal parts
   * of {@link R2Config#partSize()} (the last one smaller), {@link R2Config#concurrency()} at a
   * time, each retried on its own by re-reading its bytes from the file. If the upload fails it is
   * aborted, so no incomplete upload is left behind, and the failure is thrown.
   *
   * @throws HfIoException if the file cannot be read or changes during the upload
   * @param key the object's key, relative to the configured folder
   * @param file the file to upload
   * @param params the content type, headers and metadata to store
   * @return the stored object's key, ETag and part count
   */
  public PutObjectResult putObject(String key, Path file, PutObjectParams params) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(params, "params == null");
    String fullKey = fullKey(key);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file, e);
    }
    if (size > config.multipartThreshold()) {
      MultipartPlan plan = MultipartPlan.of(size, config.partSize());
      return new MultipartUploader(this, fullKey, key, file, plan, params).upload();
    }
    return putSingle(key, new Bodies.FileRegion(file, 0, size), params, payloadMode());
  }

  private PutObjectResult putSingle(String key, RequestBody body, PutObjectParams params, SigningInterceptor.Payload payload) {
    Objects.requireNonNull(params, "params == null");
    String fullKey = fullKey(key);
    Request.Builder b = new Request.Builder().url(objectUrl(fullKey)).put(body).tag(SigningInterceptor.Payload.class, payload);
    objectHeaders(b, fullKey, params);
    try (Response response = send(b.build())) {
      return new PutObjectResult(key, S3Xml.unquote(response.header("ETag")), 0);
    }
  }

  // ---------------------------------------------------------------- downloads

  /**
   * Downloads an object as a stream (see {@link ObjectContent}); the caller closes it.
   *
   * @param key the object's key, relative to the configured folder
   * @return the open body and the object's metadata; close it
   */
  public ObjectContent getObject(String key) {
    return get(key, null);
  }

  /**
   * Downloads a range of an object as a stream; the caller closes it. The server answers with just those
   * bytes ({@code 206}); a range starting past the end fails with a 416.
   *
   * @param key the object's key, relative to the configured folder
   * @param range the bytes to read
   * @return the open body of the range and the object's metadata; close it
   */
  public ObjectContent getObject(String key, ByteRange range) {
    return get(key, Objects.requireNonNull(range, "range == null"));
  }

  /**
   * Downloads a whole object into memory.
   *
   * @param key the object's key, relative to the configured folder
   * @return the object's bytes
   */
  public byte[] getObjectBytes(String key) {
    try (ObjectContent content = getObject(key)) {
      return content.readAllBytes();
    } catch (IOException e) {
      throw new HfIoException("GET of " + key + " failed while reading the body", e);
    }
  }

  /**
   * Downloads an object to a file, replacing it only once every byte has arrived (through a temporary
   * file beside it).
   *
   * @param key the object's key, relative to the configured folder
   * @param target the file to write
   * @return the object's metadata
   */
  public ObjectMetadata downloadObject(String key, Path target) {
    Objects.requireNonNull(target, "target == null");
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try (ObjectContent content = getObject(key)) {
      tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
      Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
      long written = Files.size(tmp);
      if (written != content.metadata().contentLength()) {
        throw new HfIoException("GET of " + key + " failed", new EOFException(
            "got " + written + " of " + content.metadata().contentLength() + " bytes"));
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return content.metadata();
    } catch (IOException e) {
      throw new HfIoException("Download of " + key + " to " + target + " failed", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is named after the target and ends in .part
        }
      }
    }
  }

  private ObjectContent get(String key, @Nullable ByteRange range) {
    String fullKey = fullKey(key);
    Request.Builder b = new Request.Builder().url(objectUrl(fullKey)).get()
        // The stored bytes, exactly: keep OkHttp from asking for gzip and inflating a gzip-encoded object.
        .header("Accept-Encoding", "identity")
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED);
    if (range != null) b.header("Range", range.headerValue());
    Response response = send(b.build());
    try {
      ObjectMetadata metadata = metadata(key, response.headers());
      Long total = metadata.contentLength() < 0 ? null : metadata.contentLength();
      String contentRange = response.header("Content-Range");
      if (contentRange != null) {
        int slash = contentRange.lastIndexOf('/');
        String t = slash < 0 ? "*" : contentRange.substring(slash + 1).strip();
        total = t.equals("*") ? null : Long.valueOf(t);
      }
      return new ObjectContent(response, metadata, total);
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
  }

  /**
   * Reads an object's metadata without its body.
   *
   * @throws NoSuchKeyException if there is no such object (a HEAD answer has no body, so a missing
   *     bucket shows as a missing key too)
   * @throws AccessDeniedException if the server refuses (for the same reason, also when the secret is wrong)
   * @param key the object's key, relative to the configured folder
   * @return the object's metadata
   */
  public ObjectMetadata headObject(String key) {
    String fullKey = fullKey(key);
    Request request = new Request.Builder().url(objectUrl(fullKey)).head()
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    try (Response response = send(request)) {
      return metadata(key, response.headers());
    }
  }

  /**
   * Whether an object exists under {@code key}.
   *
   * @param key the object's key, relative to the configured folder
   * @return whether the object exists
   */
  public boolean objectExists(String key) {
    try {
      headObject(key);
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- deletes

  /**
   * Deletes an object; deleting a missing key succeeds, as in S3.
   *
   * @param key the object's key, relative to the configured folder
   */
  public void deleteObject(String key) {
    String fullKey = fullKey(key);
    Request request = new Request.Builder().url(objectUrl(fullKey)).delete()
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    send(request).close();
  }

  /**
   * Deletes many objects, 1000 per request (S3 DeleteObjects). Keys the server refuses are listed in
   * the result's errors rather than thrown. Retried as a whole on failure: deleting twice is harmless.
   *
   * @param keys the keys, relative to the configured folder
   * @return the keys deleted and the failures
   */
  public DeleteObjectsResult deleteObjects(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys == null");
    List<String> relative = List.copyOf(keys);
    Map<String, String> byFullKey = new LinkedHashMap<>();
    for (String key : relative) byFullKey.put(fullKey(key), key);
    List<DeleteObjectsResult.DeleteError> errors = new ArrayList<>();
    List<String> batch = new ArrayList<>();
    for (String fullKey : byFullKey.keySet()) {
      if (!S3Xml.isXmlSafe(fullKey)) {
        // Control characters cannot travel in the XML body: delete such keys one by one.
        try {
          deleteObject(byFullKey.get(fullKey));
        } catch (HfHttpException e) {
          errors.add(new DeleteObjectsResult.DeleteError(byFullKey.get(fullKey), e.errorCode(),
              e.serverMessage()));
        }
        continue;
      }
      batch.add(fullKey);
      if (batch.size() == DELETE_BATCH) {
        deleteBatch(batch, byFullKey, errors);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) deleteBatch(batch, byFullKey, errors);
    Set<String> failed = new HashSet<>();
    for (DeleteObjectsResult.DeleteError e : errors) failed.add(e.key());
    Set<String> deleted = new LinkedHashSet<>();
    for (String key : relative) if (!failed.contains(key)) deleted.add(key);
    return new DeleteObjectsResult(List.copyOf(deleted), errors);
  }

  private void deleteBatch(List<String> fullKeys, Map<String, String> byFullKey, List<DeleteObjectsResult.DeleteError> errors) {
    byte[] xml = S3Xml.deleteObjectsBody(fullKeys).getBytes(StandardCharsets.UTF_8);
    HttpUrl url = bucketUrl().newBuilder().encodedQuery("delete=").build();
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(xml, XML))
        .header("Content-MD5", md5Base64(xml))
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED);
    RequestTags.retrySafe(b);
    try (Response response = send(b.build())) {
      byte[] body = readBody(response);
      checkEmbeddedError(response, body);
      for (S3Xml.DeleteFailure f : S3Xml.parseDeleteResult(body)) {
        String key = byFullKey.getOrDefault(f.key(), f.key());
        errors.add(new DeleteObjectsResult.DeleteError(key, f.code(), f.message()));
      }
    }
  }

  // ---------------------------------------------------------------- listing

  /**
   * Lists every object under the configured folder (see {@link #listObjects(ListObjectsParams)}).
   *
   * @return the objects, in key order; close the stream when stopping early
   */
  public Stream<R2Object> listObjects() {
    return listObjects(ListObjectsParams.defaults());
  }

  /**
   * Lists the objects whose keys start with {@code prefix} (see {@link #listObjects(ListObjectsParams)}).
   *
   * @param prefix the prefix, relative to the configured folder; empty for all
   * @return the objects, in key order; close the stream when stopping early
   */
  public Stream<R2Object> listObjects(String prefix) {
    return listObjects(ListObjectsParams.builder().prefix(prefix).build());
  }

  /**
   * Lists objects in key order as a lazy stream: each page (ListObjectsV2, up to {@code pageSize} keys)
   * is fetched when the stream reaches it, so stopping early fetches no more.
   *
   * @param params the prefix, start and page size
   * @return the objects, in key order; close the stream when stopping early
   */
  public Stream<R2Object> listObjects(ListObjectsParams params) {
    Objects.requireNonNull(params, "params == null");
    String prefix = config.keyPrefix() + params.prefix();
    String startAfter = params.startAfter() == null ? null : fullKey(params.startAfter());
    return paged((String token) -> {
      List<S3Encoding.Param> query = new ArrayList<>();
      query.add(new S3Encoding.Param("list-type", "2"));
      query.add(new S3Encoding.Param("encoding-type", "url"));
      query.add(new S3Encoding.Param("max-keys", Integer.toString(params.pageSize())));
      query.add(new S3Encoding.Param("prefix", prefix));
      if (token != null) query.add(new S3Encoding.Param("continuation-token", token));
      else if (startAfter != null) query.add(new S3Encoding.Param("start-after", startAfter));
      byte[] body = getXml(query);
      S3Xml.ListPage page = S3Xml.parseListObjectsV2(body, config.keyPrefix());
      String next = page.truncated() ? page.nextContinuationToken() : null;
      if (page.truncated() && next == null) throw new HfException("A truncated listing carried no continuation token");
      return new Page<>(page.objects(), next);
    });
  }

  /**
   * Lists multipart uploads that were started and neither completed nor aborted, under {@code prefix}.
   * hf4j aborts its own failed uploads; this finds those of crashed processes (R2 also aborts them
   * after 7 days by default).
   *
   * @param prefix the key prefix, relative to the configured folder; empty for all
   * @return the unfinished uploads
   */
  public Stream<MultipartUpload> listMultipartUploads(String prefix) {
    Objects.requireNonNull(prefix, "prefix == null");
    String fullPrefix = config.keyPrefix() + prefix;
    return paged((UploadMarker marker) -> {
      List<S3Encoding.Param> query = new ArrayList<>();
      query.add(new S3Encoding.Param("uploads", ""));
      query.add(new S3Encoding.Param("encoding-type", "url"));
      query.add(new S3Encoding.Param("prefix", fullPrefix));
      if (marker != null) {
        query.add(new S3Encoding.Param("key-marker", marker.key()));
        if (marker.uploadId() != null) query.add(new S3Encoding.Param("upload-id-marker", marker.uploadId()));
      }
      S3Xml.UploadsPage page = S3Xml.parseListMultipartUploads(getXml(query), config.keyPrefix());
      UploadMarker next = null;
      if (page.truncated()) {
        if (page.nextKeyMarker() == null) throw new HfException("A truncated upload listing carried no NextKeyMarker");
        next = new UploadMarker(page.nextKeyMarker(), page.nextUploadIdMarker());
      }
      return new Page<>(page.uploads(), next);
    });
  }

  /**
   * Aborts a multipart upload, freeing its parts; aborting one that no longer exists succeeds.
   *
   * @param key the upload's key, relative to the configured folder
   * @param uploadId the upload's id
   */
  public void abortMultipartUpload(String key, String uploadId) {
    Objects.requireNonNull(uploadId, "uploadId == null");
    abortFullKey(fullKey(key), uploadId);
  }

  void abortFullKey(String fullKey, String uploadId) {
    HttpUrl url = objectUrl(fullKey).newBuilder().addQueryParameter("uploadId", uploadId).build();
    Request request = new Request.Builder().url(url).delete()
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    try {
      send(request).close();
    } catch (NoSuchUploadException e) {
      // already gone: completed, aborted or expired
    }
  }

  private byte[] getXml(List<S3Encoding.Param> query) {
    HttpUrl url = bucketUrl().newBuilder().encodedQuery(S3Encoding.canonicalQuery(query)).build();
    Request request = new Request.Builder().url(url).get()
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED).build();
    try (Response response = send(request)) {
      return readBody(response);
    }
  }

  /** One page of a listing and where the next one starts (null after the last). */
  private record Page<T, M>(List<T> items, @Nullable M next) {}

  private record UploadMarker(String key, @Nullable String uploadId) {}

  /** A lazy stream over pages: a page is fetched only when the stream reaches it. */
  private static <T, M> Stream<T> paged(Function<M, Page<T, M>> fetch) {
    Iterator<T> iterator = new Iterator<>() {
      private Iterator<T> current = List.<T>of().iterator();
      private @Nullable M next;
      private boolean started;

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (started && next == null) return false;
          Page<T, M> page = fetch.apply(next);
          started = true;
          next = page.next();
          current = page.items().iterator();
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.next();
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  // ---------------------------------------------------------------- copy

  /**
   * Copies an object within the bucket, with its metadata (see {@link #copyObject(String, String, PutObjectParams)}).
   *
   * @param sourceKey the key to copy, relative to the configured folder
   * @param destinationKey the new key, relative to the configured folder
   * @return the copy's key and ETag
   */
  public CopyObjectResult copyObject(String sourceKey, String destinationKey) {
    return copy(sourceKey, destinationKey, null);
  }

  /**
   * Copies an object within the bucket on the server side, replacing its content type and metadata with
   * {@code params}. Objects up to 5 GiB can be copied this way.
   *
   * @param sourceKey the key to copy, relative to the configured folder
   * @param destinationKey the new key, relative to the configured folder
   * @param params the content type, headers and metadata the copy gets instead of the source's
   * @return the copy's key and ETag
   */
  public CopyObjectResult copyObject(String sourceKey, String destinationKey, PutObjectParams params) {
    return copy(sourceKey, destinationKey, Objects.requireNonNull(params, "params == null"));
  }

  private CopyObjectResult copy(String sourceKey, String destinationKey, @Nullable PutObjectParams params) {
    String source = fullKey(sourceKey);
    String destination = fullKey(destinationKey);
    Request.Builder b = new Request.Builder().url(objectUrl(destination)).put(RequestBody.create(new byte[0], null))
        .header("x-amz-copy-source", "/" + config.bucket() + "/" + S3Encoding.encode(source, true))
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED);
    if (params == null) {
      b.header("x-amz-metadata-directive", "COPY");
    } else {
      b.header("x-amz-metadata-directive", "REPLACE");
      objectHeaders(b, destination, params);
    }
    try (Response response = send(b.build())) {
      byte[] body = readBody(response);
      checkEmbeddedError(response, body);
      var result = S3Xml.parseCopyResult(body);
      return new CopyObjectResult(destinationKey, S3Xml.unquote(S3Xml.text(result, "ETag")),
          S3Xml.instant(S3Xml.text(result, "LastModified")));
    }
  }

  // ---------------------------------------------------------------- presigned and public URLs

  /**
   * A URL that downloads the object with a plain GET until it expires (1 second to 7 days).
   *
   * @param key the object's key, relative to the configured folder
   * @param expiresIn how long the URL is valid, at most 7 days
   * @return the URL and the headers a request with it must send
   */
  public PresignedUrl presignGetObject(String key, Duration expiresIn) {
    return presign("GET", key, expiresIn, Map.of());
  }

  /**
   * A URL that reads the object's metadata with a plain HEAD until it expires (1 second to 7 days).
   *
   * @param key the object's key, relative to the configured folder
   * @param expiresIn how long the URL is valid, at most 7 days
   * @return the URL and the headers a request with it must send
   */
  public PresignedUrl presignHeadObject(String key, Duration expiresIn) {
    return presign("HEAD", key, expiresIn, Map.of());
  }

  /**
   * A URL that deletes the object with a plain DELETE until it expires (1 second to 7 days).
   *
   * @param key the object's key, relative to the configured folder
   * @param expiresIn how long the URL is valid, at most 7 days
   * @return the URL and the headers a request with it must send
   */
  public PresignedUrl presignDeleteObject(String key, Duration expiresIn) {
    return presign("DELETE", key, expiresIn, Map.of());
  }

  /**
   * A URL that uploads the object with a plain PUT of any content type until it expires (1 second to 7 days).
   *
   * @param key the object's key, relative to the configured folder
   * @param expiresIn how long the URL is valid, at most 7 days
   * @return the URL and the headers a request with it must send
   */
  public PresignedUrl presignPutObject(String key, Duration expiresIn) {
    return presign("PUT", key, expiresIn, Map.of());
  }

  /**
   * A URL that uploads the object with a plain PUT until it expires (1 second to 7 days). The content
   * type, system headers and metadata of {@code params} are signed: the uploader must send exactly
   * {@link PresignedUrl#headers()}, or the server refuses the upload.
   *
   * @param key the object's key, relative to the configured folder
   * @param expiresIn how long the URL is valid, at most 7 days
   * @param params the content type, headers and metadata the upload must send (they are signed)
   * @return the URL and the headers a request with it must send
   */
  public PresignedUrl presignPutObject(String key, Duration expiresIn, PutObjectParams params) {
    Objects.requireNonNull(params, "params == null");
    Map<String, String> headers = new LinkedHashMap<>();
    if (params.contentType() != null) headers.put("Content-Type", params.contentType());
    if (params.cacheControl() != null) headers.put("Cache-Control", params.cacheControl());
    if (params.contentDisposition() != null) headers.put("Content-Disposition", params.contentDisposition());
    if (params.contentEncoding() != null) headers.put("Content-Encoding", params.contentEncoding());
    if (params.contentLanguage() != null) headers.put("Content-Language", params.contentLanguage());
    params.metadata().forEach((n, v) -> headers.put("x-amz-meta-" + n, v));
    return presign("PUT", key, expiresIn, headers);
  }

  private PresignedUrl presign(String method, String key, Duration expiresIn, Map<String, String> headers) {
    SigV4Signer.checkExpiry(expiresIn);
    HttpUrl url = SigningInterceptor.canonicalUrl(objectUrl(fullKey(key)));
    List<SigV4Signer.Header> signed = new ArrayList<>();
    signed.add(new SigV4Signer.Header("host", SigningInterceptor.hostHeader(url)));
    headers.forEach((n, v) -> signed.add(new SigV4Signer.Header(n, v)));
    Instant now = hfConfig.clock().instant();
    SigV4Signer.QuerySigned q = signer.presign(
        new SigV4Signer.Signable(method, S3Encoding.decode(url.encodedPath()), List.of(), signed), now, expiresIn,
        SigV4Signer.UNSIGNED_PAYLOAD);
    HttpUrl presigned = url.newBuilder().encodedQuery(q.encodedQuery()).build();
    return new PresignedUrl(method, presigned.uri(), headers, now.plus(expiresIn));
  }

  /**
   * The public URL of a key: {@code R2_PUBLIC_URL/<folder>/<key>}, the key percent-encoded with its
   * slashes kept. Only meaningful if the bucket is served publicly (a custom domain or r2.dev).
   *
   * @throws HfValidationException if no public URL is configured
   * @param key the object's key, relative to the configured folder
   * @return the object's public URL
   */
  public URI publicUrl(String key) {
    HttpUrl base = config.publicUrl();
    if (base == null) {
      throw new HfValidationException(
          "No public URL configured: set R2_PUBLIC_URL or call R2Config.Builder.publicUrl()");
    }
    String basePath = base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
    String path = basePath + S3Encoding.encode(fullKey(key), true);
    HttpUrl url = base.newBuilder().encodedPath(path).build();
    if (!url.encodedPath().equals(path)) throw new HfValidationException("key '" + key + "' has '.' or '..' segments");
    return url.uri();
  }

  // ---------------------------------------------------------------- plumbing shared with MultipartUploader

  HfConfig hfConfig() {
    return hfConfig;
  }

  OkHttpClient httpClient() {
    return client;
  }

  SigningInterceptor.Payload payloadMode() {
    return config.signPayload() ? SigningInterceptor.Payload.SIGNED : SigningInterceptor.Payload.UNSIGNED;
  }

  /** The key as sent, after validation. */
  String fullKey(String key) {
    Objects.requireNonNull(key, "key == null");
    if (key.isEmpty()) throw new HfValidationException("key must not be empty");
    String full = config.fullKey(key);
    byte[] bytes = S3Encoding.utf8(full);
    if (bytes.length > MAX_KEY_BYTES) {
      throw new HfValidationException("keys are at most " + MAX_KEY_BYTES + " bytes of UTF-8 but '" + abbreviate(full)
          + "' has " + bytes.length);
    }
    for (String segment : full.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new HfValidationException("key '" + key + "' has a '" + segment + "' segment, which HTTP clients"
            + " resolve away; such keys cannot be addressed");
      }
    }
    return full;
  }

  HttpUrl bucketUrl() {
    HttpUrl endpoint = config.endpoint();
    String base = endpoint.encodedPath().endsWith("/") ? endpoint.encodedPath() : endpoint.encodedPath() + "/";
    return endpoint.newBuilder().encodedPath(base + config.bucket()).build();
  }

  HttpUrl objectUrl(String fullKey) {
    HttpUrl bucket = bucketUrl();
    return bucket.newBuilder().encodedPath(bucket.encodedPath() + "/" + S3Encoding.encode(fullKey, true)).build();
  }

  /** Sends a request; returns a response with status < 400 (the caller closes it) or throws the typed error. */
  Response send(Request request) {
    return send(client.newCall(request));
  }

  Response send(Call call) {
    Request request = call.request();
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new HfIoException(request.method() + " " + request.url().encodedPath() + " failed: " + msg, e);
    }
    if (response.code() >= 400) {
      try (response) {
        throw S3Errors.exceptionFor(response);
      }
    }
    if (response.code() >= 300) {
      try (response) {
        throw S3Errors.redirect(response);
      }
    }
    return response;
  }

  static byte[] readBody(Response response) {
    ResponseBody body = response.body();
    try {
      return body.bytes();
    } catch (IOException e) {
      Request r = response.request();
      throw new HfIoException(r.method() + " " + r.url().encodedPath() + " failed while reading the answer", e);
    }
  }

  /** S3 may answer 200 and then report a failure in the body (CopyObject, CompleteMultipartUpload, DeleteObjects). */
  static void checkEmbeddedError(Response response, byte[] body) {
    S3Xml.ErrorBody error = S3Xml.parseError(body);
    if (error != null) throw S3Errors.exceptionFor(S3Errors.statusForCode(error.code()), response, body);
  }

  void objectHeaders(Request.Builder b, String fullKey, PutObjectParams params) {
    b.header("Content-Type", params.contentType() != null ? params.contentType() : guessContentType(fullKey));
    if (params.cacheControl() != null) b.header("Cache-Control", params.cacheControl());
    if (params.contentDisposition() != null) b.header("Content-Disposition", params.contentDisposition());
    if (params.contentEncoding() != null) b.header("Content-Encoding", params.contentEncoding());
    if (params.contentLanguage() != null) b.header("Content-Language", params.contentLanguage());
    params.metadata().forEach((n, v) -> b.header("x-amz-meta-" + n, v));
  }

  static String guessContentType(String key) {
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    String type = URLConnection.guessContentTypeFromName(name.toLowerCase(Locale.ROOT));
    return type != null ? type : "application/octet-stream";
  }

  static ObjectMetadata metadata(String key, Headers headers) {
    Map<String, String> meta = new LinkedHashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (name.startsWith("x-amz-meta-")) meta.put(name.substring("x-amz-meta-".length()), headers.value(i));
    }
    String length = headers.get("Content-Length");
    return new ObjectMetadata(
        key,
        length == null ? -1 : Long.parseLong(length.strip()),
        S3Xml.unquote(headers.get("ETag")),
        headers.get("Content-Type"),
        httpDate(headers.get("Last-Modified")),
        meta,
        headers.get("Cache-Control"),
        headers.get("Content-Disposition"),
        headers.get("Content-Encoding"),
        headers.get("Content-Language"));
  }

  private static @Nullable Instant httpDate(@Nullable String value) {
    if (value == null) return null;
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String md5Base64(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }

  private static void checkSingleSize(long size) {
    if (size > MultipartPlan.MAX_SINGLE_UPLOAD) {
      throw new HfValidationException("A single upload holds at most " + MultipartPlan.MAX_SINGLE_UPLOAD + " bytes but this"
          + " one has " + size + "; upload a file, which goes up in parts");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  @Override
  public String toString() {
    return "R2Client{" + config + "}";
  }
}
