package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the aws-c-auth SigV4 suite ({@code src/test/resources/sigv4/v4}) through {@link SigV4Signer}:
 * canonical request, string to sign and signature must match the published files byte for byte, in
 * the header form and in the query (presigned) form.
 */
class SigV4VectorsTest {
  /**
   * The only cases not run, with the reason. S3 signs the path as sent and never normalizes it, so a
   * case whose published result exists only because the path was normalized ({@code normalize: true}
   * on a path with {@code .}, {@code ..} or {@code //}) does not apply; its {@code -unnormalized} twin
   * is run instead. {@link #skippedCasesAreOnlyNormalizedTwins()} checks that each entry is exactly that.
   */
  static final Map<String, String> SKIPPED = Map.of(
      "get-relative-normalized", "normalize:true resolves '/example/..'; S3 signs it as sent (see get-relative-unnormalized)",
      "get-relative-relative-normalized",
          "normalize:true resolves '/example1/example2/../..'; S3 signs it as sent (see get-relative-relative-unnormalized)",
      "get-slash-dot-slash-normalized", "normalize:true resolves '/./'; S3 signs it as sent (see get-slash-dot-slash-unnormalized)",
      "get-slash-normalized", "normalize:true merges '//'; S3 signs it as sent (see get-slash-unnormalized)",
      "get-slash-pointless-dot-normalized",
          "normalize:true resolves '/./example'; S3 signs it as sent (see get-slash-pointless-dot-unnormalized)",
      "get-slashes-normalized", "normalize:true merges '//example//'; S3 signs it as sent (see get-slashes-unnormalized)");

  private static final Path ROOT = resourceRoot();

  @TestFactory
  Stream<DynamicTest> headerForm() throws IOException {
    return cases().filter(c -> !SKIPPED.containsKey(c)).map(c -> DynamicTest.dynamicTest(c, () -> checkHeaderForm(c)));
  }

  @TestFactory
  Stream<DynamicTest> queryForm() throws IOException {
    return cases().filter(c -> !SKIPPED.containsKey(c)).map(c -> DynamicTest.dynamicTest(c, () -> checkQueryForm(c)));
  }

  @Test
  void everyCaseIsRunOrListedAsSkipped() throws IOException {
    List<String> all = cases().toList();
    assertEquals(38, all.size(), "the suite has 38 v4 cases");
    assertTrue(all.containsAll(SKIPPED.keySet()), "every skipped name is a real case: " + SKIPPED.keySet());
    assertEquals(32, all.stream().filter(c -> !SKIPPED.containsKey(c)).count());
  }

  @Test
  void skippedCasesAreOnlyNormalizedTwins() throws IOException {
    for (String name : SKIPPED.keySet()) {
      Context ctx = Context.read(ROOT.resolve(name));
      assertTrue(ctx.normalize, name + " is a normalize:true case");
      String twin = name.replace("-normalized", "-unnormalized");
      assertTrue(Files.isDirectory(ROOT.resolve(twin)), name + " has an unnormalized twin that is run: " + twin);
      assertTrue(!SKIPPED.containsKey(twin));
      // The published result really differs from S3's (unnormalized) one, so skipping is not hiding a failure.
      assertNotEquals(read(ROOT.resolve(name).resolve("header-canonical-request.txt")),
          read(ROOT.resolve(twin).resolve("header-canonical-request.txt")));
    }
  }

  @Test
  void s3DocumentationHeaderExample() {
    // AWS S3 API reference, "Example: GET Object" (header auth with a signed empty payload).
    SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3", null);
    SigV4Signer.Signable req = new SigV4Signer.Signable("GET", "/test.txt", List.of(), List.of(
        new SigV4Signer.Header("Host", "examplebucket.s3.amazonaws.com"),
        new SigV4Signer.Header("Range", "bytes=0-9")));
    SigV4Signer.HeaderSigned s = signer.signHeaders(req, Instant.parse("2013-05-24T00:00:00Z"), SigV4Signer.EMPTY_SHA256, true);
    assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", s.signature().signature());
    assertEquals("host;range;x-amz-content-sha256;x-amz-date", s.signature().signedHeaders());
  }

  @Test
  void s3DocumentationPresignedExample() {
    // AWS S3 API reference, "Example: presigned GET Object", valid 24 hours.
    SigV4Signer signer = new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3", null);
    SigV4Signer.Signable req = new SigV4Signer.Signable("GET", "/test.txt", List.of(),
        List.of(new SigV4Signer.Header("Host", "examplebucket.s3.amazonaws.com")));
    SigV4Signer.QuerySigned s = signer.presign(req, Instant.parse("2013-05-24T00:00:00Z"), Duration.ofDays(1), SigV4Signer.UNSIGNED_PAYLOAD);
    assertEquals("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", s.signature().signature());
  }

