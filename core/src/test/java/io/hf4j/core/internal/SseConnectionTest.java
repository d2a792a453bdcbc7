package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import io.hf4j.core.StreamLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The line bound of the shared event-stream reader: counted from each newline, across reads, LF, CR or CRLF. */
class SseConnectionTest {
  @StartStop final MockWebServer server = new MockWebServer();
  HfHttp http;

  @BeforeEach
  void setUp() {
    FakeTime t = new FakeTime();
    http = HfHttp.of(HfConfig.builder().endpoint(server.url("/").toString()).clock(t).sleeper(t::sleep).maxRetries(0).build());
  }

  private SseConnection.Result read(SseConnection c, String body, List<String> data) {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").chunkedBody(body, 7).build());
    Request request = new Request.Builder().url(server.url("/events")).build();
    return c.read(http, SseFollower.sseClient(http, Duration.ofSeconds(10)), request, (type, d) -> data.add(d), status -> false);
  }

  @Test
  void linesUpToTheBoundPassHoweverLongTheStream() {
    String line = "data: " + "x".repeat(94); // 100 bytes
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) body.append(line).append(i % 3 == 0 ? "\r\n\r\n" : i % 3 == 1 ? "\n\n" : "\r\r");
    List<String> data = new ArrayList<>();
    SseConnection.Result r = read(new SseConnection(100), body.toString(), data);
    assertEquals(SseConnection.End.CLOSED, r.end());
    assertEquals(50, data.size());
  }

  @Test
  void aLineOneByteOverTheBoundIsATypedError() {
    List<String> data = new ArrayList<>();
    StreamLimitException e = assertThrows(StreamLimitException.class,
        () -> read(new SseConnection(100), "data: ok\n\n" + "data: " + "x".repeat(95) + "\n\n", data));
    assertEquals(List.of("ok"), data);
    assertTrue(e.getMessage().contains("longer than 100 bytes") && e.getMessage().contains("GET /events"), e.getMessage());
  }
}
