package io.hf4j.spaces;

import com.squareup.moshi.JsonAdapter;
import io.hf4j.core.HfConfig;
import io.hf4j.core.Sleeper;
import io.hf4j.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared helpers: a manual clock, a sleeper that moves it, configurations pointed at a mock server. */
final class TestSupport {
  static final String TOKEN = "hf_test_token_0123456789";

  private TestSupport() {}

  /** A clock that moves only when told to. */
  static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Records every wait and moves the clock instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final ManualClock clock;

    RecordingSleeper(ManualClock clock) {
      this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
      clock.advance(duration);
    }
  }

  static HfConfig.Builder configBuilder(MockWebServer hub, Path home, ManualClock clock, RecordingSleeper sleeper) {
    return HfConfig.builder()
        .endpoint(hub.url("/").toString())
        .token(TOKEN)
        .hfHome(home)
        .clock(clock)
        .sleeper(sleeper)
        .rateLimitPacing(false);
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  static MockResponse json(String body) {
    return json(200, body);
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
    return sseBody(sb.toString());
  }

  /** A raw event-stream body. */
  static MockResponse sseBody(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
