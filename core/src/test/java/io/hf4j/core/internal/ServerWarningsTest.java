package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** {@code X-HF-Warning} headers are logged at WARN, each topic once, as the Python client does (issue 17 item 9). */
class ServerWarningsTest {
  @Test
  void eachTopicIsLoggedOnceAtWarn() throws Exception {
    try (MockWebServer hub = new MockWebServer()) {
      hub.start();
      HfHttp http = HfHttp.of(HfConfig.builder().endpoint(hub.url("/").toString()).build());
      for (int i = 0; i < 3; i++) {
        hub.enqueue(new MockResponse.Builder().addHeader("X-HF-Warning", "deprecation-t1; The endpoint t1\tis deprecated")
            .addHeader("X-HF-Warning", "quota-t1;You used 90% of your storage").body("{}").build());
      }
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream original = System.err;
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        for (int i = 0; i < 3; i++) http.execute(new Request.Builder().url(http.url("api/x")).build()).close();
      } finally {
        System.setErr(original);
      }
      String logs = captured.toString(StandardCharsets.UTF_8);
      assertEquals(1, count(logs, "The endpoint t1 is deprecated"), logs);
      assertEquals(1, count(logs, "You used 90% of your storage"), logs);
      assertTrue(logs.lines().anyMatch(l -> l.contains("WARN") && l.contains("The endpoint t1 is deprecated")), logs);
      assertFalse(logs.contains("\t"), "no control characters from the server reach the log");
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }
}
