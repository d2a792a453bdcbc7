package io.hf4j.examples.fashion;

import io.hf4j.testkit.spi.HubError;
import io.hf4j.testkit.spi.Request;
import io.hf4j.testkit.spi.Response;
import io.hf4j.testkit.spi.RouteHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inference Space of the fashion flow, emulated in process: {@code POST /classify} (a CNN in the
 * real app) and {@code POST /classify-vit} (a vision transformer) take a multipart form whose image is
 * in the field {@code imagen}, and answer {@code {"model", "label", "confidence", "sha256"}}. The
 * emulated models read the garment's silhouette ({@link GarmentImages#classify}).
 */
public final class ClassifierApp implements RouteHandler {
  /** The form field the real Space reads the image from. */
  public static final String FIELD = "imagen";
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern FIELD_NAME = Pattern.compile("name=\"([^\"]*)\"");

  @Override
  public Response handle(Request request) {
    String path = request.uri().getPath();
    String model;
    if (path.endsWith("/classify")) model = "garment-cnn";
    else if (path.endsWith("/classify-vit")) model = "garment-vit";
    else if (path.endsWith("/health")) return Response.json(200, Map.of("status", "ok"));
    else throw HubError.notFound("no route " + path);
    if (!request.method().equals("POST")) throw new HubError(405, null, "use POST " + path);
    String type = request.header("Content-Type");
    Matcher m = type == null ? null : BOUNDARY.matcher(type);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !m.find()) {
      throw HubError.unprocessable("send the image as multipart/form-data in the field '" + FIELD + "'");
    }
    byte[] image = part(request.bodyBytes(10L << 20), m.group(1), FIELD);
    if (image == null) throw HubError.unprocessable("field required: " + FIELD);
    String sha = sha256(image);
    GarmentImages.Prediction p;
    try {
      p = GarmentImages.classify(image);
    } catch (IllegalArgumentException e) {
      throw HubError.unprocessable("the field '" + FIELD + "' is not an image");
    }
    // The two models disagree a little on how sure they are, as two real models would.
    double confidence = model.equals("garment-vit") ? Math.min(0.99, p.confidence() + 0.04) : p.confidence();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("label", p.label());
    body.put("confidence", Math.round(confidence * 1000) / 1000.0);
    body.put("sha256", sha);
    return Response.json(200, body);
  }

  /** The bytes of the form field {@code name}, or null. */
  static byte[] part(byte[] body, String boundary, String name) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int start = indexOf(body, delimiter, 0);
    while (start >= 0) {
      int headersStart = start + delimiter.length + 2; // CRLF after the delimiter
      if (headersStart > body.length) return null;
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) return null;
      int next = indexOf(body, delimiter, headersEnd + 4);
      if (next < 0) return null;
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      Matcher field = FIELD_NAME.matcher(headers);
      if (field.find() && field.group(1).equals(name)) {
        int contentEnd = next - 2; // CRLF before the next delimiter
        return java.util.Arrays.copyOfRange(body, headersEnd + 4, contentEnd);
      }
      start = next;
    }
    return null;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
