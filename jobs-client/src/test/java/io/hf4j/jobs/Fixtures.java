package io.hf4j.jobs;

import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.HfConfig;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** JSON answers of the Jobs API and a configuration pointed at a MockWebServer. */
final class Fixtures {
  static final String TOKEN = "hf_testtoken_do_not_leak_123456";

  private Fixtures() {}

  static HfConfig config(MockWebServer server, FakeTime time, int maxRetries) {
    return HfConfig.builder()
        .endpoint(server.url("/").toString())
        .token(TOKEN)
        .clock(time)
        .sleeper(time::sleep)
        .maxRetries(maxRetries)
        .jitter(0)
        .rateLimitPacing(false)
        .build();
  }

  static String job(String id, String stage) {
    return job(id, stage, null);
  }

  static String job(String id, String stage, String message) {
    return "{\"id\":\"" + id + "\",\"createdAt\":\"2025-07-22T16:06:25.079Z\",\"startedAt\":null,\"finishedAt\":null,"
        + "\"dockerImage\":\"python:3.12\",\"spaceId\":null,\"command\":[\"python\",\"-c\",\"print('hi')\"],\"arguments\":[],"
        + "\"environment\":{},\"secrets\":[\"HF_TOKEN\"],\"flavor\":\"cpu-basic\",\"labels\":{\"name\":\"python-3-12-5c1fcc4a\"},"
        + "\"status\":{\"stage\":\"" + stage + "\",\"message\":" + (message == null ? "null" : "\"" + message + "\"") + "},"
        + "\"owner\":{\"id\":\"5e9ecfc04957053f60648a3e\",\"name\":\"alice\",\"type\":\"user\"}}";
  }

  static MockResponse whoami(String name) {
    return io.hf4j.testfixtures.MockResponses.json("{\"type\":\"user\",\"name\":\"" + name + "\",\"fullname\":\"A\"}");
  }

  static String logEvent(String text, String timestamp) {
    return "data: {\"data\":\"" + text + "\",\"timestamp\":\"" + timestamp + "\"}\n\n";
  }
}
