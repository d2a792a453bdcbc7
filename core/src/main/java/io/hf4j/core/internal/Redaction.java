package io.hf4j.core.internal;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/** What may be shown of a request in logs and messages. */
public final class Redaction {
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "cookie", "set-cookie", "x-amz-security-token", "proxy-authorization");
  private static final Set<String> SECRET_QUERY =
      Set.of("x-amz-signature", "x-amz-security-token", "x-amz-credential", "signature", "token", "sig");

  private Redaction() {}

  /** The path of a URL, never its query string (presigned URLs carry signatures there). */
  public static String path(HttpUrl url) {
    return url.encodedPath();
  }

  /** Whether a header's value must never be shown. */
  public static boolean isSecretHeader(String name) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
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

  /** {@code text} with every occurrence of {@code secret} replaced by {@code ****}. */
  public static String scrub(String text, String secret) {
    if (secret == null || secret.isEmpty() || text == null) return text;
    return text.replace(secret, "****");
  }
}
