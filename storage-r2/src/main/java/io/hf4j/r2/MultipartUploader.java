package io.hf4j.r2;

import io.hf4j.core.HfConfig;
import io.hf4j.core.HfException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.HfIoException;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.ServerException;
import io.hf4j.core.internal.RequestTags;
import io.hf4j.core.internal.WorkGroup;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One multipart upload of a file: create, upload the parts in parallel (each a PUT re-read from the
 * file on every attempt, so hf4j's retries repeat a part without buffering it), check them against
 * R2's equal-size rule, complete. Any failure aborts the upload before it is thrown, so no incomplete
 * upload is left holding storage.
 */
final class MultipartUploader {
  private static final Logger LOG = LoggerFactory.getLogger("io.hf4j.r2");
  private static final MediaType XML = MediaType.get("application/xml");
  /** How far the server's clock may be from ours when recognising an upload we may have created. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final R2Client r2;
  private final String fullKey;
  private final String key;
  private final Path file;
  private final MultipartPlan plan;
  private final PutObjectParams params;
  private final HfConfig hf;
  private boolean interrupted;

  MultipartUploader(R2Client r2, String fullKey, String key, Path file, MultipartPlan plan, PutObjectParams params) {
    this.r2 = r2;
    this.fullKey = fullKey;
    this.key = key;
    this.file = file;
    this.plan = plan;
    this.params = params;
    this.hf = r2.hfConfig();
  }

  PutObjectResult upload() {
    FileTime modified = lastModified();
    String uploadId = create();
    try {
      List<S3Xml.CompletedPart> parts = uploadParts(uploadId);
      if (!modified.equals(lastModified()) || size() != plan.objectSize()) {
        throw new HfException(file + " changed while it was being uploaded; the upload was aborted");
      }
      List<Long> sizes = new ArrayList<>();
      for (int n = 1; n <= plan.partCount(); n++) sizes.add(plan.length(n));
      plan.checkR2Rules(sizes);
      String eTag = complete(uploadId, parts);
      return new PutObjectResult(key, eTag, plan.partCount());
    } catch (RuntimeException | Error e) {
      abort(uploadId, e);
      throw e;
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  private String create() {
    Instant started = hf.clock().instant();
    HttpUrl url = r2.objectUrl(fullKey).newBuilder().encodedQuery("uploads=").build();
    Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(new byte[0], null))
        .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED);
    r2.objectHeaders(b, fullKey, params);
    try (Response response = r2.send(b.build())) {
      return S3Xml.parseUploadId(R2Client.readBody(response));
    } catch (HfException e) {
      // Not retried: a second POST would start a second upload. If the server may have started one
      // anyway (no answer, or a 5xx from somewhere on the way), find it and abort it.
      if (!(e instanceof HfHttpException h) || h.statusCode() >= 500) sweep(started, e);
      throw e;
    }
  }

  private void sweep(Instant started, HfException cause) {
    Instant from = started.minus(CLOCK_SKEW);
    Instant to = hf.clock().instant().plus(CLOCK_SKEW);
    try (Stream<MultipartUpload> uploads = r2.listMultipartUploads(key)) {
      for (MultipartUpload u : uploads.toList()) {
        Instant at = u.initiated();
        if (u.key().equals(key) && at != null && !at.isBefore(from) && !at.isAfter(to)) {
          r2.abortFullKey(fullKey, u.uploadId());
        }
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Sends the parts, at most {@code concurrency} at once, on the configuration's executor with the calling
   * thread taking part (a busy executor slows the upload down, never blocks it). The first failure cancels the
   * parts in flight; no part is still being sent when this returns or throws.
   */
  private List<S3Xml.CompletedPart> uploadParts(String uploadId) {
    int count = plan.partCount();
    Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    AtomicBoolean failed = new AtomicBoolean();
    S3Xml.CompletedPart[] parts = new S3Xml.CompletedPart[count];
    AtomicReference<Throwable> first = new AtomicReference<>();
    AtomicInteger left = new AtomicInteger(count);
    try (WorkGroup group = new WorkGroup(hf.executor())) {
      WorkGroup.Lane lane = group.lane(Math.min(r2.config().concurrency(), count));
      for (int n = 1; n <= count; n++) {
        int partNumber = n;
        lane.supply(() -> uploadPart(uploadId, partNumber, failed, inFlight)).whenComplete((part, e) -> {
          if (e != null) {
            if (first.compareAndSet(null, e)) stop(failed, inFlight);
          } else {
            parts[part.partNumber() - 1] = part;
          }
          left.decrementAndGet();
          group.signal();
        });
      }
      try {
        group.helpUntil(() -> left.get() == 0 || first.get() != null, () -> { }, 50);
      } catch (InterruptedException e) {
        interrupted = true;
        stop(failed, inFlight);
        throw new HfIoException("Upload of " + key + " was interrupted", new InterruptedIOException("interrupted"));
      }
      Throwable failure = first.get();
      if (failure != null) throw unwrap(failure);
    }
    return List.of(parts);
  }

  private S3Xml.CompletedPart uploadPart(String uploadId, int partNumber, AtomicBoolean failed, Set<Call> inFlight) {
    if (failed.get()) throw new CancellationException("another part failed");
    HttpUrl url = r2.objectUrl(fullKey).newBuilder()
        .addQueryParameter("partNumber", Integer.toString(partNumber))
        .addQueryParameter("uploadId", uploadId)
        .build();
    Request request = new Request.Builder().url(url)
        .put(new Bodies.FileRegion(file, plan.offset(partNumber), plan.length(partNumber)))
        .tag(SigningInterceptor.Payload.class, r2.payloadMode())
        .build();
    Call call = r2.httpClient().newCall(request);
    inFlight.add(call);
    if (failed.get()) call.cancel();
    try (Response response = r2.send(call)) {
      String eTag = S3Xml.unquote(response.header("ETag"));
      if (eTag == null || eTag.isEmpty()) throw new HfException("part " + partNumber + " of " + key + " came back without an ETag");
      return new S3Xml.CompletedPart(partNumber, eTag);
    } finally {
      inFlight.remove(call);
    }
  }

  private static void stop(AtomicBoolean failed, Set<Call> inFlight) {
    failed.set(true);
    for (Call c : inFlight) c.cancel();
  }

  private String complete(String uploadId, List<S3Xml.CompletedPart> parts) {
    byte[] xml = S3Xml.completeMultipartBody(parts).getBytes(StandardCharsets.UTF_8);
    HttpUrl url = r2.objectUrl(fullKey).newBuilder().addQueryParameter("uploadId", uploadId).build();
    for (int attempt = 0; ; attempt++) {
      Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(xml, XML))
          .tag(SigningInterceptor.Payload.class, SigningInterceptor.Payload.SIGNED);
      // Completing twice is harmless: the second finds the upload already turned into the object.
      RequestTags.retrySafe(b);
      try (Response response = r2.send(b.build())) {
        byte[] body = R2Client.readBody(response);
        S3Xml.ErrorBody error = S3Xml.parseError(body);
        if (error != null) {
          // The status line went out before the server failed: S3 reports it in a 200.
          HfHttpException e = S3Errors.exceptionFor(S3Errors.statusForCode(error.code()), response, body);
          if (e instanceof ServerException && attempt < hf.maxRetries()) {
            sleep(attempt);
            continue;
          }
          throw e;
        }
        return S3Xml.parseCompleteResult(body);
      } catch (NoSuchUploadException e) {
        String eTag = completedEarlier(parts);
        if (eTag != null) return eTag;
        throw e;
      }
    }
  }

  /**
   * After a Complete whose answer was lost, the retry finds no upload: the object is there if the first
   * attempt went through. It is ours if its ETag is the one S3 and R2 give a multipart object, the MD5
   * of the parts' MD5s followed by the part count, computed here from the parts' own ETags.
   */
  private @Nullable String completedEarlier(List<S3Xml.CompletedPart> parts) {
    String expected = multipartETag(parts);
    if (expected == null) return null;
    try {
      ObjectMetadata m = r2.headObject(key);
      if (m.contentLength() == plan.objectSize() && expected.equals(m.eTag())) return expected;
    } catch (HfException e) {
      // no such object: the upload really was lost
    }
    return null;
  }

  /** {@code hex(md5(md5(part 1) ... md5(part n)))-n}, or null when a part's ETag is not an MD5. */
  static @Nullable String multipartETag(List<S3Xml.CompletedPart> parts) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
    for (S3Xml.CompletedPart p : parts) {
      String e = p.eTag().toLowerCase(Locale.ROOT);
      if (!e.matches("[0-9a-f]{32}")) return null;
      md5.update(HexFormat.of().parseHex(e));
    }
    return HexFormat.of().formatHex(md5.digest()) + "-" + parts.size();
  }

  private void abort(String uploadId, Throwable cause) {
    boolean wasInterrupted = Thread.interrupted(); // an interrupted thread cannot send the abort
    try {
      r2.abortFullKey(fullKey, uploadId);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      LOG.warn("Could not abort multipart upload {} of {} after a failure; abort it with abortMultipartUpload or let"
          + " the bucket's lifecycle rule expire it", uploadId, key, e);
    } finally {
      if (wasInterrupted) interrupted = true;
    }
  }

  private void sleep(int attempt) {
    long base = hf.initialBackoff().toMillis() << Math.min(attempt, 20);
    Duration wait = Duration.ofMillis(Math.min(base, hf.maxBackoff().toMillis()));
    try {
      hf.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      interrupted = true;
      throw new HfIoException("Upload of " + key + " was interrupted", new InterruptedIOException("interrupted"));
    }
  }

  private static RuntimeException unwrap(Throwable t) {
    if (t instanceof RuntimeException r) return r;
    if (t instanceof Error e) throw e;
    return new HfException("A part upload failed: " + t, t);
  }

  private FileTime lastModified() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file, e);
    }
  }

  private long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new HfIoException("Cannot read " + file, e);
    }
  }
}
