package io.hf4j.testkit;

import static io.hf4j.testkit.Fixtures.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.spi.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that has seen an answer finds its request in {@link HubEmulator#requests()}: the emulator records a
 * request before it writes the answer, so tests assert on the log right after a call returns, without waiting.
 */
class RequestLogOrderTest {
  private HubEmulator hub;
  private TestHttp http;

  @BeforeEach
  void start() {
    hub = HubEmulator.builder().build().start();
    http = new TestHttp(hub.url(), Duration.ofSeconds(20));
    Fixtures.createRepo(http, "model", "order");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  private List<RecordedRequest> logged(String method, String path) {
    return hub.requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
  }

  @Test
  void theRequestIsInTheLogWhileItsAnswerIsStillBeingWritten() {
    // The answer's bytes are all sent and flushed, then the handler holds the exchange open until the test
    // has looked at the log: logging after the answer would miss the request every time.
    CountDownLatch checked = new CountDownLatch(1);
    byte[] body = "held".getBytes(StandardCharsets.UTF_8);
    hub.context().routes().add("GET", "/api/test/held", req -> Response.stream(200, "text/plain", body.length, out -> {
      out.write(body);
      out.flush();
      try {
        checked.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
    }));
    try {
      TestHttp.Reply reply = http.get("/api/test/held", WRITE);
      assertEquals("held", reply.text());
      List<RecordedRequest> log = logged("GET", "/api/test/held");
      assertEquals(1, log.size(), "the answer arrived, so its request is logged: " + hub.requests());
      assertEquals(200, log.get(0).status());
      assertEquals("testuser", log.get(0).user());
    } finally {
      checked.countDown();
    }
  }

  @Test
  void everyAnsweredRequestIsLoggedWhenTheCallReturns() throws IOException {
    hub.faults().inject(FaultRule.on("GET", "/api/models/testuser/order/revision/broken").status(503));
    String commitPath = "/api/models/testuser/order/commit/main";
    for (int i = 1; i <= 150; i++) {
      TestHttp.Reply commit = Fixtures.commit(http, "models/testuser/order", "main",
          new Fixtures.Commit("c" + i).file("f" + i + ".txt", Fixtures.utf8("v" + i)));
      assertEquals(200, commit.code(), commit::text);
      List<RecordedRequest> commits = logged("POST", commitPath);
      assertEquals(i, commits.size(), "commit " + i + " answered but not logged");
      RecordedRequest last = commits.get(commits.size() - 1);
      assertEquals(200, last.status());
      assertTrue(last.requestBytes() > 0, "the body was read before the request was logged");

      assertEquals(200, http.head("/api/models/testuser/order/revision/main", WRITE).code());
      assertEquals(i, logged("HEAD", "/api/models/testuser/order/revision/main").size(), "HEAD " + i);

      assertEquals(503, http.get("/api/models/testuser/order/revision/broken", WRITE).code());
      List<RecordedRequest> faulted = logged("GET", "/api/models/testuser/order/revision/broken");
      assertEquals(i, faulted.size(), "injected status " + i);
      assertEquals(FaultKind.STATUS, faulted.get(i - 1).fault());
      assertEquals(503, faulted.get(i - 1).status());
    }
  }
}
