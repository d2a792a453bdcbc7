package io.hf4j.testfixtures;

import mockwebserver3.MockResponse;

/** Canned MockWebServer answers the modules' wire tests share. */
public final class MockResponses {
  private MockResponses() {}

  /**
   * A JSON answer.
   *
   * @param code the status
   * @param body the JSON text
   * @return the response
   */
  public static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
  }

  /**
   * A 200 JSON answer.
   *
   * @param body the JSON text
   * @return the response
   */
  public static MockResponse json(String body) {
    return json(200, body);
  }

  /**
   * A 200 {@code text/event-stream} answer with this raw body (events already framed, e.g. {@code "data: {...}\n\n"}).
   *
   * @param body the event-stream text
   * @return the response
   */
  public static MockResponse sse(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
