package io.hf4j.hub;

import io.hf4j.core.HfConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A HubClient pointed at a MockWebServer, with a recording no-op sleeper. */
final class MockHub {
  static final String TOKEN = "hf_mock_secret_token";

  final MockWebServer server;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final HubClient hub;
  final HfConfig config;

  MockHub(MockWebServer server, Path home) {
    this.server = server;
    this.config = HfConfig.builder()
        .endpoint(server.url("/").toString())
        .token(TOKEN)
        .hfHome(home)
        .maxRetries(3)
        .sleeper(sleeps::add)
        .disableXet(true) // these are Git LFS wire tests; XetUploadTest covers Xet
        .build();
    this.hub = HubClient.create(config);
  }

  /**
   * A MockHub whose server answers through a new {@link Routes} ({@code routes()}), with HF_HOME in {@code dir}'s
   * {@code home} folder.
   */
  static MockHub routed(MockWebServer server, Path dir) throws java.io.IOException {
    MockHub mock = new MockHub(server, java.nio.file.Files.createDirectories(dir.resolve("home")));
    mock.routes = new Routes();
    server.setDispatcher(mock.routes);
    return mock;
  }

  /** The routes {@link #routed} installed, or null. */
  Routes routes;

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  static MockResponse json(String body) {
    return json(200, body);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("expected another request");
    return r;
  }

  String endpoint() {
    String s = server.url("/").toString();
    return s.substring(0, s.length() - 1);
  }
}
