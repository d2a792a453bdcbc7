package io.hf4j.core;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigTest {
  @TempDir Path home;

  private Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("HF_HOME", home.toString());
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void defaultsWithoutEnvironment() {
    HfConfig c = HfConfig.builder().build();
    assertEquals("https://huggingface.co/", c.endpoint().toString());
    assertNull(c.token());
    assertEquals(5, c.maxRetries());
    assertEquals(Duration.ofSeconds(10), c.connectTimeout());
    assertTrue(c.userAgent().startsWith("hf4j/"), c.userAgent());
    assertTrue(c.userAgent().contains("; java/" + System.getProperty("java.version")), c.userAgent());
  }

  @Test
  void endpointFromEnvironmentLosesTrailingSlash() {
    HfConfig c = HfConfig.builder().fromEnv(env("HF_ENDPOINT", "http://127.0.0.1:9000/")).build();
    assertEquals("127.0.0.1", c.endpoint().host());
    assertEquals(9000, c.endpoint().port());
  }

  @Test
  void webUrlsHaveNoDoubleSlash() {
    HfConfig c = HfConfig.builder().endpoint("http://127.0.0.1:8080/").build();
    assertEquals("http://127.0.0.1:8080/spaces/a/b", c.webUrl("spaces/a/b"));
    assertEquals("http://127.0.0.1:8080/a/b", c.webUrl("/a/b"));
    assertEquals("https://proxy.example/hf/a", HfConfig.builder().endpoint("https://proxy.example/hf").build().webUrl("a"));
  }

  @Test
  void explicitEndpointBeatsEnvironment() {
    HfConfig c = HfConfig.builder().fromEnv(env("HF_ENDPOINT", "http://a.example")).endpoint("http://b.example").build();
    assertEquals("b.example", c.endpoint().host());
  }

  @Test
  void malformedEndpointIsATypedErrorNamingTheVariable() {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> HfConfig.builder().fromEnv(env("HF_ENDPOINT", "not a url")).build());
    assertTrue(e.getMessage().contains("HF_ENDPOINT"), e.getMessage());
  }

  @Test
  void tokenResolutionOrderFollowsPython() throws Exception {
    Files.writeString(home.resolve("token"), "hf_fromfile\n");
    assertEquals(HfToken.Source.EXPLICIT, HfConfig.builder().fromEnv(env("HF_TOKEN", "hf_env")).token("hf_explicit").build().requireToken("test").source());
    HfToken t = HfConfig.builder().fromEnv(env("HF_TOKEN", "hf_env", "HUGGING_FACE_HUB_TOKEN", "hf_legacy")).build().requireToken("test");
    assertEquals(HfToken.Source.HF_TOKEN_ENV, t.source());
    assertEquals("hf_env", t.reveal());
    t = HfConfig.builder().fromEnv(env("HUGGING_FACE_HUB_TOKEN", "hf_legacy")).build().requireToken("test");
    assertEquals(HfToken.Source.HUGGING_FACE_HUB_TOKEN_ENV, t.source());
    t = HfConfig.builder().fromEnv(env()).build().requireToken("test");
    assertEquals(HfToken.Source.TOKEN_FILE, t.source());
    assertEquals("hf_fromfile", t.reveal());
  }

  @Test
  void blankEnvironmentTokenFallsThroughToTheFile() throws Exception {
    Files.writeString(home.resolve("token"), "  hf_fromfile \r\n");
    HfToken t = HfConfig.builder().fromEnv(env("HF_TOKEN", "  ")).build().requireToken("test");
    assertEquals("hf_fromfile", t.reveal());
  }

  @Test
  void tokenPathVariableIsHonoured() throws Exception {
    Path custom = home.resolve("elsewhere");
    Files.writeString(custom, "hf_custom");
    HfConfig c = HfConfig.builder().fromEnv(env("HF_TOKEN_PATH", custom.toString())).build();
    assertEquals("hf_custom", c.requireToken("test").reveal());
    assertEquals(custom, c.tokenPath());
  }

  @Test
  void disableImplicitTokenIgnoresMachineTokens() throws Exception {
    Files.writeString(home.resolve("token"), "hf_fromfile");
    HfConfig c = HfConfig.builder().fromEnv(env("HF_TOKEN", "hf_env", "HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")).build();
    assertNull(c.token());
    assertEquals("hf_x", HfConfig.builder().fromEnv(env("HF_HUB_DISABLE_IMPLICIT_TOKEN", "true")).token("hf_x").build().requireToken("test").reveal());
  }

  @Test
  void noTokenWinsOverEnvironment() {
    assertNull(HfConfig.builder().fromEnv(env("HF_TOKEN", "hf_env")).noToken().build().token());
  }

  @Test
  void homeAndCacheFolders() {
    HfConfig c = HfConfig.builder().fromEnv(env()).build();
    assertEquals(home, c.hfHome());
    assertEquals(home.resolve("hub"), c.hubCache());
    assertEquals(home.resolve("token"), c.tokenPath());
    Map<String, String> xdg = new HashMap<>();
    xdg.put("XDG_CACHE_HOME", home.toString());
    xdg.put("HUGGINGFACE_HUB_CACHE", home.resolve("legacy").toString());
    HfConfig x = HfConfig.builder().fromEnv(xdg).build();
    assertEquals(home.resolve("huggingface"), x.hfHome());
    assertEquals(home.resolve("legacy"), x.hubCache());
  }

  @Test
  void switchesAreReadWithPythonTruthiness() {
    HfConfig c = HfConfig.builder().fromEnv(env("HF_HUB_OFFLINE", "yes", "HF_DEBUG", "ON", "HF_HUB_ETAG_TIMEOUT", "2.5",
        "HF_HUB_DISABLE_SYMLINKS", "1", "HF_HUB_USER_AGENT_ORIGIN", "ci")).build();
    assertTrue(c.offline());
    assertTrue(c.debugRequests());
    assertTrue(c.disableSymlinks());
    assertEquals(Duration.ofMillis(2500), c.etagTimeout());
    assertTrue(c.userAgent().endsWith("; origin/ci"), c.userAgent());
    assertFalse(HfConfig.builder().fromEnv(env("HF_HUB_OFFLINE", "0")).build().offline());
  }

  @Test
  void xetIsOnUnlessTheVariableOrTheBuilderTurnsItOff() {
    assertFalse(HfConfig.builder().fromEnv(env()).build().disableXet());
    assertTrue(HfConfig.builder().fromEnv(env("HF_HUB_DISABLE_XET", "1")).build().disableXet());
    assertFalse(HfConfig.builder().fromEnv(env("HF_HUB_DISABLE_XET", "1")).disableXet(false).build().disableXet());
    assertTrue(HfConfig.builder().fromEnv(env()).disableXet(true).build().toBuilder().build().disableXet());
  }

  @Test
  void malformedTimeoutNamesTheVariable() {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> HfConfig.builder().fromEnv(env("HF_HUB_DOWNLOAD_TIMEOUT", "ten")).build());
    assertTrue(e.getMessage().contains("HF_HUB_DOWNLOAD_TIMEOUT"));
  }

  @Test
  void settersRejectBadValuesWithTypedErrors() {
    assertThrows(HfValidationException.class, () -> HfConfig.builder().maxRetries(-1));
    assertThrows(HfValidationException.class, () -> HfConfig.builder().jitter(1.5));
    assertThrows(HfValidationException.class, () -> HfConfig.builder().readTimeout(Duration.ofSeconds(-1)));
    assertThrows(HfValidationException.class, () -> HfConfig.builder().token("  \n"));
    assertThrows(HfValidationException.class, () -> HfConfig.builder().header("Authorization", "Bearer x"));
  }

  @Test
  void tokenNeverPrinted() {
    HfConfig c = HfConfig.builder().token("hf_supersecretvalue").build();
    assertFalse(c.toString().contains("hf_supersecretvalue"), c.toString());
    assertFalse(c.requireToken("test").toString().contains("hf_supersecretvalue"));
  }

  @Test
  void requireTokenSaysWhereItLooked() {
    HfConfig c = HfConfig.builder().fromEnv(env()).build();
    LocalTokenNotFoundException e = assertThrows(LocalTokenNotFoundException.class, () -> c.requireToken("create a repo"));
    assertTrue(e.getMessage().contains("HF_TOKEN"));
    assertTrue(e.getMessage().contains(home.resolve("token").toString()));
  }

  @Test
  void derivedConfigSharesTheConnectionPool() {
    HfConfig a = HfConfig.builder().build();
    HfConfig b = a.toBuilder().readTimeout(Duration.ofMinutes(5)).build();
    assertTrue(a.httpClient().connectionPool() == b.httpClient().connectionPool());
    assertEquals(Duration.ofMinutes(5).toMillis(), b.httpClient().readTimeoutMillis());
    assertTrue(a.httpClient() == a.httpClient());
  }
}
