package io.hf4j.spaces;

import io.hf4j.testfixtures.MockResponses;
import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import io.hf4j.core.RepoId;
import java.nio.file.Path;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code sendToken(true)} the token never goes over plain http to another machine. */
class SpaceTokenHttpsTest {
  static final RepoId ID = RepoId.space("acme/classifier");
  @StartStop final MockWebServer hub = new MockWebServer();
  @TempDir Path home;
  SpacesClient spaces;

  @BeforeEach
  void setUp() {
    FakeTime clock = new FakeTime(Instant.parse("2026-01-01T00:00:00Z"));
    spaces = SpacesClient.create(TestSupport.configBuilder(hub, home, clock).build());
  }

  @Test
  void aPlainHttpRuntimeDomainIsRefusedBeforeAnythingIsSent() {
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING").replace("user-tmp-test-space.hf.space",
        "http://insecure.example")));
    SpaceHttpClient client = SpaceHttpClient.builder(spaces, ID).sendToken(true).build();
    HfValidationException e = assertThrows(HfValidationException.class, () -> client.get("/health"));
    assertTrue(e.getMessage().contains("plain http") && e.getMessage().contains("insecure.example"), e.getMessage());
    assertFalse(e.getMessage().contains(TestSupport.TOKEN));
    assertEquals(1, hub.getRequestCount(), "only the runtime was read");
  }

  @Test
  void aPlainHttpBaseUrlWithTheTokenIsRefusedAtBuild() {
    assertThrows(HfValidationException.class,
        () -> SpaceHttpClient.builder(spaces, ID).baseUrl("http://insecure.example/").sendToken(true).build());
  }

  @Test
  void withoutTheTokenOrOnLoopbackPlainHttpIsFine() {
    SpaceHttpClient.builder(spaces, ID).baseUrl("http://insecure.example/").build();
    SpaceHttpClient.builder(spaces, ID).baseUrl("http://127.0.0.1:8080/").sendToken(true).build();
    SpaceHttpClient.builder(spaces, ID).baseUrl("http://localhost:7860/").sendToken(true).build();
    hub.enqueue(MockResponses.json(TestSupport.runtime("RUNNING").replace("user-tmp-test-space.hf.space", "acme-classifier.hf.space")));
    assertEquals("https://acme-classifier.hf.space/",
        SpaceHttpClient.builder(spaces, ID).sendToken(true).build().baseUrl().toString());
  }
}
