package io.hf4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.testkit.internal.Glob;
import io.hf4j.testkit.internal.HubState;
import io.hf4j.testkit.internal.Json;
import io.hf4j.testkit.internal.Router;
import io.hf4j.testkit.spi.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit tests of the emulator's building blocks: globs, routing, JSON, the launcher's arguments. */
class SmallPartsTest {
  @Test
  void gitattributesMatchLikeGit() {
    String attrs = HubState.DEFAULT_GITATTRIBUTES + "data/** filter=lfs diff=lfs merge=lfs -text\nkeep.bin -filter\n";
    assertTrue(Glob.isLfsByAttributes(attrs, "model.safetensors"));
    assertTrue(Glob.isLfsByAttributes(attrs, "deep/dir/model.bin"));
    assertTrue(Glob.isLfsByAttributes(attrs, "saved_model/x/variables.data"));
    assertTrue(Glob.isLfsByAttributes(attrs, "archive.tar.gz"));
    assertTrue(Glob.isLfsByAttributes(attrs, "runs/events.out.tfevents.123"));
    assertTrue(Glob.isLfsByAttributes(attrs, "data/a/b.csv"));
    assertFalse(Glob.isLfsByAttributes(attrs, "keep.bin"), "a later line unsets the filter");
    assertFalse(Glob.isLfsByAttributes(attrs, "README.md"));
    assertFalse(Glob.isLfsByAttributes(attrs, "bin/readme.txt"));
  }

  @Test
  void gitignoreMatchesLikeGit() {
    String ignore = "*.log\n/build/\ncache/\n!important.log\n# comment\n";
    assertTrue(Glob.isIgnored(ignore, "a.log"));
    assertTrue(Glob.isIgnored(ignore, "x/y/a.log"));
    assertFalse(Glob.isIgnored(ignore, "important.log"));
    assertTrue(Glob.isIgnored(ignore, "build/out.o"));
    assertFalse(Glob.isIgnored(ignore, "src/build/out.o"), "a leading slash anchors");
    assertTrue(Glob.isIgnored(ignore, "src/cache/x"));
    assertFalse(Glob.isIgnored(ignore, "cache"), "a trailing slash matches directories only");
    assertFalse(Glob.isIgnored("", "a.log"));
  }

  @Test
  void faultPathGlobs() {
    assertTrue(Glob.pathPattern("/api/models/*/*/commit/**").matcher("/api/models/u/r/commit/refs%2Fpr%2F1").matches());
    assertFalse(Glob.pathPattern("/api/models/*/*").matcher("/api/models/u/r/tree").matches());
    assertTrue(Glob.pathPattern("/**").matcher("/upload/x/part/1").matches());
  }

  @Test
  void routerPrefersLiteralsAndDecodesSegments() throws Exception {
    Router router = new Router();
    router.add("GET", "/api/{a}/{b}", req -> Response.text(200, "generic"));
    router.add("GET", "/api/spaces/{b}", req -> Response.text(200, "literal"));
    router.add("GET", "/x/{name}.git/{rest...}", req -> Response.text(200, "rest"));
    assertEquals("literal", router.match("GET", "/api/spaces/x").route().handler().handle(null).headerValue("Content-Type") == null
        ? "" : "literal");
    assertEquals(Map.of("b", "x"), router.match("GET", "/api/spaces/x").params());
    assertEquals(Map.of("a", "models", "b", "refs/pr/1"), router.match("GET", "/api/models/refs%2Fpr%2F1").params());
    assertEquals(Map.of("name", "repo", "rest", "a/b c"), router.match("GET", "/x/repo.git/a/b%20c").params());
    assertEquals(Map.of("name", "repo", "rest", ""), router.match("GET", "/x/repo.git").params());
    assertNull(router.match("GET", "/x/.git/a"));
    assertNull(router.match("POST", "/api/spaces/x"));
    assertTrue(router.matches("HEAD", "/api/spaces/x"), "HEAD falls back to GET");
    assertEquals("a+b%zz", Router.decode("a+b%zz"));
    assertEquals("é", Router.decode("%C3%A9"));
  }

  @Test
  void jsonKeepsOrderAndIntegers() {
    Object v = Json.parse("{\"b\":1,\"a\":[1.5,true,null,\"s\"],\"big\":12345678901}");
    assertEquals(List.of("b", "a", "big"), List.copyOf(Json.asObject(v, "v").keySet()));
    assertEquals(1L, Json.asObject(v, "v").get("b"));
    assertEquals(12345678901L, Json.asObject(v, "v").get("big"));
    assertEquals("{\"b\":1,\"a\":[1.5,true,null,\"s\"],\"big\":12345678901}", Json.write(v));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} {}"));
  }

  @Test
  void launcherParsesItsArguments() {
    assertNull(EmulatorMain.parse(new String[] {"--help"}));
    HubEmulator.Builder b = EmulatorMain.parse(new String[] {"--port", "0", "--lfs-threshold", "100", "--chunk-size", "50"});
    try (HubEmulator hub = b.build().start()) {
      assertTrue(hub.url().startsWith("http://127.0.0.1:"));
    }
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--port"}));
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--port", "x"}));
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--nope", "1"}));
    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--port", "70000"}));
  }

  @Test
  void storageListensOnBothLoopbacksWhenIpv6Exists() throws Exception {
    boolean ipv6;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
      ipv6 = probe.getLocalPort() > 0;
    } catch (java.io.IOException e) {
      ipv6 = false;
    }
    try (HubEmulator hub = HubEmulator.builder().build().start()) {
      int port = okhttp3.HttpUrl.get(hub.storageUrl()).port();
      assertTrue(hub.storageUrl().startsWith("http://localhost:"));
      assertEquals(404, new TestHttp("http://127.0.0.1:" + port).get("/nothing", null).code());
      if (ipv6) {
        assertEquals(404, new TestHttp("http://[::1]:" + port).get("/nothing", null).code());
      }
    }
  }

  @Test
  void builderValidates() {
    assertThrows(IllegalArgumentException.class, () -> HubEmulator.builder().lfsThreshold(0));
    assertThrows(IllegalArgumentException.class, () -> HubEmulator.builder().multipartChunkSize(0));
    assertThrows(IllegalArgumentException.class, () -> HubEmulator.builder().rateLimit("api", 0, java.time.Duration.ofSeconds(1)));
    assertThrows(IllegalStateException.class, () -> HubEmulator.builder().token("ghost", "hf_x", TokenRole.WRITE).build());
    try (HubEmulator hub = HubEmulator.builder().user("alice").user("bob").org("acme", "alice")
        .token("alice", "hf_alice", TokenRole.WRITE).token("bob", "hf_bob", TokenRole.READ).build().start()) {
      assertEquals("hf_alice", hub.writeToken());
      assertEquals("hf_bob", hub.readToken());
      assertEquals("alice", hub.userName());
      TestHttp http = new TestHttp(hub.url());
      assertEquals(401, http.get("/api/whoami-v2", HubEmulator.DEFAULT_WRITE_TOKEN).code(), "no default users then");
      assertEquals("acme", Fixtures.path(http.get("/api/whoami-v2", "hf_alice").json(), "orgs", "0", "name"));
    }
  }
}
