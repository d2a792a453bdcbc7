package io.hf4j.r2;

import io.hf4j.core.HfHttpException;
import io.hf4j.core.HttpFailure;
import org.jspecify.annotations.Nullable;
import io.hf4j.core.internal.HttpErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Maps S3 error answers onto hf4j's exceptions: the {@code <Code>} of the XML body first, then the
 * status. The request id is {@code x-amz-request-id}, else the body's {@code <RequestId>}, else
 * Cloudflare's {@code cf-ray}.
 */
final class S3Errors {
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private S3Errors() {}

  /** The exception for an error response; reads up to 64 KiB of its body and does not close it. */
  static HfHttpException exceptionFor(Response response) {
    return exceptionFor(response.code(), response, readLimited(response.body()));
  }

  /** The exception for an error carried by a body, possibly inside a 200 (CopyObject, CompleteMultipartUpload). */
  static HfHttpException exceptionFor(int status, Response response, byte[] body) {
    S3Xml.ErrorBody error = S3Xml.parseError(body);
    String requestId = response.header("x-amz-request-id");
    if (requestId == null && error != null) requestId = error.requestId();
    if (requestId == null) requestId = response.header("cf-ray");
    Request request = response.request();
    HttpFailure failure = new HttpFailure(
        status,
        request.method(),
        request.url().encodedPath(),
        error == null ? null : error.code(),
        null,
        requestId,
        error == null ? plainText(body) : error.message());
    return exceptionFor(failure);
  }

  static HfHttpException exceptionFor(HttpFailure f) {
    String code = f.errorCode() == null ? "" : f.errorCode();
    switch (code) {
      case "NoSuchKey":
        return new NoSuchKeyException(f);
      case "NoSuchBucket":
        return new NoSuchBucketException(f);
      case "NoSuchUpload":
        return new NoSuchUploadException(f);
      case "SignatureDoesNotMatch":
        return new SignatureDoesNotMatchException(f);
      case "InvalidAccessKeyId":
        return new InvalidAccessKeyIdException(f);
      case "AccessDenied":
        return new AccessDeniedException(f);
      default:
        break;
    }
    if (code.isEmpty() && f.statusCode() == 404 && f.method().equals("HEAD")) return new NoSuchKeyException(f);
    if (code.isEmpty() && f.statusCode() == 403 && f.method().equals("HEAD")) return new AccessDeniedException(f);
    return HttpErrors.exceptionFor(f);
  }

  /**
   * The error for a redirect: S3 clients do not follow them (the signed headers, with the session
   * token, and the body would go to the host it names), so a 3xx is an answer this client cannot use.
   */
  static HfHttpException redirect(Response response) {
    Request request = response.request();
    String location = response.header("Location");
    String target = "no Location";
    if (location != null) {
      okhttp3.HttpUrl to = request.url().resolve(location);
      target = to == null ? "an unusable Location" : to.scheme() + "://" + to.host() + ":" + to.port() + to.encodedPath();
    }
    String msg = "The R2 endpoint answered " + response.code() + " redirecting to " + target
        + "; redirects are not followed (S3 clients never do): check the endpoint and bucket";
    return new io.hf4j.core.UnexpectedStatusException(new HttpFailure(response.code(), request.method(),
        request.url().encodedPath(), null, null, response.header("x-amz-request-id"), msg));
  }

  /**
   * The status S3 gives a code, for errors that arrive inside a 200 (the HTTP status was sent before
   * the server failed). Unknown codes count as server errors, as the AWS SDKs treat them.
   */
  static int statusForCode(@Nullable String code) {
    if (code == null) return 500;
    switch (code) {
      case "NoSuchKey":
      case "NoSuchBucket":
      case "NoSuchUpload":
        return 404;
      case "AccessDenied":
      case "SignatureDoesNotMatch":
      case "InvalidAccessKeyId":
        return 403;
      case "InvalidPart":
      case "InvalidPartOrder":
      case "EntityTooSmall":
      case "EntityTooLarge":
      case "InvalidRequest":
      case "InvalidArgument":
        return 400;
      case "SlowDown":
      case "ServiceUnavailable":
        return 503;
      default:
        return 500;
    }
  }

  static byte[] readLimited(@Nullable ResponseBody body) {
    if (body == null) return new byte[0];
    try {
      BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY);
      Buffer buffer = source.getBuffer();
      long n = Math.min(buffer.size(), MAX_ERROR_BODY);
      return buffer.clone().readByteArray(n);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static @Nullable String plainText(byte[] body) {
    if (body.length == 0) return null;
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty() || text.startsWith("<")) return null; // HTML pages (public buckets) and unknown XML say nothing useful
    return text.length() > 500 ? text.substring(0, 500) + "..." : text;
  }
}
