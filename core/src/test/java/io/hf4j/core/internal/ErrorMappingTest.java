package io.hf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.AuthenticationException;
import io.hf4j.core.ConflictException;
import io.hf4j.core.DisabledRepoException;
import io.hf4j.core.EntryNotFoundException;
import io.hf4j.testfixtures.FakeTime;
import io.hf4j.core.GatedRepoException;
import io.hf4j.core.HfConfig;
import io.hf4j.core.HfHttpException;
import io.hf4j.core.NotFoundException;
import io.hf4j.core.PermissionDeniedException;
import io.hf4j.core.PreconditionFailedException;
import io.hf4j.core.RateLimitException;
import io.hf4j.core.RepositoryNotFoundException;
import io.hf4j.core.RevisionNotFoundException;
import io.hf4j.core.UnexpectedStatusException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {
  @StartStop final MockWebServer server = new MockWebServer();
  HfHttp http;

  @BeforeEach
  void setUp() {
    FakeTime t = new FakeTime();
    http = HfHttp.of(HfConfig.builder().endpoint(server.url("/").toString()).token("hf_x_token").clock(t).sleeper(t::sleep).maxRetries(0).build());
  }

  private HfHttpException fail(String path, MockResponse response) {
    server.enqueue(response);
    return assertThrows(HfHttpException.class, () -> http.execute(new Request.Builder().url(http.url(path)).build()));
  }

  private static MockResponse.Builder r(int code) {
    return new MockResponse.Builder().code(code);
  }

  @Test
  void repoNotFoundFromErrorCodeCarriesRequestId() {
    HfHttpException e = fail("api/models/acme/missing/preupload/main", r(404).addHeader("X-Error-Code", "RepoNotFound")
        .addHeader("X-Request-Id", "Root=1-abc;uuid").body("{\"error\":\"Repository not found\"}").build());
    assertInstanceOf(RepositoryNotFoundException.class, e);
    assertEquals("Root=1-abc;uuid", e.requestId());
    assertEquals("RepoNotFound", e.errorCode());
    assertEquals("Repository not found", e.serverMessage());
    assertTrue(e.getMessage().startsWith("404 RepoNotFound: Repository not found (GET /api/models/acme/missing/preupload/main, request id Root=1-abc;uuid)"), e.getMessage());
    assertTrue(e.getMessage().contains("Create the repo first"), e.getMessage());
  }

  @Test
  void errorCodesWinOverStatus() {
    assertInstanceOf(RevisionNotFoundException.class, fail("api/models/a/b/revision/x", r(404).addHeader("X-Error-Code", "RevisionNotFound").build()));
    assertInstanceOf(EntryNotFoundException.class, fail("a/b/resolve/main/f", r(404).addHeader("X-Error-Code", "EntryNotFound").build()));
    HfHttpException gated = fail("a/b/resolve/main/f", r(403).addHeader("X-Error-Code", "GatedRepo")
        .addHeader("X-Error-Message", "Access to model a/b is restricted and you are not in the authorized list.").build());
    assertInstanceOf(GatedRepoException.class, gated);
    assertInstanceOf(RepositoryNotFoundException.class, gated);
    assertInstanceOf(DisabledRepoException.class, fail("api/models/a/b", r(403).addHeader("X-Error-Message", "Access to this resource is disabled.").build()));
  }

  @Test
  void unauthenticatedRepoAccessIsRepoNotFoundButBadCredentialsIsAuthentication() {
    assertInstanceOf(RepositoryNotFoundException.class, fail("api/models/a/private", r(401).addHeader("X-Error-Message", "Invalid username or password.").build()));
    HfHttpException e = fail("api/models/a/b", r(401).addHeader("X-Error-Message", "Invalid credentials in Authorization header").build());
    assertInstanceOf(AuthenticationException.class, e);
    assertTrue(e.getMessage().contains("HF_TOKEN"), e.getMessage());
    assertInstanceOf(AuthenticationException.class, fail("api/whoami-v2", r(401).body("{\"error\":\"Invalid user token.\"}").build()));
  }

  @Test
  void a401OnARepoUrlWithoutErrorHeadersIsRepoNotFoundAsInPython() {
    // The Hub answers an anonymous request for a private or missing repo with a bare 401.
    assertInstanceOf(RepositoryNotFoundException.class, fail("api/models/a/private", r(401).build()));
    assertInstanceOf(RepositoryNotFoundException.class, fail("a/private/resolve/main/f.txt",
        r(401).body("{\"error\":\"Repository not found\"}").build()));
    assertInstanceOf(RepositoryNotFoundException.class, fail("api/datasets/a/b/tree/main", r(401).build()));
    // Invalid credentials stay an authentication error, said in the body only.
    assertInstanceOf(AuthenticationException.class, fail("api/models/a/b",
        r(401).body("{\"error\":\"Invalid credentials in Authorization header\"}").build()));
    assertInstanceOf(AuthenticationException.class, fail("api/whoami-v2", r(401).build()));
  }

  @Test
  void forbiddenHintsAtTokenScopes() {
    HfHttpException e = fail("api/repos/create", r(403).body("{\"error\":\"You don't have the rights to create a model under the namespace \\\"acme\\\"\"}").build());
    assertInstanceOf(PermissionDeniedException.class, e);
    assertTrue(e.getMessage().contains("fine-grained"), e.getMessage());
    assertTrue(e.getMessage().contains("rights to create a model"), e.getMessage());
  }

  /** A client module's own exception, as jobs-client's JobNotFoundException. */
  static final class ThingNotFound extends HfHttpException {
    private static final long serialVersionUID = 1L;

    ThingNotFound(io.hf4j.core.HttpFailure f) {
      super(f);
    }
  }

  interface Things {
    @retrofit2.http.GET("api/things/{id}")
    Object thing(@retrofit2.http.Path("id") String id);
  }

  @Test
  void aClientsSpecificMappingIsConsultedFirstEverywhere() {
    HfHttp things = http.withErrors(f -> f.statusCode() == 404 && f.path().startsWith("/api/things/") ? new ThingNotFound(f) : null);
    server.enqueue(r(404).body("{\"error\":\"Thing not found\"}").build());
    ThingNotFound e = assertThrows(ThingNotFound.class, () -> things.execute(new Request.Builder().url(things.url("api/things/1")).build()));
    assertEquals("Thing not found", e.serverMessage());
    server.enqueue(r(404).build());
    assertThrows(ThingNotFound.class, () -> things.service(Things.class).thing("2"));
    // Other failures keep the general rules; a 429 is always a rate limit; the plain plumbing knows nothing of things.
    server.enqueue(r(404).build());
    assertInstanceOf(NotFoundException.class, assertThrows(HfHttpException.class,
        () -> things.execute(new Request.Builder().url(things.url("api/other/1")).build())));
    server.enqueue(r(429).build());
    assertThrows(io.hf4j.core.RateLimitException.class, () -> things.service(Things.class).thing("3"));
    assertInstanceOf(NotFoundException.class, fail("api/things/4", r(404).build()));
    assertInstanceOf(NotFoundException.class, fail("api/jobs/acme/68abc", r(404).build()), "core knows no Jobs URL");
  }

  @Test
  void statusClasses() {
    assertInstanceOf(ConflictException.class, fail("api/repos/create", r(409)
        .body("{\"error\":\"You already created this space repo\",\"url\":\"https://huggingface.co/spaces/user/tmp_test_space\"}").build()));
    assertInstanceOf(PreconditionFailedException.class, fail("api/models/a/b/commit/main", r(412).build()));
    assertInstanceOf(NotFoundException.class, fail("api/unknown/route/x", r(404).build()));
    assertInstanceOf(RepositoryNotFoundException.class, fail("api/models/a/b", r(404).build()));
    assertInstanceOf(UnexpectedStatusException.class, fail("api/x", r(418).build()));
    assertInstanceOf(RateLimitException.class, fail("api/x", r(429).build()));
  }

  @Test
  void bodyShapes() {
    assertEquals("invalid_grant: token expired", fail("api/x", r(400).body("{\"error\":\"invalid_grant\",\"error_description\":\"token expired\"}").build()).serverMessage());
    assertEquals("one\ntwo", fail("api/x", r(400).body("{\"errors\":[{\"message\":\"one\"},{\"message\":\"two\"}]}").build()).serverMessage());
    assertEquals("plain text failure", fail("api/x", r(500).body("plain text failure").build()).serverMessage());
    assertNull(fail("api/x", r(502).addHeader("Content-Type", "text/html").body("<html><body>Bad gateway</body></html>").build()).serverMessage());
    assertNull(fail("api/x", r(500).body("{not json").build()).serverMessage());
  }

  @Test
  void requestIdFallsBackToTraceAndCloudFrontIds() {
    assertEquals("trace-1", fail("api/x", r(500).addHeader("X-Amzn-Trace-Id", "trace-1").build()).requestId());
    assertEquals("cf-1", fail("api/x", r(500).addHeader("X-Amz-Cf-Id", "cf-1").build()).requestId());
  }

  @Test
  void messageNeverShowsTheQueryString() {
    HfHttpException e = fail("api/x?token=abc&X-Amz-Signature=sig", r(404).build());
    assertTrue(!e.getMessage().contains("sig") && !e.getMessage().contains("abc"), e.getMessage());
  }
}
