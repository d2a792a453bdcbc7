package io.hf4j.testkit;

import io.hf4j.testkit.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** A plain OkHttp client for talking to the emulator in tests (no redirects followed, no silent retries). */
final class TestHttp {
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType NDJSON = MediaType.get("application/x-ndjson");
  static final MediaType LFS = MediaType.get("application/vnd.git-lfs+json");
  static final MediaType OCTETS = MediaType.get("application/octet-stream");

  /** A finished exchange. */
  record Reply(int code, Headers headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Object json() {
      return Json.parse(body);
    }

    Map<String, Object> obj() {
      return Json.asObject(json(), "body");
    }

    List<Object> list() {
      return Json.asList(json(), "body");
    }

    String header(String name) {
      return headers.get(name);
    }

    @Override
    public String toString() {
      return code + " " + text();
    }
  }

  final OkHttpClient client;
  final String base;

  TestHttp(String base) {
    this(base, Duration.ofSeconds(30));
  }

  TestHttp(String base, Duration timeout) {
    this.base = base;
    this.client = new OkHttpClient.Builder()
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .readTimeout(timeout)
        .callTimeout(timeout.plusSeconds(5))
        .build();
  }

  Request.Builder request(String pathOrUrl, String token) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
    Request.Builder b = new Request.Builder().url(url);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Reply execute(Request request) {
    try {
      return executeOrThrow(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply executeOrThrow(Request request) throws IOException {
    try (Response r = client.newCall(request).execute()) {
      ResponseBody body = r.body();
      return new Reply(r.code(), r.headers(), body == null ? new byte[0] : body.bytes());
    }
  }

  Reply get(String path, String token) {
    return execute(request(path, token).get().build());
  }

  Reply head(String path, String token) {
    return execute(request(path, token).head().build());
  }

  Reply send(String method, String path, String token, MediaType type, byte[] body) {
    return execute(request(path, token).method(method, RequestBody.create(body, type)).build());
  }

  Reply post(String path, String token, MediaType type, String body) {
    return send("POST", path, token, type, body.getBytes(StandardCharsets.UTF_8));
  }

  Reply postJson(String path, String token, Object json) {
    return post(path, token, JSON, Json.write(json));
  }

  Reply put(String url, byte[] body) {
    return send("PUT", url, null, OCTETS, body);
  }

  Reply deleteJson(String path, String token, Object json) {
    return send("DELETE", path, token, JSON, Json.write(json).getBytes(StandardCharsets.UTF_8));
  }
}
