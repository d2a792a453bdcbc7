package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.Json;
import io.hf4j.testfixtures.Cassettes;
import io.hf4j.testkit.spi.EmulatorModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Replays every recorded production exchange of the shared cassettes ({@link Cassettes}, hf4j-test-fixtures)
 * against the emulator and compares status codes and JSON shapes (keys and value types). Space runtime/secrets/variables routes come
 * from the Spaces module: when it is installed every interaction must replay; without it (a build of the core
 * alone) the Space interactions must answer 404 "no route" and be exactly the known Space ones (see
 * EXTENDING.md).
 */
class CassetteReplayTest {
  private static final String TOKEN = "hf_cassette_user";
  private static final Pattern SPACE_ONLY = Pattern.compile("/api/spaces/[^/]+/[^/]+/(runtime|secrets|variables|pause|restart)");

  static Stream<String> cassettes() {
    List<String> names = Cassettes.names();
    assertFalse(names.isEmpty(), "no cassette found");
    return names.stream();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> interactions(String cassette) throws IOException {
    try (InputStream in = Cassettes.open(cassette)) {
      Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      return (List<Map<String, Object>>) doc.get("interactions");
    }
  }

  @SuppressWarnings("unchecked")
  private static String first(Map<String, Object> headers, String name) {
    for (Map.Entry<String, Object> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return ((List<String>) e.getValue()).get(0);
      }
    }
    return null;
  }

  @ParameterizedTest
  @MethodSource("cassettes")
  @SuppressWarnings("unchecked")
  void replaysWithSameStatusesAndJsonShapes(String cassette) throws IOException {
    List<Map<String, Object>> interactions = interactions(cassette);
    List<String> replayed = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    try (HubEmulator hub = HubEmulator.builder().user("user").token("user", TOKEN, TokenRole.WRITE).build().start()) {
      TestHttp http = new TestHttp(hub.url());
      Map<String, Object> firstResponse = (Map<String, Object>) interactions.get(0).get("response");
      if ((int) ((Map<String, Object>) firstResponse.get("status")).get("code") == 409) {
        // The recording ran against a Space that already existed (exist_ok): recreate that precondition.
        hub.repos().create(RepoType.SPACE, "user/tmp_test_space", true, Map.of("sdk", "gradio"));
      }
      int n = 0;
      for (Map<String, Object> interaction : interactions) {
        n++;
        Map<String, Object> req = (Map<String, Object>) interaction.get("request");
        Map<String, Object> resp = (Map<String, Object>) interaction.get("response");
        String method = (String) req.get("method");
        HttpUrl recordedUrl = HttpUrl.get((String) req.get("uri"));
        String url = hub.url() + recordedUrl.encodedPath() + (recordedUrl.encodedQuery() == null ? "" : "?" + recordedUrl.encodedQuery());
        String label = cassette + " #" + n + " " + method + " " + recordedUrl.encodedPath();
        Map<String, Object> reqHeaders = (Map<String, Object>) req.get("headers");
        String contentType = first(reqHeaders, "Content-Type");
        String body = (String) req.get("body");
        RequestBody requestBody = body == null
            ? (method.equals("GET") || method.equals("HEAD") ? null : RequestBody.create(new byte[0], null))
            : RequestBody.create(body.getBytes(StandardCharsets.UTF_8), contentType == null ? null : MediaType.get(contentType));
        Request request = http.request(url, TOKEN).method(method, requestBody).build();
        TestHttp.Reply reply = http.execute(request);

        int expectedStatus = (int) ((Map<String, Object>) resp.get("status")).get("code");
        if (!hub.context().routes().matches(method, recordedUrl.encodedPath())) {
          assertTrue(SPACE_ONLY.matcher(recordedUrl.encodedPath()).matches(), label + ": no route for a non-Space interaction");
          assertEquals(404, reply.code(), label + ": an unserved route must answer 404");
          pending.add(label);
          continue;
        }
        replayed.add(label);
        assertEquals(expectedStatus, reply.code(), label + " -> " + reply.text());
        String recordedBody = (String) ((Map<String, Object>) resp.get("body")).get("string");
        String recordedType = first((Map<String, Object>) resp.get("headers"), "Content-Type");
        if (recordedType != null && recordedType.startsWith("application/json")) {
          assertTrue(reply.header("Content-Type").startsWith("application/json"), label + ": content type");
          assertSameShape(label, Json.parse(recordedBody), reply.json());
        } else {
          assertEquals(recordedBody, reply.text(), label);
          assertEquals(recordedType, reply.header("Content-Type"), label);
        }
      }
    }
    System.out.println(cassette + ": replayed " + replayed.size() + ", pending Space routes "
        + pending.size() + " " + pending);
    if (spacesModuleInstalled()) {
      assertEquals(List.of(), pending, "the Spaces module is installed: every Space interaction must replay");
    }
    assertEquals(interactions.size(), replayed.size() + pending.size());
    assertTrue(replayed.size() >= 5, "the repo-level interactions (create, preupload, revision, commit, delete) replay");
  }

  /** Whether the Spaces emulation ({@code io.hf4j.testkit.spaces}) is on the class path as a module. */
  private static boolean spacesModuleInstalled() {
    return ServiceLoader.load(EmulatorModule.class).stream()
        .anyMatch(p -> p.type().getPackageName().equals("io.hf4j.testkit.spaces"));
  }

  /** Same JSON types, same object keys, same array lengths, recursively. */
  static void assertSameShape(String where, Object recorded, Object actual) {
    String kr = kind(recorded);
    String ka = kind(actual);
    if (!kr.equals(ka)) {
      fail(where + ": expected " + kr + " but was " + ka + " (" + Json.write(actual) + ")");
    }
    if (recorded instanceof Map<?, ?>) {
      Map<?, ?> r = (Map<?, ?>) recorded;
      Map<?, ?> a = (Map<?, ?>) actual;
      assertEquals(r.keySet(), a.keySet(), where + ": keys");
      for (Object k : r.keySet()) {
        assertSameShape(where + "." + k, r.get(k), a.get(k));
      }
    } else if (recorded instanceof List<?>) {
      List<?> r = (List<?>) recorded;
      List<?> a = (List<?>) actual;
      assertEquals(r.size(), a.size(), where + ": array length");
      for (int i = 0; i < r.size(); i++) {
        assertSameShape(where + "[" + i + "]", r.get(i), a.get(i));
      }
    }
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map<?, ?>) {
      return "object";
    }
    if (v instanceof List<?>) {
      return "array";
    }
    if (v instanceof Number) {
      return "number";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    return "string";
  }

  @Test
  void shapeComparisonCatchesDifferences() {
    assertSameShape("same", Json.parse("{\"a\":1,\"b\":[\"x\"],\"c\":null}"), Json.parse("{\"a\":2,\"b\":[\"y\"],\"c\":null}"));
    for (String other : List.of("{\"a\":\"1\",\"b\":[\"x\"],\"c\":null}", "{\"a\":1,\"b\":[],\"c\":null}",
        "{\"a\":1,\"b\":[\"x\"]}", "{\"a\":1,\"b\":[\"x\"],\"c\":{}}")) {
      boolean failed;
      try {
        assertSameShape("diff", Json.parse("{\"a\":1,\"b\":[\"x\"],\"c\":null}"), Json.parse(other));
        failed = false;
      } catch (AssertionError expected) {
        failed = true;
      }
      assertTrue(failed, other);
    }
  }
}
