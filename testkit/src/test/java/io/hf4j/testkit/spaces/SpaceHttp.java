package io.hf4j.testkit.spaces;

import io.hf4j.testkit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Raw HTTP to the emulator for the Spaces tests. */
final class SpaceHttp {
  private static final MediaType JSON = MediaType.get("application/json");

  /** A finished exchange. */
  record Reply(int code, String body) {
    Map<String, Object> obj() {
      return Json.asObject(Json.parse(body), "body");
    }

    @Override
    public String toString() {
      return code + " " + body;
    }
  }

  private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
  private final String base;

  SpaceHttp(String base) {
    this.base = base;
  }

  Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  Reply post(String path, String token, Object json) {
    return send("POST", path, token, json);
  }

  Reply delete(String path, String token, Object json) {
    return send("DELETE", path, token, json);
  }

  Reply send(String method, String path, String token, Object json) {
    String url = path.startsWith("http") ? path : base + path;
    Request.Builder b = new Request.Builder().url(url);
    if (token != null) b.header("Authorization", "Bearer " + token);
    RequestBody body = null;
    if (json != null) body = RequestBody.create(Json.write(json), JSON);
    else if (method.equals("POST")) body = RequestBody.create(new byte[0], null);
    b.method(method, body);
    try (Response r = client.newCall(b.build()).execute()) {
      return new Reply(r.code(), new String(r.body().bytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
