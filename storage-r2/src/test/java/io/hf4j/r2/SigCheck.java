package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * Checks a request as a server received it, the way S3 servers check it: from the raw request target
 * and the headers on the wire. A request passes only if what was sent is exactly what was signed.
 */
final class SigCheck {
  private static final Pattern AUTH = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private SigCheck() {}

  static void assertSignedAsSent(RecordedRequest r, String accessKey, String secretKey) {
    String authorization = r.getHeaders().get("Authorization");
    assertNotNull(authorization, "no Authorization header");
    Matcher m = AUTH.matcher(authorization);
    assertTrue(m.matches(), authorization);
    assertEquals(accessKey, m.group(1));
    assertEquals("auto", m.group(3));
    assertEquals("s3", m.group(4));
    String target = r.getTarget();
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    String rawQuery = q < 0 ? null : target.substring(q + 1);
    // Sent exactly as signed: the raw path and query are already in canonical form.
    assertEquals(S3Encoding.encode(S3Encoding.decode(rawPath), true), rawPath, "path on the wire is canonical");
    if (rawQuery != null) {
      assertEquals(S3Encoding.canonicalQuery(S3Encoding.parseQuery(rawQuery)), rawQuery, "query on the wire is canonical");
    }
    String amzDate = r.getHeaders().get("X-Amz-Date");
    String payload = r.getHeaders().get("x-amz-content-sha256");
    assertNotNull(amzDate);
    assertNotNull(payload);
    assertEquals(amzDate.substring(0, 8), m.group(2));
    List<SigV4Signer.Header> headers = new ArrayList<>();
    for (String name : m.group(5).split(";")) {
      if (name.equals("x-amz-date") || name.equals("x-amz-content-sha256")) continue;
      List<String> values = r.getHeaders().values(name);
      assertTrue(!values.isEmpty(), "signed header " + name + " was not sent");
      for (String v : values) headers.add(new SigV4Signer.Header(name, v));
    }
    SigV4Signer.Signable signable =
        new SigV4Signer.Signable(r.getMethod(), S3Encoding.decode(rawPath), S3Encoding.parseQuery(rawQuery), headers);
    SigV4Signer.HeaderSigned expected = new SigV4Signer(accessKey, secretKey, "auto", "s3", null)
        .signHeaders(signable, Instant.from(AMZ_DATE.parse(amzDate)), payload, true);
    assertEquals(expected.signature().signedHeaders(), m.group(5), "signed headers");
    assertEquals(expected.signature().signature(), m.group(6), "signature of " + r.getRequestLine());
    if (!payload.equals(SigV4Signer.UNSIGNED_PAYLOAD)) {
      ByteString body = r.getBody();
      assertEquals(body == null ? SigV4Signer.EMPTY_SHA256 : body.sha256().hex(), payload, "x-amz-content-sha256");
    }
  }
}
