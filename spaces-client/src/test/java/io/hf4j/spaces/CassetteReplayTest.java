package io.hf4j.spaces;

import io.hf4j.testfixtures.FakeTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hf4j.core.RepoId;
import io.hf4j.core.SpaceHardware;
import io.hf4j.core.internal.Json;
import io.hf4j.testfixtures.Cassettes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Replays the production cassettes recorded by the Python client: every Spaces interaction is reproduced by the
 * matching client call, which must send the recorded method, path and JSON body, and must parse the recorded
 * answer. The repo fixture (create, upload, delete) belongs to the Hub client.
 */
class CassetteReplayTest {
  @StartStop final MockWebServer hub = new MockWebServer();
  @TempDir Path home;

  static Stream<String> cassettes() {
    List<String> names = Cassettes.names();
    assertFalse(names.isEmpty(), "no cassettes in hf4j-test-fixtures");
    return names.stream();
  }

  @Test
  void everyCassetteIsReplayed() {
    assertEquals(3, cassettes().count(), "a cassette was added or removed: replay it here");
  }

  @ParameterizedTest
  @MethodSource("cassettes")
  void replay(String cassette) throws Exception {
    FakeTime clock = new FakeTime(Instant.parse("2025-03-07T12:24:00Z"));
    SpacesClient spaces = SpacesClient.create(
        TestSupport.configBuilder(hub, home, clock).maxRetries(0).build());
    int replayed = 0;
    for (Map<String, Object> interaction : interactions(cassette)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> req = (Map<String, Object>) interaction.get("request");
      @SuppressWarnings("unchecked")
      Map<String, Object> res = (Map<String, Object>) interaction.get("response");
      String method = (String) req.get("method");
      HttpUrl uri = HttpUrl.get((String) req.get("uri"));
      String path = uri.encodedPath();
      if (!path.startsWith("/api/spaces/") || path.contains("/preupload/") || path.contains("/commit/")
          || path.contains("/revision/")) {
        continue; // the Hub client's repo fixture
      }
      String requestBody = req.get("body") == null ? null : String.valueOf(req.get("body"));
      @SuppressWarnings("unchecked")
      Map<String, Object> status = (Map<String, Object>) res.get("status");
      int code = ((Number) status.get("code")).intValue();
      @SuppressWarnings("unchecked")
      String responseBody = String.valueOf(((Map<String, Object>) res.get("body")).get("string"));
      hub.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json; charset=utf-8")
          .body(responseBody).build());

      String[] seg = path.split("/");
      RepoId id = RepoId.space(seg[3] + "/" + seg[4]);
      String what = seg[5];
      @SuppressWarnings("unchecked")
      Map<String, Object> sent = requestBody == null ? null : (Map<String, Object>) TestSupport.parse(requestBody);
      Object result = call(spaces, method, what, id, sent);

      RecordedRequest recorded = hub.takeRequest();
      assertEquals(method, recorded.getMethod(), cassette + ": " + path);
      assertEquals(path + (uri.encodedQuery() == null ? "" : "?" + uri.encodedQuery()), recorded.getTarget());
      if (requestBody == null) {
        assertEquals(0, recorded.getBodySize(), "no body expected for " + method + " " + path);
      } else {
        assertEquals(TestSupport.parse(requestBody), TestSupport.parse(recorded.getBody().utf8()), method + " " + path);
        assertTrue(recorded.getHeaders().get("Content-Type").startsWith("application/json"));
      }
      assertEquals("Bearer " + TestSupport.TOKEN, recorded.getHeaders().get("Authorization"));
      checkParsed(what, method, responseBody, result);
      replayed++;
    }
    assertTrue(replayed > 0, "no Spaces interaction in " + cassette);
  }

  private static Object call(SpacesClient spaces, String method, String what, RepoId id, Map<String, Object> body) {
    switch (method + " " + what) {
      case "GET runtime":
        return spaces.getSpaceRuntime(id);
      case "POST secrets":
        spaces.addSpaceSecret(id, (String) body.get("key"), (String) body.get("value"), (String) body.get("description"));
        return null;
      case "DELETE secrets":
        spaces.deleteSpaceSecret(id, (String) body.get("key"));
        return null;
      case "GET variables":
        return spaces.getSpaceVariables(id);
      case "POST variables":
        return spaces.addSpaceVariable(id, (String) body.get("key"), (String) body.get("value"), (String) body.get("description"));
      case "DELETE variables":
        return spaces.deleteSpaceVariable(id, (String) body.get("key"));
      default:
        return fail("no client call for " + method + " " + what);
    }
  }

  @SuppressWarnings("unchecked")
  private static void checkParsed(String what, String method, String responseBody, Object result) {
    Map<String, Object> json = (Map<String, Object>) TestSupport.parse(responseBody);
    switch (what) {
      case "runtime": {
        SpaceRuntime r = (SpaceRuntime) result;
        assertEquals(json.get("stage"), r.stage().value());
        Map<String, Object> hw = (Map<String, Object>) json.get("hardware");
        assertEquals(hw.get("current"), r.hardware() == null ? null : r.hardware().value());
        assertEquals(hw.get("requested"), r.requestedHardware() == null ? null : r.requestedHardware().value());
        if (json.get("gcTimeout") != null) assertEquals(((Number) json.get("gcTimeout")).intValue(), r.sleepTime());
        else assertNull(r.sleepTime());
        assertEquals(json.keySet(), r.raw().keySet());
        assertEquals(TestSupport.parse(responseBody), TestSupport.parse(r.rawJson()));
        if (json.containsKey("domains")) assertEquals("user-tmp-test-space.hf.space", r.host());
        assertTrue(r.stage().isKnown());
        if (r.requestedHardware() != null) assertEquals(SpaceHardware.CPU_BASIC, r.requestedHardware());
        break;
      }
      case "variables": {
        Map<String, SpaceVariable> vars = (Map<String, SpaceVariable>) result;
        assertEquals(new ArrayList<>(json.keySet()), new ArrayList<>(vars.keySet()), "order kept");
        for (Map.Entry<String, Object> e : json.entrySet()) {
          Map<String, Object> v = (Map<String, Object>) e.getValue();
          SpaceVariable parsed = vars.get(e.getKey());
          assertEquals(e.getKey(), parsed.key());
          assertEquals(v.get("value"), parsed.value());
          assertEquals(v.get("description"), parsed.description());
          assertNotNull(parsed.updatedAt());
          assertEquals(Json.parseInstant((String) v.get("updatedAt")), parsed.updatedAt());
        }
        break;
      }
      case "secrets":
        assertEquals(Map.of(), json, "secrets answer {}");
        assertNull(result);
        break;
      default:
        fail("unexpected " + method + " " + what);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> interactions(String cassette) throws IOException {
    try (InputStream in = Cassettes.open(cassette)) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return (List<Map<String, Object>>) doc.get("interactions");
    }
  }
}
