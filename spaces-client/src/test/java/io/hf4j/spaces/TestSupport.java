package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import com.squareup.moshi.JsonAdapter;
import io.hf4j.core.HfConfig;
import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared helpers: configurations pointed at a mock server on a fake clock, canned answers. */
final class TestSupport {
  static final String TOKEN = "hf_test_token_0123456789";

  private TestSupport() {}

  static HfConfig.Builder configBuilder(MockWebServer hub, Path home, FakeTime clock) {
    return HfConfig.builder()
        .endpoint(hub.url("/").toString())
        .token(TOKEN)
        .hfHome(home)
        .clock(clock)
        .sleeper(clock::sleep)
        .rateLimitPacing(false);
  }

  private static final JsonAdapter<Object> ANY = Json.moshi().adapter(Object.class);

  /** Parses JSON into maps/lists/doubles for structural comparison. */
  static Object parse(String json) {
    try {
      return ANY.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String RUNTIME_BUILDING = "{\"stage\":\"BUILDING\",\"hardware\":{\"current\":null,\"requested\":\"cpu-basic\"},"
      + "\"storage\":null,\"gcTimeout\":172800,\"replicas\":{\"requested\":1},\"devMode\":false,"
      + "\"domains\":[{\"domain\":\"user-tmp-test-space.hf.space\",\"stage\":\"READY\"}]}";

  static String runtime(String stage) {
    return RUNTIME_BUILDING.replace("\"BUILDING\"", "\"" + stage + "\"");
  }

  /** An event-stream body: one {@code data: {"data": line, "timestamp": ...}} event a line, then the end. */
  static MockResponse sse(String... lines) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (String line : lines) {
      sb.append("data: {\"data\": \"").append(line.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
          .append("\", \"timestamp\": \"2026-01-01T00:00:").append(String.format("%02d", i++ % 60)).append(".000Z\"}\n\n");
    }
    return MockResponses.sse(sb.toString());
  }

}
