package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.BadRequestException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.NotFoundException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.ServerException;
import io.hf4j.core.UnexpectedStatusException;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;

class S3ErrorsTest {
  private static final String SIGNED_URL =
      "https://acct.r2.cloudflarestorage.com/bucket/dir/key.png?X-Amz-Signature=deadbeef&X-Amz-Credential=AK";

  private static Response response(String method, int code, String body, String... headers) {
    Response.Builder b = new Response.Builder()
        .request(new Request.Builder().url(SIGNED_URL)
            .method(method, method.equals("POST") || method.equals("PUT") ? RequestBody.create(new byte[0], null) : null).build())
        .protocol(Protocol.HTTP_1_1)
        .code(code)
        .message("status")
        .body(ResponseBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/xml")));
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>body-id</RequestId></Error>";
  }

  @Test
  void noSuchKeyIsANotFoundWithCodeMessageAndRequestId() {
    HfHttpException e = S3Errors.exceptionFor(response("GET", 404, error("NoSuchKey", "The specified key does not exist."),
        "x-amz-request-id", "req-123"));
    NoSuchKeyException nsk = assertInstanceOf(NoSuchKeyException.class, e);
    assertInstanceOf(NotFoundException.class, nsk);
    assertEquals(404, e.statusCode());
    assertEquals("NoSuchKey", e.errorCode());
    assertEquals("The specified key does not exist.", e.serverMessage());
    assertEquals("req-123", e.requestId());
    assertEquals("/bucket/dir/key.png", e.path());
    assertTrue(e.getMessage().contains("404 NoSuchKey: The specified key does not exist."), e.getMessage());
    assertTrue(e.getMessage().contains("request id req-123"), e.getMessage());
    assertFalse(e.getMessage().contains("deadbeef"), "never the query string: " + e.getMessage());
  }

  @Test
  void noSuchBucket() {
    assertInstanceOf(NoSuchBucketException.class, S3Errors.exceptionFor(response("GET", 404, error("NoSuchBucket", "no"))));
  }

  @Test
  void noSuchUpload() {
    assertInstanceOf(NoSuchUploadException.class, S3Errors.exceptionFor(response("POST", 404, error("NoSuchUpload", "no"))));
  }

  @Test
  void accessDeniedIsPermissionDenied() {
    HfHttpException e = S3Errors.exceptionFor(response("GET", 403, error("AccessDenied", "Request has expired")));
    assertInstanceOf(AccessDeniedException.class, e);
    assertInstanceOf(PermissionDeniedException.class, e);
  }

  @Test
  void signatureMismatchIsAuthenticationThoughTheStatusIs403() {
    HfHttpException e = S3Errors.exceptionFor(response("PUT", 403, error("SignatureDoesNotMatch", "nope")));
    assertInstanceOf(SignatureDoesNotMatchException.class, e);
    assertInstanceOf(AuthenticationException.class, e);
    assertTrue(e.getMessage().contains("R2_SECRET_ACCESS_KEY"), e.getMessage());
  }

  @Test
  void unknownAccessKeyIsAuthentication() {
    HfHttpException e = S3Errors.exceptionFor(response("GET", 403, error("InvalidAccessKeyId", "unknown")));
    assertInstanceOf(InvalidAccessKeyIdException.class, e);
    assertInstanceOf(AuthenticationException.class, e);
  }

  @Test
  void requestIdFallsBackToTheBodyThenToCfRay() {
    assertEquals("body-id", S3Errors.exceptionFor(response("GET", 500, error("InternalError", "x"))).requestId());
    assertEquals("8f2a-SJC", S3Errors.exceptionFor(response("GET", 502, "<html>bad gateway</html>", "cf-ray", "8f2a-SJC"))
        .requestId());
  }

  @Test
  void headHasNoBodySoA404IsAMissingKey() {
    assertInstanceOf(NoSuchKeyException.class, S3Errors.exceptionFor(response("HEAD", 404, "")));
    assertInstanceOf(AccessDeniedException.class, S3Errors.exceptionFor(response("HEAD", 403, "")));
  }

  @Test
  void otherCodesFallBackToTheStatus() {
    assertInstanceOf(ServerException.class, S3Errors.exceptionFor(response("PUT", 503, error("SlowDown", "slow"))));
    assertInstanceOf(RateLimitException.class, S3Errors.exceptionFor(response("PUT", 429, error("TooManyRequests", "x"))));
    assertInstanceOf(BadRequestException.class, S3Errors.exceptionFor(response("POST", 400, error("EntityTooSmall", "x"))));
    assertInstanceOf(ConflictException.class, S3Errors.exceptionFor(response("PUT", 409, error("BucketNotEmpty", "x"))));
    assertInstanceOf(UnexpectedStatusException.class, S3Errors.exceptionFor(response("GET", 416, error("InvalidRange", "x"))));
    assertInstanceOf(NotFoundException.class, S3Errors.exceptionFor(response("GET", 404, "<html>not here</html>")));
  }

  @Test
  void anErrorInsideA200TakesTheStatusOfItsCode() {
    Response ok = response("POST", 200, error("InternalError", "try again"));
    byte[] body = error("InternalError", "try again").getBytes(StandardCharsets.UTF_8);
    HfHttpException e = S3Errors.exceptionFor(S3Errors.statusForCode("InternalError"), ok, body);
    assertInstanceOf(ServerException.class, e);
    assertEquals(500, e.statusCode());
    assertInstanceOf(BadRequestException.class,
        S3Errors.exceptionFor(S3Errors.statusForCode("InvalidPart"), ok, error("InvalidPart", "x").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void plainTextBodiesBecomeTheServerMessage() {
    HfHttpException e = S3Errors.exceptionFor(response("GET", 500, "upstream exploded"));
    assertEquals("upstream exploded", e.serverMessage());
  }
}
