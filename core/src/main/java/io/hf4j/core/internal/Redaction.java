package io.hf4j.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/** What may be shown of a request in logs and messages. */
public final class Redaction {
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "cookie", "set-cookie", "x-amz-security-token", "proxy-authorization");
  private static final Set<String> SECRET_QUERY =
      Set.of("x-amz-signature", "x-amz-security-token", "x-amz-credential", "signature", "token", "sig");

  private static final List<String> CREDENTIAL_WORDS = List.of("token", "auth", "key", "secret", "password", "passwd",
      "session", "cookie", "signature", "credential", "api-key", "apikey");

  private Redaction() {}

  /** The path of a URL, never its query string (presigned URLs carry signatures there). */
  public static String path(HttpUrl url) {
    return url.encodedPath();
  }

  /** Whether a header's value must never be shown. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether a header looks like it carries a credential: the known secret headers, and any name with
   * token, auth, key, secret, password, session, cookie, signature or credential in it.
   */
  public static boolean isCredentialLike(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (SECRET_HEADERS.contains(n)) return true;
    for (String w : CREDENTIAL_WORDS) {
      if (n.contains(w)) return true;
    }
    return false;
  }

  /** The URL with signature-like query values replaced by {@code ****}. */
  public static String url(HttpUrl url) {
    if (url.querySize() == 0) return url.toString();
    HttpUrl.Builder b = url.newBuilder().query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, SECRET_QUERY.contains(name.toLowerCase(Locale.ROOT)) ? "****" : value);
    }
    return b.build().toString();
  }

  /**
   * A JSON request body for a log line, with sensitive values replaced field by field: everything under
   * a {@code secrets} field (Job secrets, Space secrets at creation), the {@code value} of a request to
   * a {@code .../secrets} path (a Space secret), and every field whose name is credential-like (token,
   * password, secret, key...). A body that does not parse is not shown.
   */
  public static String jsonBody(String json, String path) {
    boolean secretPath = path.endsWith("/secrets") || path.contains("/secrets/");
    okio.Buffer out = new okio.Buffer();
    try (com.squareup.moshi.JsonReader reader = com.squareup.moshi.JsonReader.of(new okio.Buffer().writeUtf8(json));
        com.squareup.moshi.JsonWriter writer = com.squareup.moshi.JsonWriter.of(out)) {
      writer.setSerializeNulls(true);
      copy(reader, writer, secretPath, Mode.PLAIN);
      if (reader.peek() != com.squareup.moshi.JsonReader.Token.END_DOCUMENT) throw new java.io.IOException("trailing data");
    } catch (java.io.IOException | RuntimeException e) {
      return "<" + json.length() + " chars of unparsable JSON>";
    }
    return out.readUtf8();
  }

  /** Where a value sits: anywhere, a {@code secrets} map or list, or an object in a {@code secrets} list. */
  private enum Mode { PLAIN, SECRET, SECRET_LIST, SECRET_ITEM }

  private static void copy(com.squareup.moshi.JsonReader r, com.squareup.moshi.JsonWriter w, boolean secretPath, Mode mode)
      throws java.io.IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        r.beginObject();
        w.beginObject();
        while (r.hasNext()) {
          String key = r.nextName();
          w.name(key);
          Mode child;
          if (mode == Mode.SECRET) child = Mode.SECRET;
          else if (mode == Mode.SECRET_ITEM) child = key.equals("key") ? Mode.PLAIN : Mode.SECRET;
          else if (key.equalsIgnoreCase("secrets")) child = r.peek() == com.squareup.moshi.JsonReader.Token.BEGIN_ARRAY ? Mode.SECRET_LIST : Mode.SECRET;
          else if (isSecretField(key) || secretPath && key.equals("value")) child = Mode.SECRET;
          else child = Mode.PLAIN;
          copy(r, w, secretPath, child);
        }
        r.endObject();
        w.endObject();
      }
      case BEGIN_ARRAY -> {
        r.beginArray();
        w.beginArray();
        while (r.hasNext()) copy(r, w, secretPath, mode == Mode.SECRET_LIST ? Mode.SECRET_ITEM : mode);
        r.endArray();
        w.endArray();
      }
      case NULL -> w.value((String) r.nextNull());
      default -> {
        if (mode == Mode.SECRET || mode == Mode.SECRET_ITEM) {
          r.skipValue();
          w.value(REDACTED);
        } else if (r.peek() == com.squareup.moshi.JsonReader.Token.NUMBER) {
          w.value(new java.math.BigDecimal(r.nextString()));
        } else if (r.peek() == com.squareup.moshi.JsonReader.Token.BOOLEAN) {
          w.value(r.nextBoolean());
        } else {
          w.value(r.nextString());
        }
      }
    }
  }

  /** A form body for a log line, with credential-like fields replaced. */
  public static String formBody(String form) {
    StringBuilder sb = new StringBuilder();
    for (String pair : form.split("&", -1)) {
      if (sb.length() > 0) sb.append('&');
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      sb.append(eq >= 0 && isSecretField(name) ? name + "=" + REDACTED : pair);
    }
    return sb.toString();
  }

  private static final String REDACTED = "<REDACTED>";

  private static boolean isSecretField(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    return n.contains("token") || n.contains("secret") || n.contains("password") || n.contains("passwd")
        || n.contains("apikey") || n.contains("credential") || n.equals("authorization") || n.equals("cookie");
  }

  /** {@code text} with every occurrence of {@code secret} replaced by {@code ****}. */
  public static String scrub(String text, String secret) {
    if (secret == null || secret.isEmpty() || text == null) return text;
    return text.replace(secret, "****");
  }
}
