package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hf4j.core.HfConfig;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** hf4j's curl debug log of R2 requests shows what was sent, never the credentials. */
class DebugLogTest {
  private static final String SECRET = "debug/secret+KEY";
  private static final String SESSION = "FwoGZXIvYXdzEdebugSESSIONtoken";
  @StartStop final MockWebServer server = new MockWebServer();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger http = (Logger) LoggerFactory.getLogger("io.hf4j.http");
  private Level previous;

  @BeforeEach
  void capture() {
    previous = http.getLevel();
    http.setLevel(Level.DEBUG);
    appender.start();
    http.addAppender(appender);
  }

  @AfterEach
  void release() {
    http.detachAppender(appender);
    http.setLevel(previous);
  }

  @Test
  void curlLinesCarryNoSecretSignatureOrSessionToken() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().setHeader("ETag", "\"e\"").build());
    R2Config config = R2Config.builder().endpoint(server.url("/").toString()).accessKeyId("AKIDLOG").secretAccessKey(SECRET)
        .sessionToken(SESSION).bucket("bucket").build();
    R2Client r2 = R2Client.create(config, HfConfig.builder().noToken().debugRequests(true).jitter(0).sleeper(d -> {}).build());
    r2.putObject("logged.txt", new byte[] {1});
    server.takeRequest();
    RecordedRequest sent = server.takeRequest();
    assertEquals(SESSION, sent.getHeaders().get("X-Amz-Security-Token"), "the token is sent and signed");
    assertTrue(sent.getHeaders().get("Authorization").contains("x-amz-security-token"));

    List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("curl ")).toList();
    assertEquals(2, lines.size(), "one curl line per attempt: " + lines);
    String signature = sent.getHeaders().get("Authorization").replaceAll(".*Signature=", "");
    for (String line : lines) {
      assertTrue(line.contains("/bucket/logged.txt"), line);
      assertFalse(line.contains(SECRET), line);
      assertFalse(line.contains(SESSION), line);
      assertFalse(line.contains(signature), line);
    }
  }
}
