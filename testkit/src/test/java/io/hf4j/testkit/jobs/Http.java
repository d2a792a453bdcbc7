package io.hf4j.testkit.jobs;

import io.hf4j.testkit.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A plain HTTP client for the emulator's Jobs API. */
final class Http {
  record Reply(int code, String body, HttpHeaders headers) {
    Map<String, Object> object() {
      return Json.asObject(Json.parse(body), "answer");
    }

    List<Object> list() {
      return Json.asList(Json.parse(body), "answer");
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  Http(String base, String token) {
    this.base = base;
    this.token = token;
  }

  Http as(String otherToken) {
    return new Http(base, otherToken);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Reply get(String path) {
    return send(request(path).GET().build());
  }

  Reply post(String path, Object json) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(json));
    HttpRequest.Builder b = request(path).POST(body);
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    return send(b.build());
  }

  Reply put(String path, Object json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(Json.write(json))).build());
  }

  Reply delete(String path) {
    return send(request(path).DELETE().build());
  }

  private Reply send(HttpRequest r) {
    try {
      HttpResponse<String> resp = client.send(r, HttpResponse.BodyHandlers.ofString());
      return new Reply(resp.statusCode(), resp.body(), resp.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Opens an SSE stream; the caller reads it line by line. */
  HttpResponse<InputStream> open(String path) {
    try {
      return client.send(request(path).header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The whole body of a stream that the server ends, as raw lines; fails after {@code timeout}. */
  List<String> readStream(String path, Duration timeout) {
    HttpResponse<InputStream> resp = open(path);
    try {
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> lines(resp.body())).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the stream did not end within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The lines read until the stream ended or broke; a broken stream adds a last line "<broken>". */
  static List<String> lines(InputStream in) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    } catch (IOException e) {
      out.add("<broken>");
    }
    return out;
  }

  /** The {@code data} texts of log events among raw SSE lines. */
  static List<String> logTexts(List<String> raw) {
    List<String> out = new ArrayList<>();
    for (String l : raw) {
      if (l.startsWith("data: ")) {
        out.add(Json.string(Json.asObject(Json.parse(l.substring(6)), "event"), "data"));
      }
    }
    return out;
  }
}
