package io.hf4j.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every request that goes on the wire (redirect hops included) as a copy-pasteable curl line,
 * with the token and other secrets replaced by placeholders. DEBUG on logger {@code io.hf4j.http}, or
 * INFO when {@code HF_DEBUG} is on.
 */
final class CurlLogger implements Interceptor {
  static final Logger LOG = LoggerFactory.getLogger("io.hf4j.http");
  private static final long MAX_BODY = 2048;
  private final boolean info;

  CurlLogger(boolean info) {
    this.info = info;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (info ? LOG.isInfoEnabled() : LOG.isDebugEnabled()) {
      String line = curl(request);
      if (info) LOG.info(line);
      else LOG.debug(line);
    }
    return chain.proceed(request);
  }

  static String curl(Request request) throws IOException {
    StringBuilder sb = new StringBuilder("curl -X ").append(request.method());
    for (int i = 0; i < request.headers().size(); i++) {
      String name = request.headers().name(i);
      String value = request.headers().value(i);
      if (name.equalsIgnoreCase("Authorization")) value = value.startsWith("Bearer ") ? "Bearer <TOKEN>" : "<REDACTED>";
      else if (Redaction.isCredentialLike(name)) value = "<REDACTED>";
      sb.append(" -H ").append(quote(name + ": " + value));
    }
    RequestBody body = request.body();
    if (body != null) {
      long length = body.contentLength();
      MediaType type = body.contentType();
      boolean text = type != null && (type.type().equals("text") || type.subtype().contains("json")
          || type.subtype().contains("ndjson") || type.subtype().contains("x-www-form-urlencoded"));
      if (text && length >= 0 && length <= MAX_BODY && !body.isOneShot() && !body.isDuplex()) {
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        String content = buffer.readString(StandardCharsets.UTF_8);
        if (type.subtype().contains("json")) content = Redaction.jsonBody(content, request.url().encodedPath());
        else if (type.subtype().contains("x-www-form-urlencoded")) content = Redaction.formBody(content);
        sb.append(" -d ").append(quote(content));
      } else {
        sb.append(" -d ").append(quote("<" + (length >= 0 ? length + " bytes" : "streamed body") + ">"));
      }
    }
    sb.append(' ').append(quote(Redaction.url(request.url())));
    return sb.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