  private static void checkHeaderForm(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Context ctx = Context.read(dir);
    ParsedRequest req = ParsedRequest.read(dir.resolve("request.txt"));
    SigV4Signer signer = ctx.signer();
    String payloadHash = SigV4Signer.sha256Hex(req.body);
    SigV4Signer.HeaderSigned signed = signer.signHeaders(req.signable(), ctx.timestamp, payloadHash, ctx.signBody);
    assertEquals(read(dir.resolve("header-canonical-request.txt")), signed.signature().canonicalRequest(), "canonical request");
    assertEquals(read(dir.resolve("header-string-to-sign.txt")), signed.signature().stringToSign(), "string to sign");
    assertEquals(read(dir.resolve("header-signature.txt")).strip(), signed.signature().signature(), "signature");
    String expectedAuthorization = read(dir.resolve("header-signed-request.txt")).lines()
        .filter(l -> l.startsWith("Authorization:")).findFirst().orElseThrow().substring("Authorization:".length());
    assertEquals(expectedAuthorization, signed.authorization(), "Authorization header");
  }

  private static void checkQueryForm(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    Context ctx = Context.read(dir);
    ParsedRequest req = ParsedRequest.read(dir.resolve("request.txt"));
    String payloadHash = SigV4Signer.sha256Hex(req.body);
    SigV4Signer.QuerySigned signed = ctx.signer().presign(req.signable(), ctx.timestamp, ctx.expiration, payloadHash);
    assertEquals(read(dir.resolve("query-canonical-request.txt")), signed.signature().canonicalRequest(), "canonical request");
    assertEquals(read(dir.resolve("query-string-to-sign.txt")), signed.signature().stringToSign(), "string to sign");
    String signature = read(dir.resolve("query-signature.txt")).strip();
    assertEquals(signature, signed.signature().signature(), "signature");
    assertTrue(signed.encodedQuery().endsWith("&X-Amz-Signature=" + signature), signed.encodedQuery());
  }

  private static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return new TreeSet<>(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList()).stream();
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static Path resourceRoot() {
    URL url = SigV4VectorsTest.class.getResource("/sigv4/v4");
    if (url == null) throw new IllegalStateException("test resources sigv4/v4 missing");
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fields of {@code context.json} the v4 suite uses. */
  private static final class Context {
    String accessKey;
    String secretKey;
    String token;
    boolean omitSessionToken;
    boolean normalize;
    boolean signBody;
    String region;
    String service;
    Instant timestamp;
    Duration expiration;

    static Context read(Path dir) throws IOException {
      String json = SigV4VectorsTest.read(dir.resolve("context.json"));
      Context c = new Context();
      c.accessKey = string(json, "access_key_id");
      c.secretKey = string(json, "secret_access_key");
      c.token = optionalString(json, "token");
      c.omitSessionToken = bool(json, "omit_session_token", false);
      c.normalize = bool(json, "normalize", true);
      c.signBody = bool(json, "sign_body", false);
      c.region = string(json, "region");
      c.service = string(json, "service");
      c.timestamp = Instant.parse(string(json, "timestamp"));
      Matcher m = Pattern.compile("\"expiration_in_seconds\"\\s*:\\s*(\\d+)").matcher(json);
      if (!m.find()) throw new IllegalStateException("expiration_in_seconds missing in " + dir);
      c.expiration = Duration.ofSeconds(Long.parseLong(m.group(1)));
      return c;
    }

    /** With {@code omit_session_token} the token is attached after signing, so it is not signed. */
    SigV4Signer signer() {
      return new SigV4Signer(accessKey, secretKey, region, service, omitSessionToken ? null : token);
    }

    private static String string(String json, String key) {
      String v = optionalString(json, key);
      if (v == null) throw new IllegalStateException(key + " missing");
      return v;
    }

    private static String optionalString(String json, String key) {
      Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
      return m.find() ? m.group(1) : null;
    }

    private static boolean bool(String json, String key, boolean dflt) {
      Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(true|false)").matcher(json);
      return m.find() ? Boolean.parseBoolean(m.group(1)) : dflt;
    }
  }

  /** {@code request.txt}: request line, headers (folded lines continue the previous one), blank line, body. */
  private static final class ParsedRequest {
    String method;
    String path;
    String rawQuery;
    final List<SigV4Signer.Header> headers = new ArrayList<>();
    byte[] body = new byte[0];

    static ParsedRequest read(Path file) throws IOException {
      String text = SigV4VectorsTest.read(file);
      ParsedRequest r = new ParsedRequest();
      int blank = text.indexOf("\n\n");
      String head = blank < 0 ? text : text.substring(0, blank);
      if (blank >= 0) r.body = text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
      List<String> lines = head.lines().toList();
      String requestLine = lines.get(0);
      r.method = requestLine.substring(0, requestLine.indexOf(' '));
      String target = requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
      int q = target.indexOf('?');
      r.path = S3Encoding.decode(q < 0 ? target : target.substring(0, q));
      r.rawQuery = q < 0 ? null : target.substring(q + 1);
      List<String[]> raw = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !raw.isEmpty()) {
          String[] last = raw.get(raw.size() - 1);
          last[1] = last[1] + "\n" + line;
        } else {
          int colon = line.indexOf(':');
          raw.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
        }
      }
      for (String[] h : raw) r.headers.add(new SigV4Signer.Header(h[0], h[1]));
      return r;
    }

    SigV4Signer.Signable signable() {
      return new SigV4Signer.Signable(method, path, S3Encoding.parseQuery(rawQuery), headers);
    }
  }
}
